#include "search_pinyin.h"

#include <unicode/normalizer2.h>
#include <unicode/ures.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <deque>
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

/// The ideographs that 通用规范汉字字典 reads in several ways or otherwise
/// than ICU, each followed by its readings ("行hang,heng,xing..."), from
/// Unihan (search_readings_unihan.inc, made by unihan_readings.py).
constexpr std::string_view unihan_readings =
#include "search_readings_unihan.inc"
    ;

/// The next code point of UTF-8 `s` at `i` (valid UTF-8 only: the table above).
char32_t next_utf8(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i++]);
    if (b < 0x80) return b;
    const int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
    char32_t c = b & (0x3F >> extra);
    for (int k = 0; k < extra; ++k) c = c << 6 | (static_cast<unsigned char>(s[i++]) & 0x3F);
    return c;
}

struct Readings {
    std::deque<std::string> texts;               // stable storage for the views below
    std::vector<std::string_view> by_char;       // BMP code point -> "xing,hang,heng"
    std::vector<std::pair<char32_t, std::string_view>> list;
};

/// Reads the `[set]→reading;` rules by hand: the sets are lists of
/// characters and `a-b` ranges, and parsing ~1,500 of them as UnicodeSets
/// was most of the cost of the table.
Readings build_readings() {
    Readings r;
    r.by_char.assign(0x10000, {});
    const icu::UnicodeString rules = han_latin_rules();
    const char16_t* s = rules.getBuffer();
    const int32_t n = rules.length();
    int32_t start = 0;
    while (start < n) {
        int32_t end = start;
        while (end < n && s[end] != u';') ++end;
        int32_t i = start;
        start = end + 1;
        while (i < end && (s[i] == u' ' || s[i] == u'\n' || s[i] == u'\r' || s[i] == u'\t')) ++i;
        // Only `[set]→reading`: the few rules with a context ({重}庆) read a
        // character in one word; Unihan's readings below cover them.
        if (i >= end || s[i] != u'[') continue;
        int32_t close = i + 1;
        while (close < end && s[close] != u']') ++close;
        if (close + 1 >= end || s[close + 1] != u'→') continue;
        const std::string reading = plain_reading(icu::UnicodeString(rules, close + 2, end - close - 2).trim());
        if (reading.empty()) continue;
        const std::string& stored = r.texts.emplace_back(reading);
        int32_t k = i + 1;
        while (k < close) {
            UChar32 first;
            U16_NEXT(s, k, close, first);
            UChar32 last = first;
            if (k + 1 < close && s[k] == u'-') {
                ++k;
                U16_NEXT(s, k, close, last);
            }
            for (UChar32 c = first; c <= last && c < 0x10000; ++c)
                // A character listed twice keeps its first reading, the rules' own choice.
                if (c >= 0x3400 && r.by_char[static_cast<std::size_t>(c)].empty())
                    r.by_char[static_cast<std::size_t>(c)] = stored;
        }
    }
    // ICU's reading first, then the other readings of 通用规范汉字字典.
    for (std::size_t i = 0; i < unihan_readings.size();) {
        const char32_t c = next_utf8(unihan_readings, i);
        std::size_t end = i;
        while (end < unihan_readings.size() && static_cast<unsigned char>(unihan_readings[end]) < 0x80) ++end;
        const std::string_view others = unihan_readings.substr(i, end - i);
        i = end;
        if (c >= r.by_char.size() || r.by_char[c].empty()) continue;
        std::string all(r.by_char[c]);
        for (std::size_t a = 0; a <= others.size();) {
            std::size_t b = others.find(',', a);
            if (b == std::string_view::npos) b = others.size();
            const std::string_view one = others.substr(a, b - a);
            if (!one.empty() && one != r.by_char[c]) (all += ',') += one;
            a = b + 1;
        }
        r.by_char[c] = r.texts.emplace_back(std::move(all));
    }
    for (char32_t c = 0x3400; c < 0x10000; ++c)
        if (!r.by_char[c].empty()) r.list.emplace_back(c, r.by_char[c]);
    return r;
}

const Readings& readings() {
    static const Readings table = build_readings();
    return table;
}

}  // namespace

const std::vector<std::pair<char32_t, std::string_view>>& han_readings() { return readings().list; }

std::string_view readings_of(char32_t c) {
    const auto& by_char = readings().by_char;
    return c < by_char.size() ? by_char[c] : std::string_view();
}

std::string_view pinyin_of(char32_t c) {
    const std::string_view all = readings_of(c);
    return all.substr(0, all.find(','));
}

std::string pinyin_key(std::u32string_view word) {
    std::string out;
    for (char32_t c : word) {
        const std::string_view reading = readings_of(c);
        if (reading.empty()) return {};
        if (!out.empty()) out += ' ';
        out += reading;
    }
    return out;
}

std::vector<std::string> reading_combinations(std::string_view key, std::size_t limit) {
    if (key.empty() || limit == 0) return {};
    std::vector<std::string> out{std::string()};
    for (std::size_t a = 0; a <= key.size();) {
        std::size_t b = key.find(' ', a);
        if (b == std::string_view::npos) b = key.size();
        const std::string_view syllable = key.substr(a, b - a);
        std::vector<std::string> next;
        // In order, the first syllable's readings varying slowest: the first
        // `limit` prefixes are the prefixes of the first `limit` readings.
        for (const std::string& prefix : out) {
            for (std::size_t c = 0; c <= syllable.size() && next.size() < limit;) {
                std::size_t d = syllable.find(',', c);
                if (d == std::string_view::npos) d = syllable.size();
                next.push_back(prefix.empty() ? std::string(syllable.substr(c, d - c))
                                              : prefix + ' ' + std::string(syllable.substr(c, d - c)));
                c = d + 1;
            }
            if (next.size() >= limit) break;
        }
        out = std::move(next);
        a = b + 1;
    }
    return out;
}

std::string reading_initials(std::string_view reading) {
    std::string out;
    for (std::size_t i = 0; i < reading.size(); ++i)
        if (i == 0 || reading[i - 1] == ' ') out += reading[i];
    return out;
}

}  // namespace bulletin::search
