#pragma once
// Pinyin for the forgiving search: the reading of each ideograph, taken at
// build time from the rules of ICU's Han-Latin transliterator, so that a
// query typed in pinyin or with a wrong character of the same sound finds
// the site's own words (docs/search-index.md, "Pinyin and the vocabulary").
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bulletin::search {

/// Every ideograph of the Basic Multilingual Plane that ICU's Han-Latin
/// rules give one reading for, with that reading in lower-case ASCII without
/// tones (ü written v: 绿 is "lv"), sorted by code point. Built once per process.
const std::vector<std::pair<char32_t, std::string>>& han_pinyin();

/// The reading of one ideograph, or "" when it has none.
std::string_view pinyin_of(char32_t c);

/// The readings of a word's characters joined by spaces ("物业" is "wu ye"),
/// or "" unless every character is an ideograph with a reading.
std::string pinyin_key(std::u32string_view word);

}  // namespace bulletin::search
