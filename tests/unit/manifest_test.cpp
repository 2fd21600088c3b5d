// manifest.json (manifest.h): SHA-256 of every file, grouped by edition,
// read back exactly, written as nlohmann's dump(1, '\t') would lay it out.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "../support/test_support.h"
#include "manifest.h"

TEST_CASE("manifest: SHA-256 in lower-case hex") {
    CHECK(bulletin::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(bulletin::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("manifest: files are grouped by edition and read back the same") {
    const bulletin::Manifest files = {
        {"2022/index.html", {bulletin::sha256_hex("a"), 1}},
        {"2022/ev-charging/index.html", {bulletin::sha256_hex("b"), 1}},
        {"data/2022.csv", {bulletin::sha256_hex("c"), 1}},
        {"data/2021.json", {bulletin::sha256_hex("d"), 1}},
        {"index.html", {bulletin::sha256_hex("e"), 1}},
        {"20221/index.html", {bulletin::sha256_hex("f"), 1}},
    };
    const std::string text = bulletin::render_manifest(files, {"2022", "2021"});
    const auto doc = nlohmann::json::parse(text);
    CHECK(doc["format"] == "bulletin-manifest");
    CHECK(doc["groups"]["2022"].size() == 3);
    CHECK(doc["groups"]["2021"].size() == 1);
    CHECK(doc["groups"]["site"].size() == 2);  // "20221/" is not edition 2022
    CHECK(doc["groups"]["site"].contains("20221/index.html"));
    const auto back = bulletin::parse_manifest(text);
    REQUIRE(back.size() == files.size());
    for (const auto& [path, entry] : files) {
        INFO(path);
        CHECK(back.at(path).sha256 == entry.sha256);
        CHECK(back.at(path).size == entry.size);
    }
    CHECK(bulletin::render_manifest(files, {"2022", "2021"}) == text);
    // The project's JSON writer lays the document out as the library would.
    CHECK(text == nlohmann::ordered_json::parse(text).dump(1, '\t') + "\n");
    CHECK(bulletin::render_manifest({}, {}) ==
          "{\n\t\"format\": \"bulletin-manifest\",\n\t\"version\": 1,\n\t\"algorithm\": \"sha256\",\n\t\"groups\": {}\n}\n");
}

TEST_CASE("manifest: a file that is not a manifest is refused") {
    CHECK_THROWS_AS(bulletin::parse_manifest("{"), std::runtime_error);
    CHECK_THROWS_AS(bulletin::parse_manifest("{\"format\":\"other\"}"), std::runtime_error);
    CHECK_THROWS_AS(bulletin::parse_manifest("{\"format\":\"bulletin-manifest\",\"groups\":{\"site\":{\"a\":{}}}}"),
                    std::runtime_error);
}

