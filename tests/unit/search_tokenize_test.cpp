// The C++ half of the shared tokenizer vectors (tests/search/vectors.json);
// tests/js/tokenize.test.mjs runs the same cases against the browser code.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

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
        auto it = std::find_if(table.begin(), table.end(), [&](auto& p) { return bulletin::search::to_utf8(std::u32string(1, p.first)) == from; });
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
