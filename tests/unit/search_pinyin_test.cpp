// The readings of ideographs taken from ICU's Han-Latin rules, and the
// vocabulary the index builds from them (docs/search-index.md, "Pinyin and
// the vocabulary"). The pinyin keys are shared with the JavaScript tests
// through tests/search/vectors.json.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "search_index.h"
#include "search_pinyin.h"
#include "search_tokenize.h"

namespace {

nlohmann::json load_vectors() {
    std::ifstream in(std::string(BULLETIN_SOURCE_DIR) + "/tests/search/vectors.json");
    REQUIRE(in.good());
    std::stringstream buffer;
    buffer << in.rdbuf();
    return nlohmann::json::parse(buffer.str());
}

const bulletin::OutputFile* find(const bulletin::OutputFiles& files, const std::string& path) {
    auto it = std::find_if(files.begin(), files.end(), [&](auto& f) { return f.path == path; });
    return it == files.end() ? nullptr : &*it;
}

std::vector<bulletin::search::Document> sample_docs() {
    return {
        {"2022/health/", "参保城乡居民健康体检同质同标问题专项治理", "区卫生健康局", "weijian", "2022", "2022年", 9,
         {"健康体检"}, "全区共完成参保城乡居民健康体检6.6525万人。", {"卫健委"}},
        {"2022/property/", "物业管理难题专项整治", "区住建局", "zhujian", "2022", "2022年", 7, {"物业管理", "业委会"},
         "推动物业服务企业规范管理，体检。", {}},
    };
}

}  // namespace

TEST_CASE("search pinyin: readings come from ICU's Han-Latin rules for the whole BMP") {
    const auto& table = bulletin::search::han_pinyin();
    CHECK(table.size() > 20000);  // ICU 72 reads 26,689; a small table means the rules were not found
    CHECK(std::is_sorted(table.begin(), table.end(), [](auto& a, auto& b) { return a.first < b.first; }));
    for (const auto& [c, reading] : table) {
        INFO(static_cast<unsigned>(c));
        REQUIRE(!reading.empty());
        REQUIRE(std::all_of(reading.begin(), reading.end(), [](char x) { return x >= 'a' && x <= 'z'; }));
    }
    CHECK(bulletin::search::pinyin_of(U'检') == "jian");
    CHECK(bulletin::search::pinyin_of(U'a').empty());
}

TEST_CASE("search pinyin: shared vectors give the keys the browser matches") {
    const auto vectors = load_vectors();
    for (const auto& [word, key] : vectors["pinyin"].items()) {
        INFO(word);
        CHECK(bulletin::search::pinyin_key(bulletin::search::fold(word)) == key.get<std::string>());
    }
}

TEST_CASE("search index: the vocabulary lists names, aliases, tags and two-character words by letter") {
    const auto files = bulletin::search::build_index(sample_docs(), {});
    const auto manifest = nlohmann::json::parse(find(files, "search-index.json")->bytes);
    CHECK(manifest["departments"][0]["aliases"] == nlohmann::json::parse(R"(["卫健委"])"));
    CHECK(!manifest["departments"][1].contains("aliases"));
    CHECK(manifest["words"]["letters"] == "abcdefghjklmnopqrstwxyz");
    const auto* w = find(files, "search-index/w/w.json");
    REQUIRE(w != nullptr);
    const auto words = nlohmann::json::parse(w->bytes)["words"];
    // Departments (kind 0) first, then tags (1), two-character words (2); no titles.
    CHECK(words[0] == nlohmann::json::parse(R"(["卫健委","wei jian wei",1,0])"));
    CHECK(std::find(words.begin(), words.end(), nlohmann::json::parse(R"(["物业管理","wu ye guan li",1,1])")) != words.end());
    CHECK(std::find(words.begin(), words.end(), nlohmann::json::parse(R"(["物业","wu ye",1,2])")) != words.end());
    for (const auto& w : words) CHECK(w[0] != "物业管理难题专项整治");
    // 体检 is in both projects: the count is of projects, not of mentions.
    const auto t = nlohmann::json::parse(find(files, "search-index/w/t.json")->bytes)["words"];
    CHECK(std::find(t.begin(), t.end(), nlohmann::json::parse(R"(["体检","ti jian",2,2])")) != t.end());
    // An empty letter still has its file, which suggestions load by name.
    CHECK(find(files, "search-index/w/o.json")->bytes == "{\"version\":2,\"words\":[]}\n");
    // Readings by block of 256 code points: 检 is U+68C0.
    const auto* block = find(files, "search-index/py/68.json");
    REQUIRE(block != nullptr);
    CHECK(nlohmann::json::parse(block->bytes)["pinyin"].get<std::string>().find("检jian") != std::string::npos);
}

TEST_CASE("search index: an alias finds its department's projects like the name") {
    const auto files = bulletin::search::build_index(sample_docs(), {});
    const auto terms = nlohmann::json::parse(find(files, "search-index.json")->bytes)["postings"]["terms"];
    // 区卫生健康局 takes positions 0 to 5 of the department field; 卫健委 starts at 7.
    CHECK(terms["健委"] == nlohmann::json::parse("[[0,1,8]]"));
    CHECK(terms["卫生"] == nlohmann::json::parse("[[0,1,1]]"));
}

TEST_CASE("search index: without the forgiving structures there are no readings and no vocabulary") {
    bulletin::search::IndexOptions options;
    options.forgiving = false;
    const auto files = bulletin::search::build_index(sample_docs(), options);
    for (const auto& f : files) {
        INFO(f.path);
        CHECK(f.path.rfind("search-index/py/", 0) != 0);
        CHECK(f.path.rfind("search-index/w/", 0) != 0);
    }
}
