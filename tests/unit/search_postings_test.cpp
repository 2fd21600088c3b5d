// Postings collected on several threads and their number lists written
// without the library: both must come out exactly as the simple definitions
// say. (JSON strings: json_text_test.cpp.)
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "search_index.h"
#include "search_postings.h"
#include "search_tokenize.h"

namespace {

using bulletin::search::Document;
using Json = nlohmann::ordered_json;

// Documents already in id order (one edition, one department, numbered),
// with words, numbers, units, full-width and Traditional characters, so
// that every kind of token and many ranges of documents are met.
std::vector<Document> generated_docs(int count) {
    const std::vector<std::string> words = {"充电桩", "老旧小区", "物业", "管理", "8.98万元", "2022年12月底", "118%",
                                            "CMake", "５Ｇ", "幼兒園", "，", "。", " ", "covid19", "3.5", "人次",
                                            "教育", "收费", "区住建局", "Straße"};
    std::mt19937 random(3);
    auto text = [&](int length) {
        std::string s;
        for (int k = 0; k < length; ++k) s += words[random() % words.size()];
        return s;
    };
    std::vector<Document> docs;
    for (int i = 0; i < count; ++i) {
        char url[32];
        std::snprintf(url, sizeof url, "2022/p%05d/", i);
        // Some tokens only in the first or the last documents, so that a
        // token's ranges are not all alike.
        std::string body = text(static_cast<int>(random() % 60));
        if (i < 40) body += "开头";
        if (i > count - 40) body += "结尾";
        docs.push_back({url, text(3), "区发改局", "fagai", "2022", "2022年", i + 1, {text(1), text(2)}, body, {}});
    }
    return docs;
}

// The postings of docs/search-index.md, from tokenize() one token at a time.
std::map<std::string, Json> reference_postings(const std::vector<Document>& docs) {
    std::map<std::string, Json> lists;
    std::map<std::string, std::pair<int, int>> last;  // token: last doc, last position
    for (int id = 0; id < static_cast<int>(docs.size()); ++id) {
        const Document& d = docs[static_cast<std::size_t>(id)];
        std::vector<std::vector<bulletin::search::Token>> fields = {bulletin::search::tokenize(d.title),
                                                                  bulletin::search::tokenize(d.department), {},
                                                                  bulletin::search::tokenize(d.text)};
        int next = 0;
        for (const std::string& tag : d.tags) {
            for (const auto& t : bulletin::search::tokenize(tag, next)) {
                fields[2].push_back(t);
                next = std::max(next, t.position + 2);
            }
        }
        for (int field = 0; field < 4; ++field) {
            std::map<std::string, bool> opened;
            for (const auto& t : fields[static_cast<std::size_t>(field)]) {
                Json& list = lists[t.text];
                auto [it, first] = last.try_emplace(t.text, -1, 0);
                if (!opened[t.text]) {
                    opened[t.text] = true;
                    list.push_back(Json::array({id - std::max(it->second.first, 0), field}));
                    it->second = {id, 0};
                }
                if (t.kind != bulletin::search::TokenKind::Unigram) {
                    list.back().push_back(t.position - it->second.second);
                    it->second.second = t.position;
                }
            }
        }
    }
    return lists;
}

bulletin::OutputFiles built_with_jobs(const std::vector<Document>& docs, const char* jobs) {
    ::setenv("BULLETIN_JOBS", jobs, 1);
    bulletin::search::IndexOptions options;
    options.single_file_limit = 0;  // always sharded
    auto files = bulletin::search::build_index(docs, options);
    ::unsetenv("BULLETIN_JOBS");
    return files;
}

}  // namespace

TEST_CASE("search postings: whole numbers as JSON writes them") {
    for (std::int64_t v : std::initializer_list<std::int64_t>{0, 9, 10, 99, 100, -1, -10, 123456789012, INT64_MIN, INT64_MAX}) {
        std::string out;
        bulletin::search::append_int(out, v);
        CHECK(out == Json(v).dump());
    }
}

TEST_CASE("search postings: the same lists, whatever the number of threads, as tokenize() defines them") {
    const auto docs = generated_docs(1500);
    const auto one = built_with_jobs(docs, "1");
    for (const char* jobs : {"2", "3"}) {
        const auto more = built_with_jobs(docs, jobs);
        REQUIRE(more.size() == one.size());
        for (std::size_t i = 0; i < one.size(); ++i) {
            CHECK(more[i].path == one[i].path);
            CHECK(more[i].bytes == one[i].bytes);
        }
    }

    auto expected = reference_postings(docs);
    std::size_t found = 0;
    for (const auto& file : one) {
        if (file.path.rfind("search-index/p/", 0) != 0) continue;
        const auto shard = Json::parse(file.bytes);
        std::string previous;
        for (const auto& [token, list] : shard["terms"].items()) {
            CHECK(previous < token);  // byte order
            previous = token;
            INFO(token);
            REQUIRE(expected.count(token) == 1);
            CHECK(list == expected[token]);
            ++found;
        }
    }
    CHECK(found == expected.size());
}
