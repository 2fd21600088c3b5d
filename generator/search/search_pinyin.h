#pragma once
// Pinyin for the forgiving search: the readings of each ideograph, taken at
// build time from the rules of ICU's Han-Latin transliterator and, for the
// ideographs that the standard dictionary reads in several ways (行 xing and
// hang) or otherwise than ICU, from Unicode's Unihan database, so that a query typed in pinyin or with a wrong character of the
// same sound finds the site's own words (docs/search-index.md, "Pinyin and
// the vocabulary").
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bulletin::search {

/// Every ideograph of the Basic Multilingual Plane that ICU's Han-Latin
/// rules read, with its readings in lower-case ASCII without tones (ü
/// written v: 绿 is "lv"), joined by commas: ICU's reading first, then the
/// others that 通用规范汉字字典 gives (Unihan's kTGHZ2013): 行 is "xing,hang,heng".
/// Sorted by code point; built once per process.
const std::vector<std::pair<char32_t, std::string_view>>& han_readings();

/// The readings of one ideograph ("xing,hang,heng"), or "" when it has none.
std::string_view readings_of(char32_t c);

/// Its first reading, ICU's ("xing"), or "".
std::string_view pinyin_of(char32_t c);

/// The readings of a word's characters joined by spaces, each character's
/// own readings by commas ("银行" is "yin xing,hang,heng"), or "" unless every
/// character is an ideograph with a reading.
std::string pinyin_key(std::u32string_view word);

/// How many readings of a word the sound table and the suggestions try at most.
inline constexpr std::size_t max_reading_combinations = 8;

/// Each reading of a word whose key (pinyin_key) gives some of its
/// characters several: "zhong,chong qing" gives "zhong qing", "chong qing".
/// The first character's readings vary slowest; at most `limit`.
std::vector<std::string> reading_combinations(std::string_view key, std::size_t limit = max_reading_combinations);

/// The initials of one reading: "wu ye guan li" gives "wygl".
std::string reading_initials(std::string_view reading);

}  // namespace bulletin::search
