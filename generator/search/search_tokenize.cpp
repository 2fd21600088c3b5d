#include "search_tokenize.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <atomic>
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

/// What a folded code point is to the tokenizer. Letters, marks and numbers
/// other than ASCII digits make up words; an ideograph is a letter to
/// Unicode, so it is tested first.
enum CharClass : char { other_class, han_class, word_class, digit_class };

CharClass classify(char32_t c) {
    if (is_digit(c)) return digit_class;
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN) return han_class;
    if (U_GET_GC_MASK(static_cast<UChar32>(c)) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) return word_class;
    return other_class;
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

const icu::Normalizer2& nfkc_casefold() {
    static const icu::Normalizer2* instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
        if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC_Casefold is unavailable");
        return n;
    }();
    return *instance;
}

/// Appends ICU's fold of `text` (NFKC_Casefold, then Traditional to
/// Simplified) with the class of each code point.
void append_folded(const icu::UnicodeString& text, std::u32string& out, std::string& classes) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString folded = nfkc_casefold().normalize(text, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC_Casefold failed");
    const Map& t2s = t2s_map();
    for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
        auto c = static_cast<char32_t>(folded.char32At(i));
        if (auto it = t2s.find(c); it != t2s.end()) c = it->second;
        out += c;
        classes += classify(c);
    }
}

// Normalizing each text through ICU was most of the indexer's time; most
// code points fold alone, the same way every time. ICU's hasBoundaryBefore(c)
// means text can be normalized in pieces cut before c, so text is cut before
// every such code point and a piece of one code point takes its fold from a
// table. A piece of several (a letter and its combining marks, a removed
// zero-width joiner before a mark) goes through ICU as before.
//
// One entry per BMP code point, filled on first use by whichever thread
// meets it (they all compute the same value): the code point's fold when it
// is one code point or none, and whether text may be cut before it.
constexpr std::uint32_t entry_known = 1u << 31;
constexpr std::uint32_t entry_boundary = 1u << 30;  // hasBoundaryBefore
constexpr std::uint32_t entry_single = 1u << 29;    // folds to one code point, in the low 21 bits
constexpr std::uint32_t entry_empty = 1u << 28;     // folds to nothing; neither: ask ICU
constexpr int entry_class_shift = 24;               // the CharClass of an entry_single fold

std::atomic<std::uint32_t> bmp_entries[0x10000];

std::uint32_t compute_entry(char32_t c) {
    std::uint32_t entry = entry_known;
    if (nfkc_casefold().hasBoundaryBefore(static_cast<UChar32>(c))) entry |= entry_boundary;
    std::u32string folded;
    std::string classes;
    append_folded(icu::UnicodeString(static_cast<UChar32>(c)), folded, classes);
    if (folded.empty()) entry |= entry_empty;
    if (folded.size() == 1)
        entry |= entry_single | static_cast<std::uint32_t>(classes[0]) << entry_class_shift | folded[0];
    return entry;
}

std::uint32_t entry_of(char32_t c) {
    if (c >= 0x10000) return compute_entry(c);
    std::uint32_t entry = bmp_entries[c].load(std::memory_order_relaxed);
    if (entry == 0) {
        entry = compute_entry(c);
        bmp_entries[c].store(entry, std::memory_order_relaxed);
    }
    return entry;
}

/// fold() with the class of each code point; `chunk` is scratch.
void fold_into(std::string_view utf8, std::u32string& out, std::string& classes, std::u32string& chunk) {
    out.clear();
    classes.clear();
    chunk.clear();
    out.reserve(utf8.size());
    classes.reserve(utf8.size());
    // The piece being read: one code point whose fold the table holds
    // (`pending`, its entry), or code points for ICU (`chunk`).
    std::uint32_t pending = 0;
    char32_t pending_char = 0;
    auto end_piece = [&] {
        if (pending & entry_single) {
            out += static_cast<char32_t>(pending & 0x1fffff);
            classes += static_cast<char>((pending >> entry_class_shift) & 3);
        } else if (!chunk.empty()) {
            icu::UnicodeString text;
            for (char32_t c : chunk) text.append(static_cast<UChar32>(c));
            append_folded(text, out, classes);
            chunk.clear();
        }
        pending = 0;
    };
    const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto length = static_cast<int32_t>(utf8.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) {
            // An ill-formed sequence (ICU's U8_NEXT: bad or truncated, overlong,
            // a surrogate): ICU decides what it becomes, for the whole text.
            out.clear();
            classes.clear();
            chunk.clear();
            append_folded(icu::UnicodeString::fromUTF8(
                              icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))),
                          out, classes);
            return;
        }
        const std::uint32_t entry = entry_of(static_cast<char32_t>(c));
        if (entry & entry_boundary) {
            end_piece();
            if (entry & (entry_single | entry_empty)) {
                pending = entry;
                pending_char = static_cast<char32_t>(c);
            } else {
                chunk += static_cast<char32_t>(c);
            }
        } else {
            if (pending) chunk += pending_char;
            pending = 0;
            chunk += static_cast<char32_t>(c);
        }
    }
    end_piece();
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

/// The length of the number at `i` (length `n`) without the zeros that end
/// its decimal part, and without the point if nothing is left after it.
size_t trimmed_number_length(std::u32string_view s, size_t i, size_t n) {
    if (s.substr(i, n).find(U'.') == std::u32string_view::npos) return n;
    size_t k = n;
    while (s[i + k - 1] == U'0') --k;
    if (s[i + k - 1] == U'.') --k;
    return k;
}

size_t measure_length(std::u32string_view s, size_t i) {
    for (auto m : multi_measures)
        if (s.substr(i, m.size()) == m) return m.size();
    return i < s.size() && contains(single_measures, s[i]) ? 1 : 0;
}

/// The number at `i` (length `n`) with the units after it: every prefix
/// ending at a cut is a token, added to `spans` at `position`.
void add_number_cuts(std::u32string_view s, size_t i, size_t n, int position, std::vector<TokenSpan>& spans) {
    auto cut = [&](size_t k) {
        spans.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(k - i), position, TokenKind::Number});
    };
    size_t k = i + n;
    for (;;) {
        for (int m = 0; m < 2 && k < s.size() && contains(multipliers, s[k]); ++m) cut(++k);
        if (k < s.size() && contains(approximations, s[k])) cut(++k);
        size_t measure = measure_length(s, k);
        if (measure == 0) break;
        char32_t unit = s[k];
        k += measure;
        cut(k);
        if (measure == 1 && (unit == U'年' || unit == U'月')) {
            if (size_t next = number_length(s, k); next > 0) {
                k += next;
                cut(k);
                continue;
            }
        }
        if (measure == 1 && (unit == U'年' || unit == U'月' || unit == U'日') && k < s.size() &&
            contains(date_suffixes, s[k]))
            cut(++k);
        break;
    }
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
    std::string out(text.size() * U8_MAX_LENGTH, '\0');
    auto* bytes = reinterpret_cast<uint8_t*>(out.data());
    std::size_t length = 0;
    for (char32_t c : text) U8_APPEND_UNSAFE(bytes, length, c);
    out.resize(length);
    return out;
}

std::u32string fold(std::string_view utf8) {
    std::u32string out, chunk;
    std::string classes;
    fold_into(utf8, out, classes, chunk);
    return out;
}

void tokenize(std::string_view utf8, int first_position, TokenSpans& out) {
    fold_into(utf8, out.text, out.classes, out.chunk);
    out.spans.clear();
    std::u32string_view s = out.text;
    const char* cls = out.classes.data();
    auto span = [&](size_t start, size_t length, int position, TokenKind kind) {
        out.spans.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(length), position, kind});
    };
    int position = first_position;
    size_t i = 0;
    while (i < s.size()) {
        if (cls[i] == han_class) {
            size_t end = i;
            while (end < s.size() && cls[end] == han_class) ++end;
            for (size_t k = i; k < end; ++k, ++position) {
                if (k + 1 < end) span(k, 2, position, TokenKind::Bigram);
                span(k, 1, position, TokenKind::Unigram);
            }
            i = end;
        } else if (cls[i] != other_class) {
            size_t end = i;
            bool letters = false;
            while (end < s.size() && (cls[end] == word_class || cls[end] == digit_class))
                letters |= cls[end++] == word_class;
            if (letters) {
                span(i, end - i, position++, TokenKind::Word);
                i = end;
                continue;
            }
            // All digits: a number, whose decimal point may follow.
            size_t n = number_length(s, i);
            // One written form for one value: 118.0 is 118, 8.980 is 8.98.
            if (size_t k = trimmed_number_length(s, i, n); k < n) {
                out.text.erase(i + k, n - k);
                out.classes.erase(i + k, n - k);
                s = out.text;
                cls = out.classes.data();
                n = k;
            }
            span(i, n, position, TokenKind::Number);
            add_number_cuts(s, i, n, position, out.spans);
            ++position;
            i += n;
        } else {
            ++i;
        }
    }
}

std::vector<Token> tokenize(std::string_view utf8, int first_position) {
    TokenSpans spans;
    tokenize(utf8, first_position, spans);
    std::vector<Token> tokens;
    tokens.reserve(spans.spans.size());
    for (const TokenSpan& t : spans.spans)
        tokens.push_back({to_utf8(std::u32string_view(spans.text).substr(t.start, t.length)), t.position, t.kind});
    return tokens;
}

}  // namespace bulletin::search
