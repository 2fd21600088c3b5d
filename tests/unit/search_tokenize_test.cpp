// The C++ half of the shared tokenizer vectors (tests/search/vectors.json);
// tests/js/tokenize.test.mjs runs the same cases against the browser code.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "search_index.h"
#include "search_tokenize.h"

namespace {

using bulletin::search::Token;
using bulletin::search::TokenKind;

nlohmann::json load_vectors() {
    std::ifstream in(std::string(BULLETIN_SOURCE_DIR) + "/tests/search/vectors.json");
    REQUIRE(in.good());
    std::stringstream buffer;
    buffer << in.rdbuf();
    return nlohmann::json::parse(buffer.str());
}

std::vector<std::string> written(const std::vector<Token>& tokens) {
    std::vector<std::string> out;
    for (const Token& t : tokens) out.push_back(t.text + "@" + std::to_string(t.position));
    return out;
}

}  // namespace

TEST_CASE("search tokenizer: shared vectors fold like the browser") {
    const auto vectors = load_vectors();
    REQUIRE(vectors["tokenizer_version"] == bulletin::search::tokenizer_version);
    for (const auto& v : vectors["fold"]) {
        INFO(v["input"].get<std::string>());
        CHECK(bulletin::search::to_utf8(bulletin::search::fold(v["input"].get<std::string>())) ==
              v["output"].get<std::string>());
    }
}

TEST_CASE("search tokenizer: shared vectors tokenize like the browser") {
    const auto vectors = load_vectors();
    for (const auto& v : vectors["tokenize"]) {
        INFO(v["input"].get<std::string>());
        CHECK(written(bulletin::search::tokenize(v["input"].get<std::string>())) ==
              v["tokens"].get<std::vector<std::string>>());
    }
}

TEST_CASE("search tokenizer: the vectors' Traditional table agrees with ICU") {
    const auto vectors = load_vectors();
    const auto& table = bulletin::search::traditional_to_simplified();
    CHECK(std::is_sorted(table.begin(), table.end()));
    CHECK(table.size() > 2000);  // ICU 72 has 2853; a tiny table means the transliterator is missing
    for (const auto& [from, to] : vectors["t2s"].items()) {
        auto from32 = bulletin::search::fold(from);
        REQUIRE(from32.size() == 1);
        const std::string key = from;  // clang 14 (the sanitizer build) cannot capture a structured binding
        auto it = std::find_if(table.begin(), table.end(), [&](auto& p) { return bulletin::search::to_utf8(std::u32string(1, p.first)) == key; });
        REQUIRE(it != table.end());
        CHECK(bulletin::search::to_utf8(std::u32string(1, it->second)) == to.get<std::string>());
    }
}

TEST_CASE("search tokenizer: kinds and positions") {
    auto tokens = bulletin::search::tokenize("金额8.98万元 CMake", 10);
    REQUIRE(tokens.size() == 10);
    CHECK(tokens[0] == Token{"金额", 10, TokenKind::Bigram});
    CHECK(tokens[1] == Token{"金", 10, TokenKind::Unigram});
    CHECK(tokens[3] == Token{"8.98", 12, TokenKind::Number});
    CHECK(tokens[5] == Token{"8.98万元", 12, TokenKind::Number});
    CHECK(tokens[6] == Token{"万元", 13, TokenKind::Bigram});
    CHECK(tokens.back() == Token{"cmake", 15, TokenKind::Word});
}

TEST_CASE("search tokenizer: shared vectors hash tokens to shards like the browser") {
    const auto vectors = load_vectors();
    for (const auto& [token, hash] : vectors["hash"].items()) {
        INFO(token);
        CHECK(bulletin::search::token_hash(token) == hash.get<std::uint32_t>());
    }
}

namespace {

// ICU's fold of a whole text, the definition fold() takes its shortcuts from.
std::u32string icu_fold(const std::string& utf8) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    REQUIRE(U_SUCCESS(status));
    const icu::UnicodeString folded = nfkc_cf->normalize(icu::UnicodeString::fromUTF8(utf8), status);
    const auto& table = bulletin::search::traditional_to_simplified();
    std::u32string out;
    for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
        auto c = static_cast<char32_t>(folded.char32At(i));
        auto it = std::lower_bound(table.begin(), table.end(), std::pair<char32_t, char32_t>(c, 0));
        out += it != table.end() && it->first == c ? it->second : c;
    }
    return out;
}

std::string utf8_of(char32_t c) { return bulletin::search::to_utf8(std::u32string(1, c)); }

}  // namespace

TEST_CASE("search tokenizer: fold agrees with ICU on every code point and around combining marks") {
    // Code points fold from a table when ICU says text may be cut before
    // them; these are the cases where it may not, or where a fold is long.
    std::size_t wrong = 0;
    for (char32_t c = 1; c < 0x30000; c += c < 0x10000 ? 1 : 61) {
        if (c >= 0xd800 && c < 0xe000) continue;
        const std::string s = utf8_of(c);
        for (const std::string& text : {s, s + "\u0301", "a" + s, s + s, "O\u200d" + s}) {
            if (bulletin::search::fold(text) != icu_fold(text) && ++wrong < 10) FAIL_CHECK("fold differs for " << text);
        }
    }
    CHECK(wrong == 0);
}

TEST_CASE("search tokenizer: fold agrees with ICU on random mixtures, invalid UTF-8 included") {
    const std::vector<std::string> pieces = {
        "a", "Z", "ß", "ẞ", "İ", "I", "e", "\u0301", "\u0308", "\u200d", "\u200b", "\u00ad", "Ａ", "１", "，", "　",
        " ", ".", "5", "%", "‰", "万", "元", "年", "月", "底", "平方米", "兒", "園", "乾", "ﬁ", "①", "㎡", "㍿", "\uf900",
        "⼀", "가", "\u1100", "\u1161", "\u11a8", "カ", "\u3099", "ｶ", "ﾞ", "\U00020000", "\U0001f600", "Σ", "ς", "٣",
        "क", "\u093c", "ﷺ", "Å", "\u0345", "ι", "\x01", "\n", "\"", "\xff", "\xc3", "\xe4\xb8", "\xed\xa0\x80",
        "\xc0\xaf", "\xf4\x90\x80\x80", "\xe0\x80\x80"};
    std::mt19937 random(7);
    std::size_t wrong = 0;
    for (int n = 0; n < 100000; ++n) {
        std::string text;
        for (int k = static_cast<int>(random() % 10); k > 0; --k) text += pieces[random() % pieces.size()];
        if (bulletin::search::fold(text) != icu_fold(text) && ++wrong < 10) FAIL_CHECK("fold differs for " << text);
    }
    CHECK(wrong == 0);
}

TEST_CASE("search tokenizer: each kind of ill-formed UTF-8 becomes U+FFFD as ICU makes it, the rest is kept") {
    // Decoded with ICU's U8_NEXT: a stray trail byte, a truncated sequence,
    // an overlong form, a surrogate, past U+10FFFF, a byte UTF-8 never has.
    for (const std::string bad : {"\x80", "\xbf", "\xc3", "\xe4\xb8", "\xf0\x9f\x98", "\xc0\xaf", "\xc1\xbf",
                                  "\xe0\x80\x80", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf", "\xf0\x8f\xbf\xbf",
                                  "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xfe", "\xff"}) {
        const std::string text = "甲" + bad + "乙";
        INFO(text);
        const std::u32string folded = bulletin::search::fold(text);
        CHECK(folded == icu_fold(text));
        CHECK(folded.front() == U'甲');
        CHECK(folded.back() == U'乙');
        CHECK(folded.find(U'\ufffd') != std::u32string::npos);
    }
    // Well-formed at the edges of each length: kept as they are (folded).
    for (const std::string good : {"\x7f", "\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80",
                                   "\xef\xbf\xbe", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf"}) {
        const std::string text = "甲" + good + "乙";
        INFO(text);
        const std::u32string folded = bulletin::search::fold(text);
        CHECK(folded == icu_fold(text));
        CHECK(folded.find(U'\ufffd') == std::u32string::npos);
    }
}

TEST_CASE("search tokenizer: to_utf8 writes each code point as UTF-8") {
    CHECK(bulletin::search::to_utf8(U"a\u00e9\u4e07\U0001f600") == "a\xc3\xa9\xe4\xb8\x87\xf0\x9f\x98\x80");
    CHECK(bulletin::search::to_utf8(U"\u007f\u0080\u07ff\u0800\uffff\U00010000\U0010ffff") ==
          "\x7f\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf");
    CHECK(bulletin::search::to_utf8(U"").empty());
}

TEST_CASE("search tokenizer: spans are the tokens, and one TokenSpans serves many texts") {
    bulletin::search::TokenSpans spans;
    for (const std::string text : {"涉及金额8.98万元，已全部退还", "CMake ＡＢＣ１２３", "", "截至2022年12月底"}) {
        bulletin::search::tokenize(text, 3, spans);
        const auto tokens = bulletin::search::tokenize(text, 3);
        REQUIRE(spans.spans.size() == tokens.size());
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const auto& s = spans.spans[i];
            CHECK(bulletin::search::to_utf8(std::u32string_view(spans.text).substr(s.start, s.length)) == tokens[i].text);
            CHECK(s.position == tokens[i].position);
            CHECK(s.kind == tokens[i].kind);
        }
    }
}
