// The JSON writer (json_text.h): every JSON file of the site is written with
// it, byte for byte as nlohmann's dump() writes the same document, in both
// layouts.
#include <catch2/catch.hpp>

#include <climits>
#include <random>

#include <nlohmann/json.hpp>

#include "json_text.h"

namespace {

using Json = nlohmann::ordered_json;
using bulletin::JsonLayout;
using bulletin::JsonWriter;

std::string dumped(const std::string& s) { return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace); }

// Writes `doc` with JsonWriter, value by value.
void write(JsonWriter& j, const Json& doc) {
    switch (doc.type()) {
        case Json::value_t::object:
            j.begin_object();
            for (const auto& [key, value] : doc.items()) write(j.key(key), value);
            j.end_object();
            break;
        case Json::value_t::array:
            j.begin_array();
            for (const Json& value : doc) write(j.item(), value);
            j.end_array();
            break;
        case Json::value_t::string: j.string(doc.get_ref<const std::string&>()); break;
        case Json::value_t::boolean: j.boolean(doc.get<bool>()); break;
        case Json::value_t::number_integer: j.integer(doc.get<long long>()); break;
        case Json::value_t::number_float: j.number(doc.get<double>()); break;
        default: FAIL("not written by JsonWriter: " << doc.dump());
    }
}

std::string written(const Json& doc, JsonLayout layout) {
    std::string out;
    JsonWriter j(out, layout);
    write(j, doc);
    return out;
}

// A document of `depth` levels at most, with every kind of value the writer writes.
Json random_document(std::mt19937& random, int depth) {
    static const std::vector<std::string> strings = {"", "区发改局", "quote \" backslash \\", "\t\n\x01", "\U0001f600",
                                                     "a\xffz"};
    static const std::vector<double> numbers = {0.0, 296.0, 8.98, -0.5, 1e300, 6.6525, 0.1};
    switch (depth > 0 ? random() % 7 : 2 + random() % 5) {
        case 0: {
            Json object = Json::object();
            for (int k = static_cast<int>(random() % 4); k > 0; --k) {
                object[strings[random() % strings.size()] + std::to_string(k)] = random_document(random, depth - 1);
            }
            return object;
        }
        case 1: {
            Json array = Json::array();
            for (int k = static_cast<int>(random() % 4); k > 0; --k) array.push_back(random_document(random, depth - 1));
            return array;
        }
        case 2: return strings[random() % strings.size()];
        case 3: return static_cast<long long>(random()) - (1LL << 31);
        case 4: return numbers[random() % numbers.size()];
        case 5: return random() % 2 == 0;
        default: return Json::array();
    }
}

}  // namespace

TEST_CASE("json text: strings are written as nlohmann writes them, invalid UTF-8 included") {
    for (const std::string s : {"", "plain", "充电桩 8.98万元", "quote \" backslash \\ slash /", "\b\f\n\r\t\x01\x1f\x7f",
                                "ß é ж", "\xe0\xa4\x95", "\xed\x9f\xbf", "\U0001f600", "\U0010ffff", "\xef\xbf\xbe",
                                "\xff", "\xc0\xaf", "\xe4\xb8", "\xed\xa0\x80", "a\x80z", "\xf4\x90\x80\x80",
                                "\xe0\x80\x80", "\xf0\x9f\x98"}) {
        std::string out = "[";  // appended to what is there
        bulletin::append_json_string(out, s);
        CHECK(out.substr(1) == dumped(s));
    }
    std::mt19937 random(11);
    const std::string alphabet = "ab\"\\\n\x01\x7f\xc3\xa9\xe4\xb8\x87\xe0\xed\xf0\x9f\x98\x80\x80\xbf\xc0\xff";
    for (int n = 0; n < 20000; ++n) {
        std::string s;
        for (int k = static_cast<int>(random() % 12); k > 0; --k) s += alphabet[random() % alphabet.size()];
        std::string out;
        bulletin::append_json_string(out, s);
        CHECK(out == dumped(s));
    }
}

TEST_CASE("json text: documents are laid out as nlohmann's dump() lays them out, tab-indented or compact") {
    const Json fixed = {{"format", "bulletin-edition"},
                        {"version", 1},
                        {"empty_object", Json::object()},
                        {"empty_array", Json::array()},
                        {"numbers", {0, -1, LLONG_MIN, LLONG_MAX, 296.0, 8.98}},
                        {"nested", {{"a", {{"b", {true, false, "c"}}}}}}};
    CHECK(written(fixed, JsonLayout::tabs) == fixed.dump(1, '\t', false, Json::error_handler_t::replace));
    CHECK(written(fixed, JsonLayout::compact) == fixed.dump(-1, ' ', false, Json::error_handler_t::replace));
    std::mt19937 random(5);
    for (int n = 0; n < 2000; ++n) {
        const Json doc = random_document(random, 4);
        INFO(doc.dump(-1, ' ', true, Json::error_handler_t::replace));
        CHECK(written(doc, JsonLayout::tabs) == doc.dump(1, '\t', false, Json::error_handler_t::replace));
        CHECK(written(doc, JsonLayout::compact) == doc.dump(-1, ' ', false, Json::error_handler_t::replace));
    }
}

TEST_CASE("json text: a value that is JSON already goes in as it is, in its place") {
    std::string out;
    JsonWriter j(out, JsonLayout::compact);
    j.begin_object();
    j.key("list").raw("[[1,2],[3]]");
    j.key("more").raw_from([](std::string& s) { s += "[4]"; });
    j.key("after").integer(5);
    j.end_object();
    CHECK(out == R"({"list":[[1,2],[3]],"more":[4],"after":5})");
}
