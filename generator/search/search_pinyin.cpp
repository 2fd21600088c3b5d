#include "search_pinyin.h"

#include <unicode/normalizer2.h>
#include <unicode/ures.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace bulletin::search {
namespace {

struct BundleCloser {
    void operator()(UResourceBundle* b) const { ures_close(b); }
};
using Bundle = std::unique_ptr<UResourceBundle, BundleCloser>;

/// The source text of ICU's Han-Latin rules ("Hani-Latn" in ICU's data):
/// `[一弌…]→yī;` for each reading. Compiling them into a transliterator costs
/// 0.2 s and running it over every ideograph another 0.6 s; reading the one
/// rule that names a character costs nothing, and gives the same reading.
icu::UnicodeString han_latin_rules() {
    UErrorCode status = U_ZERO_ERROR;
    Bundle root(ures_openDirect(U_ICUDATA_NAME "-translit", "root", &status));
    Bundle ids(ures_getByKey(root.get(), "RuleBasedTransliteratorIDs", nullptr, &status));
    Bundle id(ures_getByKey(ids.get(), "Hani-Latn", nullptr, &status));
    Bundle file(ures_getByKey(id.get(), "file", nullptr, &status));
    int32_t length = 0;
    const UChar* text = ures_getStringByKey(file.get(), "resource", &length, &status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU's Han-Latin rules are unavailable");
    return icu::UnicodeString(text, length);
}

/// "lǜ" to "lv", "yī" to "yi": letters without their tone marks, ü as v.
std::string plain_reading(const icu::UnicodeString& reading) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString nfd = icu::Normalizer2::getNFDInstance(status)->normalize(reading, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFD failed");
    std::string out;
    for (int32_t i = 0; i < nfd.length(); ++i) {
        const char16_t c = nfd.charAt(i);
        if (c == 0x0308 && !out.empty() && out.back() == 'u') out.back() = 'v';
        else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
        else if (c >= 'a' && c <= 'z') out += static_cast<char>(c);
    }
    return out;
}

}  // namespace

const std::vector<std::pair<char32_t, std::string>>& han_pinyin() {
    static const std::vector<std::pair<char32_t, std::string>> table = [] {
        const icu::UnicodeString rules = han_latin_rules();
        std::vector<std::pair<char32_t, std::string>> pairs;
        int32_t start = 0;
        while (start < rules.length()) {
            int32_t end = rules.indexOf(u';', start);
            if (end < 0) end = rules.length();
            icu::UnicodeString rule(rules, start, end - start);
            start = end + 1;
            rule.trim();
            // Only `[set]→reading`: the few rules with a context ({重}庆) read
            // a character in one word, not the character.
            const int32_t arrow = rule.indexOf(u'→');
            if (arrow < 2 || rule.charAt(0) != u'[' || rule.charAt(arrow - 1) != u']') continue;
            UErrorCode status = U_ZERO_ERROR;
            icu::UnicodeSet set(icu::UnicodeString(rule, 0, arrow), status);
            if (U_FAILURE(status)) continue;
            const std::string reading = plain_reading(icu::UnicodeString(rule, arrow + 1).trim());
            if (reading.empty()) continue;
            for (int32_t r = 0; r < set.getRangeCount(); ++r)
                for (UChar32 c = set.getRangeStart(r); c <= set.getRangeEnd(r) && c < 0x10000; ++c)
                    if (c >= 0x3400) pairs.emplace_back(static_cast<char32_t>(c), reading);
        }
        // A character listed twice keeps its first reading, the rules' own choice.
        std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        pairs.erase(std::unique(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
                    pairs.end());
        return pairs;
    }();
    return table;
}

std::string_view pinyin_of(char32_t c) {
    const auto& table = han_pinyin();
    auto it = std::lower_bound(table.begin(), table.end(), c, [](const auto& p, char32_t x) { return p.first < x; });
    return it != table.end() && it->first == c ? std::string_view(it->second) : std::string_view();
}

std::string pinyin_key(std::u32string_view word) {
    std::string out;
    for (char32_t c : word) {
        const std::string_view reading = pinyin_of(c);
        if (reading.empty()) return {};
        if (!out.empty()) out += ' ';
        out += reading;
    }
    return out;
}

}  // namespace bulletin::search
