#include "search_tokenize.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace bulletin::search {
namespace {

// Multi-character measures come first so the longest one wins.
constexpr std::array<std::u32string_view, 11> multi_measures = {
    U"平方公里", U"平方米", U"立方米", U"公里", U"千米", U"公斤", U"千克",
    U"小时", U"分钟", U"人次", U"户次"};
constexpr std::u32string_view single_measures =
    U"元角人户家个座所次件份名辆艘套间项条台张本批场起宗处吨米岁天周年月日号"
    U"时分秒倍亩斤克只头株篇期届类种组支队层栋幢床位班笔例款部趟轮册度瓦%‰";
constexpr std::u32string_view multipliers = U"万亿千百";
constexpr std::u32string_view approximations = U"余多";
constexpr std::u32string_view date_suffixes = U"底初末";

bool contains(std::u32string_view set, char32_t c) { return set.find(c) != std::u32string_view::npos; }
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_han(char32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN;
}
// Letters, marks and numbers other than ASCII digits make up words; an
// ideograph is a letter to Unicode, so callers test is_han first.
bool is_word_char(char32_t c) {
    return (U_GET_GC_MASK(static_cast<UChar32>(c)) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

using Map = std::unordered_map<char32_t, char32_t>;

const Map& t2s_map() {
    static const Map map = [] {
        Map m;
        for (auto [from, to] : traditional_to_simplified()) m.emplace(from, to);
        return m;
    }();
    return map;
}

/// Length of the number (digits, at most one decimal point between digits)
/// starting at `i`, or 0 when there is no digit there.
size_t number_length(std::u32string_view s, size_t i) {
    size_t j = i;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j > i && j + 1 < s.size() && s[j] == U'.' && is_digit(s[j + 1])) {
        ++j;
        while (j < s.size() && is_digit(s[j])) ++j;
    }
    return j - i;
}

size_t measure_length(std::u32string_view s, size_t i) {
    for (auto m : multi_measures)
        if (s.substr(i, m.size()) == m) return m.size();
    return i < s.size() && contains(single_measures, s[i]) ? 1 : 0;
}

/// The number at `i` (length `n`) with the units after it, as cut points:
/// every prefix ending at a cut is a token.
std::vector<size_t> number_cuts(std::u32string_view s, size_t i, size_t n) {
    std::vector<size_t> cuts;
    size_t k = i + n;
    for (;;) {
        for (int m = 0; m < 2 && k < s.size() && contains(multipliers, s[k]); ++m) cuts.push_back(++k);
        if (k < s.size() && contains(approximations, s[k])) cuts.push_back(++k);
        size_t measure = measure_length(s, k);
        if (measure == 0) break;
        char32_t unit = s[k];
        k += measure;
        cuts.push_back(k);
        if (measure == 1 && (unit == U'年' || unit == U'月')) {
            if (size_t next = number_length(s, k); next > 0) {
                k += next;
                cuts.push_back(k);
                continue;
            }
        }
        if (measure == 1 && (unit == U'年' || unit == U'月' || unit == U'日') && k < s.size() &&
            contains(date_suffixes, s[k]))
            cuts.push_back(++k);
        break;
    }
    return cuts;
}

}  // namespace

const std::vector<std::pair<char32_t, char32_t>>& traditional_to_simplified() {
    // Built from ICU so the table follows the installed Unicode data; one
    // transliteration of every ideograph, newline-separated, is ~100 ms.
    static const std::vector<std::pair<char32_t, char32_t>> table = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t2s(
            icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
        icu::UnicodeSet han(u"[:Script=Han:]", status);
        if (U_FAILURE(status)) throw std::runtime_error("ICU Traditional-Simplified is unavailable");
        // Only ideographs the transliterator may change can map to another:
        // 3,462 of the 98,408 here; the table takes 2 ms instead of 45 ms.
        icu::UnicodeSet changeable;
        t2s->getSourceSet(changeable);
        han.retainAll(changeable);
        std::vector<UChar32> chars;
        icu::UnicodeString all;
        for (int32_t r = 0; r < han.getRangeCount(); ++r)
            for (UChar32 c = han.getRangeStart(r); c <= han.getRangeEnd(r); ++c) {
                chars.push_back(c);
                all.append(c).append(u'\n');
            }
        t2s->transliterate(all);
        std::vector<std::pair<char32_t, char32_t>> pairs;
        int32_t start = 0;
        for (UChar32 from : chars) {
            int32_t end = all.indexOf(u'\n', start);
            icu::UnicodeString line(all, start, end - start);
            start = end + 1;
            if (line.countChar32() == 1 && line.char32At(0) != from)
                pairs.emplace_back(static_cast<char32_t>(from), static_cast<char32_t>(line.char32At(0)));
        }
        return pairs;
    }();
    return table;
}

std::string to_utf8(std::u32string_view text) {
    std::string out;
    for (char32_t c : text) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

std::u32string fold(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC_Casefold is unavailable");
    icu::UnicodeString folded = nfkc_cf->normalize(
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))), status);
    const Map& t2s = t2s_map();
    std::u32string out;
    out.reserve(static_cast<size_t>(folded.length()));
    for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
        auto c = static_cast<char32_t>(folded.char32At(i));
        auto it = t2s.find(c);
        out += it == t2s.end() ? c : it->second;
    }
    return out;
}

std::vector<Token> tokenize(std::string_view utf8, int first_position) {
    const std::u32string s = fold(utf8);
    std::vector<Token> tokens;
    int position = first_position;
    size_t i = 0;
    while (i < s.size()) {
        if (is_han(s[i])) {
            size_t end = i;
            while (end < s.size() && is_han(s[end])) ++end;
            for (size_t k = i; k < end; ++k, ++position) {
                if (k + 1 < end) tokens.push_back({to_utf8(s.substr(k, 2)), position, TokenKind::Bigram});
                tokens.push_back({to_utf8(s.substr(k, 1)), position, TokenKind::Unigram});
            }
            i = end;
        } else if (is_word_char(s[i])) {
            size_t end = i;
            bool letters = false;
            while (end < s.size() && !is_han(s[end]) && is_word_char(s[end])) letters |= !is_digit(s[end++]);
            if (letters) {
                tokens.push_back({to_utf8(s.substr(i, end - i)), position++, TokenKind::Word});
                i = end;
                continue;
            }
            // All digits: a number, whose decimal point may follow.
            size_t n = number_length(s, i);
            tokens.push_back({to_utf8(s.substr(i, n)), position, TokenKind::Number});
            for (size_t cut : number_cuts(s, i, n))
                tokens.push_back({to_utf8(s.substr(i, cut - i)), position, TokenKind::Number});
            ++position;
            i += n;
        } else {
            ++i;
        }
    }
    return tokens;
}

}  // namespace bulletin::search
