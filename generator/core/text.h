#pragma once
// Small text utilities shared by every stage: UTF-8, escaping, numerals, slugs.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/utf8.h>

namespace bulletin {

// UTF-8 is decoded with ICU's macros (unicode/utf8.h) everywhere; these two
// step over one code point, an ill-formed sequence counting as one.

/// The byte offset of the code point after the one at byte `i` (< s.size()).
inline std::size_t next_code_point(std::string_view s, std::size_t i) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    U8_FWD_1(p, i, s.size());
    return i;
}

/// The byte offset where the code point that ends at byte `i` starts; 0 when `i` is 0.
inline std::size_t previous_code_point(std::string_view s, std::size_t i) {
    if (i == 0) return 0;
    auto at = static_cast<int32_t>(i);
    U8_BACK_1(reinterpret_cast<const uint8_t*>(s.data()), 0, at);
    return static_cast<std::size_t>(at);
}

/// Where the first invalid UTF-8 sequence is (byte offset), or nullopt if `s` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

/// 1-based line and column (in code points) of byte `offset` in `s`.
std::pair<int, int> line_column(std::string_view s, std::size_t offset);

/// The text of 1-based line `line` of `s`, without its newline.
std::string line_text(std::string_view s, int line);

/// The first `n` code points of `s`.
std::string utf8_prefix(std::string_view s, int n);

/// Terminal cells `s` takes: 2 for East Asian wide and full-width characters.
int display_width(std::string_view s);

/// Number of code points.
std::size_t utf8_length(std::string_view s);

/// `&`, `<`, `>`, `"` and `'` as entities for XML (Atom, sitemap); control characters XML forbids are dropped.
std::string xml_escape(std::string_view s);

/// Chinese numeral for 1..9999 as bulletins number projects: 1 一, 10 十,
/// 13 十三, 20 二十, 101 一百零一, 110 一百一十.
std::string chinese_numeral(int n);

/// A slug as URLs use it: [a-z0-9]+ runs joined by single hyphens.
bool is_valid_slug(std::string_view s);

/// The nearest valid slug to `s` (lower case, other characters to hyphens),
/// or "" when nothing of it is usable.
std::string suggest_slug(std::string_view s);

/// Edit distance in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// Shortest decimal form that reads back as the same double (71, 8.98, 6.6525).
std::string format_number(double v);

/// At most `max_chars` code points of `s`: cut after the last full stop (。)
/// that keeps at least a third of them, else at the limit with "…".
std::string excerpt(std::string_view s, std::size_t max_chars);

/// Runs of white space (including line breaks) become one space; trimmed.
std::string collapse_whitespace(std::string_view s);

}  // namespace bulletin
