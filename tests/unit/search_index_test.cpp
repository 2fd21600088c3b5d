// The search index format (docs/search-index.md): one file for a small site,
// shards behind a manifest for a large one, offline twins, same bytes twice.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "search_index.h"

namespace {

using bulletin::OutputFiles;
using bulletin::search::Document;
using bulletin::search::IndexOptions;

std::vector<Document> sample_docs() {
    return {
        {"2022/property/", "物业管理难题专项整治", "区住建局", "zhujian", "2022", "2022年", 11, {"物业"},
         "推动物业服务企业规范管理。", {}},
        {"2022/ev-charging/", "新能源汽车充电难问题专项治理", "区发改局", "fagai", "2022", "2022年", 1,
         {"充电桩", "老旧小区"}, "截至2022年12月底，建成公共充电桩71个，完成目标的118%。", {}},
        {"2021/resettle/", "城市回迁安置", "区住建局", "zhujian", "2021", "2021年", 2, {}, "回迁安置。", {}},
    };
}

const bulletin::OutputFile* find(const OutputFiles& files, const std::string& path) {
    auto it = std::find_if(files.begin(), files.end(), [&](auto& f) { return f.path == path; });
    return it == files.end() ? nullptr : &*it;
}

nlohmann::json parse(const OutputFiles& files, const std::string& path) {
    const auto* file = find(files, path);
    REQUIRE(file != nullptr);
    return nlohmann::json::parse(file->bytes);
}

}  // namespace

TEST_CASE("search index: a small site is one file with everything a result shows") {
    auto files = bulletin::search::build_index(sample_docs(), {});
    auto index = parse(files, "search-index.json");
    const auto letters = index["words"]["letters"].get<std::string>();
    const auto readings = index["pinyin"]["last"].get<std::size_t>() - index["pinyin"]["first"].get<std::size_t>() + 1;
    REQUIRE(files.size() ==
            1 + index["t2s"]["blocks"].size() + readings + letters.size() + index["sound"]["shards"].get<std::size_t>());
    CHECK(index["format"] == "bulletin-search");
    CHECK(index["version"] == 3);
    CHECK(index["doc_count"] == 3);
    CHECK(index["t2s"]["path"] == "search-index/t2s/");
    // Ids follow edition, then department slug, then number.
    const auto& docs = index["docs"]["list"];
    CHECK(docs[0]["url"] == "2021/resettle/");
    CHECK(docs[1]["url"] == "2022/ev-charging/");
    CHECK(docs[1]["department"] == "区发改局");
    CHECK(docs[1]["edition"] == "2022");
    CHECK(docs[1]["number"] == 1);
    CHECK(docs[1]["text"].get<std::string>().find("118%") != std::string::npos);
    CHECK(index["groups"] == nlohmann::json::parse("[[0,1,0,1],[1,0,1,1],[1,1,2,1]]"));
    CHECK(index["editions"][1] == nlohmann::json::parse(R"({"id":"2022","title":"2022年"})"));
    CHECK(index["departments"][1]["slug"] == "zhujian");

    const auto& terms = index["postings"]["terms"];
    // 充电 in doc 1: title (field 0, position 5), tags (2, position 0) and
    // text (3, position 11); doc ids are deltas from the previous entry.
    CHECK(terms["充电"] == nlohmann::json::parse("[[1,0,5],[0,2,0],[0,3,11]]"));
    CHECK(terms["2022年12月底"] == nlohmann::json::parse("[[1,3,2]]"));
    CHECK(terms["118%"] == nlohmann::json::parse("[[1,3,21]]"));
    // Department hits for both projects of 区住建局; unigrams carry no positions.
    CHECK(terms["住建"] == nlohmann::json::parse("[[0,1,1],[2,1,1]]"));
    CHECK(terms["局"] == nlohmann::json::parse("[[0,1],[1,1],[1,1]]"));
    // Tags are kept apart by a position gap: 充电桩 takes 0 to 2, 老旧小区 starts at 4.
    CHECK(terms["老旧"] == nlohmann::json::parse("[[1,2,4]]"));
    CHECK(files[0].bytes.find('<') == std::string::npos);  // no HTML
}

TEST_CASE("search index: the Traditional to Simplified table ships for the browser by block") {
    auto files = bulletin::search::build_index(sample_docs(), {});
    const auto blocks = parse(files, "search-index.json")["t2s"]["blocks"];
    // 兒 is U+5152 and 園 U+5712: blocks 51 and 57, named in hex.
    CHECK(std::find(blocks.begin(), blocks.end(), "51") != blocks.end());
    CHECK(parse(files, "search-index/t2s/51.json")["pairs"].get<std::string>().find("兒儿") != std::string::npos);
    CHECK(parse(files, "search-index/t2s/57.json")["pairs"].get<std::string>().find("園园") != std::string::npos);
    std::size_t pairs = 0;
    for (const auto& b : blocks) pairs += parse(files, "search-index/t2s/" + b.get<std::string>() + ".json")["pairs"].get<std::string>().size();
    CHECK(pairs > 2000 * 2 * 3);  // every pair of ICU's table, two ideographs of three or more UTF-8 bytes
}

TEST_CASE("search index: the same documents give the same bytes, in any order") {
    auto docs = sample_docs();
    auto a = bulletin::search::build_index(docs, {});
    std::reverse(docs.begin(), docs.end());
    auto b = bulletin::search::build_index(docs, {});
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].path == b[i].path);
        CHECK(a[i].bytes == b[i].bytes);
    }
}

TEST_CASE("search index: a large site is sharded behind a small manifest") {
    IndexOptions options;
    options.single_file_limit = 100;
    options.postings_shard_bytes = 200;
    options.docs_file_bytes = 300;
    auto files = bulletin::search::build_index(sample_docs(), options);
    auto manifest = parse(files, "search-index.json");
    CHECK_FALSE(manifest["postings"].contains("terms"));
    CHECK_FALSE(manifest["docs"].contains("list"));
    const auto shards = manifest["postings"]["shards"].get<std::size_t>();
    CHECK(shards >= 2);
    CHECK((shards & (shards - 1)) == 0);
    CHECK(manifest["postings"]["hash"] == "fnv1a32");
    CHECK(manifest["postings"]["path"] == "search-index/p/");

    // Every token lives in exactly the shard its hash names.
    const auto digits = manifest["postings"]["digits"].get<int>();
    auto small = parse(bulletin::search::build_index(sample_docs(), {}), "search-index.json");
    for (const auto& [token, list] : small["postings"]["terms"].items()) {
        char name[16];
        std::snprintf(name, sizeof name, "%0*x", digits,
                      static_cast<unsigned>(bulletin::search::token_hash(token) & (shards - 1)));
        auto shard = parse(files, "search-index/p/" + std::string(name) + ".json");
        CHECK(shard["terms"][token] == list);
    }

    // Documents come in files of per_file, in id order.
    const auto per_file = manifest["docs"]["per_file"].get<std::size_t>();
    const auto count = manifest["docs"]["files"].get<std::size_t>();
    CHECK(count == (3 + per_file - 1) / per_file);
    auto last = parse(files, "search-index/d/" + std::to_string(count - 1) + ".json");
    CHECK(last["first"] == (count - 1) * per_file);
    CHECK(last["docs"].back()["url"] == "2022/property/");
}

TEST_CASE("search index: offline twins assign the same data to a global") {
    IndexOptions options;
    options.offline = true;
    auto files = bulletin::search::build_index(sample_docs(), options);
    const auto* js = find(files, "search-index.js");
    const auto* json = find(files, "search-index.json");
    REQUIRE(js != nullptr);
    REQUIRE(json != nullptr);
    const std::string prefix = "window.BULLETIN_SEARCH=window.BULLETIN_SEARCH||{};"
                               "window.BULLETIN_SEARCH[\"search-index.json\"]=";
    CHECK(js->bytes.rfind(prefix, 0) == 0);
    CHECK(js->bytes == prefix + json->bytes.substr(0, json->bytes.size() - 1) + ";\n");
    CHECK(find(files, "search-index/t2s/51.js") != nullptr);
}

TEST_CASE("search index: token hash is 32-bit FNV-1a over UTF-8") {
    CHECK(bulletin::search::token_hash("") == 2166136261u);
    CHECK(bulletin::search::token_hash("a") == 0xe40c292cu);
}

TEST_CASE("search index: every token and posting of a one-project site, written out by hand") {
    // Not derived from tokenize(): the bigrams and unigrams of each field as
    // docs/search-index.md defines them, the last bigram of each run included.
    const std::vector<Document> docs = {
        {"2022/p/", "充电桩", "区住建局", "zhujian", "2022", "2022年", 1, {"老旧小区"}, "建成充电站。", {}}};
    const auto terms = parse(bulletin::search::build_index(docs, {}), "search-index.json")["postings"]["terms"];
    std::vector<std::string> keys;
    for (const auto& [key, value] : terms.items()) keys.push_back(key);
    std::sort(keys.begin(), keys.end());
    std::vector<std::string> expected = {
        "充电", "电桩", "区住", "住建", "建局", "老旧", "旧小", "小区", "建成", "成充", "电站",  // bigrams
        "充",   "电",   "桩",   "区",   "住",   "建",   "局",   "老",   "旧",   "小",   "成",   "站"};
    std::sort(expected.begin(), expected.end());
    CHECK(keys == expected);
    // [doc, field, first position, ...]: title 0, department 1, tags 2, text 3.
    CHECK(terms["充电"] == nlohmann::json::parse("[[0,0,0],[0,3,2]]"));
    CHECK(terms["电桩"] == nlohmann::json::parse("[[0,0,1]]"));  // the title's last bigram
    CHECK(terms["建局"] == nlohmann::json::parse("[[0,1,2]]"));  // the department's
    CHECK(terms["小区"] == nlohmann::json::parse("[[0,2,2]]"));  // the tag's
    CHECK(terms["电站"] == nlohmann::json::parse("[[0,3,3]]"));  // the text's
    CHECK(terms["区"] == nlohmann::json::parse("[[0,1],[0,2]]"));
    CHECK(terms["建"] == nlohmann::json::parse("[[0,1],[0,3]]"));
}
