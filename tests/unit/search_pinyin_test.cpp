// The readings of ideographs taken from ICU's Han-Latin rules, and the
// vocabulary the index builds from them (docs/search-index.md, "Pinyin and
// the vocabulary"). The pinyin keys are shared with the JavaScript tests
// through tests/search/vectors.json.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
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

TEST_CASE("search pinyin: readings come from ICU's Han-Latin rules for the whole BMP, other readings from Unihan") {
    const auto& table = bulletin::search::han_readings();
    CHECK(table.size() > 20000);  // ICU 72 reads 26,689; a small table means the rules were not found
    CHECK(std::is_sorted(table.begin(), table.end(), [](auto& a, auto& b) { return a.first < b.first; }));
    std::size_t several = 0;
    for (const auto& [c, readings] : table) {
        INFO(static_cast<unsigned>(c));
        REQUIRE(!readings.empty());
        REQUIRE(readings.front() != ',');
        REQUIRE(readings.back() != ',');
        REQUIRE(readings.find(",,") == std::string_view::npos);
        REQUIRE(std::all_of(readings.begin(), readings.end(), [](char x) { return (x >= 'a' && x <= 'z') || x == ','; }));
        if (readings.find(',') != std::string_view::npos) ++several;
    }
    CHECK(several > 300);  // 通用规范汉字字典 reads 331 of them in several ways
    CHECK(bulletin::search::pinyin_of(U'检') == "jian");
    CHECK(bulletin::search::readings_of(U'检') == "jian");
    // ICU's reading first, then those of 通用规范汉字字典.
    CHECK(bulletin::search::readings_of(U'行') == "xing,hang,heng");
    // Where 通用规范汉字字典 reads a character otherwise than ICU, both readings.
    CHECK(bulletin::search::readings_of(U'帧') == "zheng,zhen");
    CHECK(bulletin::search::pinyin_of(U'行') == "xing");
    CHECK(bulletin::search::readings_of(U'会') == "hui,kuai");
    // A range inside one of ICU's sets ("辧-辩") reads every character in it.
    CHECK(bulletin::search::pinyin_of(U'辨') == "bian");
    CHECK(bulletin::search::pinyin_of(U'a').empty());
    CHECK(bulletin::search::readings_of(0x10FFFF).empty());
}

TEST_CASE("search pinyin: shared vectors give the keys and readings the browser matches") {
    const auto vectors = load_vectors();
    for (const auto& [word, key] : vectors["pinyin"].items()) {
        INFO(word);
        CHECK(bulletin::search::pinyin_key(bulletin::search::fold(word)) == key.get<std::string>());
    }
    for (const auto& v : vectors["reading_combinations"]) {
        INFO(v["key"]);
        CHECK(bulletin::search::reading_combinations(v["key"].get<std::string>(), v["limit"].get<std::size_t>()) ==
              v["readings"].get<std::vector<std::string>>());
    }
    CHECK(bulletin::search::reading_initials("wu ye guan li") == "wygl");
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
    CHECK(find(files, "search-index/w/e.json")->bytes == "{\"version\":3,\"words\":[]}\n");
}

TEST_CASE("search index: readings by block of 256 code points, without the characters") {
    const auto files = bulletin::search::build_index(sample_docs(), {});
    const auto manifest = nlohmann::json::parse(find(files, "search-index.json")->bytes);
    // 检 is U+68C0: block 0x68, its 193rd reading (0x68C0 % 256 = 192).
    CHECK(manifest["pinyin"] == nlohmann::json::parse(R"({"path":"search-index/py/","first":52,"last":159})"));
    const auto* block = find(files, "search-index/py/68.json");
    REQUIRE(block != nullptr);
    const auto readings = nlohmann::json::parse(block->bytes)["readings"].get<std::string>();
    std::vector<std::string> each;
    for (std::size_t a = 0; a <= readings.size();) {
        std::size_t b = std::min(readings.find(' ', a), readings.size());
        each.push_back(readings.substr(a, b - a));
        a = b + 1;
    }
    REQUIRE(each.size() == 256);
    CHECK(each[192] == "jian");
    CHECK(nlohmann::json::parse(find(files, "search-index/py/88.json")->bytes)["readings"].get<std::string>().find("xing,hang") !=
          std::string::npos);  // 行 is U+884C
    // Every block from first to last has its file.
    for (int b = 52; b <= 159; ++b) {
        char name[8];
        std::snprintf(name, sizeof name, "%x", b);
        INFO(name);
        CHECK(find(files, std::string("search-index/py/") + name + ".json") != nullptr);
    }
}

namespace {

/// The sound table's entries of `key`, from the file the shared hash names.
nlohmann::json sound_entries(const bulletin::OutputFiles& files, const std::string& key, std::uint32_t hash) {
    const auto sound = nlohmann::json::parse(find(files, "search-index.json")->bytes)["sound"];
    const auto shards = sound["shards"].get<std::uint32_t>();
    const auto digits = sound["digits"].get<int>();
    char name[16];
    std::snprintf(name, sizeof name, "%0*x", digits, hash & (shards - 1));
    const auto* file = find(files, sound["path"].get<std::string>() + name + ".json");
    REQUIRE(file != nullptr);
    const auto keys = nlohmann::json::parse(file->bytes)["keys"];
    return keys.contains(key) ? keys[key] : nlohmann::json();
}

}  // namespace

TEST_CASE("search index: the sound table gives the words of a reading and of initials, every reading of each") {
    auto docs = sample_docs();
    docs.push_back({"2022/bank/", "银行网点服务专项整治", "区金融办", "jinrong", "2022", "2022年", 1, {"重庆"}, "银行。", {}});
    bulletin::search::IndexOptions options;
    options.sound_shard_bytes = 64;  // several files even for a small site
    const auto files = bulletin::search::build_index(docs, options);
    const auto sound = nlohmann::json::parse(find(files, "search-index.json")->bytes)["sound"];
    CHECK(sound["shards"].get<int>() > 1);
    CHECK(sound["hash"] == "fnv1a32");
    const auto vectors = load_vectors();
    std::map<std::string, nlohmann::json> expect{
        {"ti jian", nlohmann::json::parse(R"([["体检",2,2]])")},
        {"=tj", nlohmann::json::parse(R"([["体检",2,2]])")},
        // 银行 read as ICU reads 行 and as 现代汉语词典 also does.
        {"yin hang", nlohmann::json::parse(R"([["银行",1,2]])")},
        {"=yh", nlohmann::json::parse(R"([["银行",1,2]])")}};
    for (const auto& v : vectors["sound_keys"]) {
        const auto key = v["key"].get<std::string>();
        INFO(key);
        CHECK(sound_entries(files, key, v["hash"].get<std::uint32_t>()) == expect.at(key));
    }
    CHECK(sound_entries(files, "yin xing", bulletin::search::token_hash("yinxing")) == expect.at("yin hang"));
    // A tag read two ways from its first character is in the file of each letter.
    for (const char* letter : {"c", "z"}) {
        const auto words = nlohmann::json::parse(find(files, std::string("search-index/w/") + letter + ".json")->bytes)["words"];
        CHECK(std::find(words.begin(), words.end(), nlohmann::json::parse(R"(["重庆","zhong,chong qing",1,1])")) != words.end());
    }
}

TEST_CASE("search index: an alias finds its department's projects like the name") {
    const auto files = bulletin::search::build_index(sample_docs(), {});
    const auto terms = nlohmann::json::parse(find(files, "search-index.json")->bytes)["postings"]["terms"];
    // 区卫生健康局 takes positions 0 to 5 of the department field; 卫健委 starts at 7.
    CHECK(terms["健委"] == nlohmann::json::parse("[[0,1,8]]"));
    CHECK(terms["卫生"] == nlohmann::json::parse("[[0,1,1]]"));
}

TEST_CASE("search index: without the forgiving structures there are no readings, vocabulary or sound table") {
    bulletin::search::IndexOptions options;
    options.forgiving = false;
    const auto files = bulletin::search::build_index(sample_docs(), options);
    for (const auto& f : files) {
        INFO(f.path);
        CHECK(f.path.rfind("search-index/py/", 0) != 0);
        CHECK(f.path.rfind("search-index/w/", 0) != 0);
        CHECK(f.path.rfind("search-index/s/", 0) != 0);
    }
    const auto manifest = nlohmann::json::parse(find(files, "search-index.json")->bytes);
    CHECK(!manifest.contains("pinyin"));
    CHECK(!manifest.contains("words"));
    CHECK(!manifest.contains("sound"));
}
