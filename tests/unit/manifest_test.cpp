// manifest.json (manifest.h): SHA-256 of every file, grouped by edition,
// read back exactly; a deployed copy checked against it.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "../support/test_support.h"
#include "compress.h"
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
}

TEST_CASE("manifest: a file that is not a manifest is refused") {
    CHECK_THROWS_AS(bulletin::parse_manifest("{"), std::runtime_error);
    CHECK_THROWS_AS(bulletin::parse_manifest("{\"format\":\"other\"}"), std::runtime_error);
    CHECK_THROWS_AS(bulletin::parse_manifest("{\"format\":\"bulletin-manifest\",\"groups\":{\"site\":{\"a\":{}}}}"),
                    std::runtime_error);
}

TEST_CASE("manifest: verify finds changed, missing and extra files") {
    test::TempDir tmp;
    const bulletin::Manifest files = {{"index.html", {bulletin::sha256_hex("首页"), std::string("首页").size()}},
                                      {"2022/index.html", {bulletin::sha256_hex("本期"), std::string("本期").size()}}};
    test::write_file(tmp / "manifest.json", bulletin::render_manifest(files, {"2022"}));
    test::write_file(tmp / "index.html", "首页");
    test::write_file(tmp / "2022/index.html", "本期");
    test::write_file(tmp / ".well-known/x", "ignored");
    std::ostringstream out, err;
    CHECK(bulletin::run_verify(tmp.path().string(), out, err) == 0);

    test::write_file(tmp / "index.html", "首页被改");
    std::filesystem::remove(tmp / "2022/index.html");
    test::write_file(tmp / "extra.html", "x");
    std::ostringstream out2, err2;
    CHECK(bulletin::run_verify(tmp.path().string(), out2, err2) == 1);
    CHECK(out2.str().find("changed  index.html") != std::string::npos);
    CHECK(out2.str().find("missing  2022/index.html") != std::string::npos);
    CHECK(out2.str().find("extra    extra.html") != std::string::npos);
    CHECK(out2.str().find(".well-known") == std::string::npos);

    std::ostringstream out3, err3;
    CHECK(bulletin::run_verify((tmp / "nowhere").string(), out3, err3) == 2);
}

TEST_CASE("manifest: verify against the release's copy catches a manifest changed to match tampering") {
    test::TempDir tmp;
    const bulletin::Manifest files = {{"index.html", {bulletin::sha256_hex("首页"), std::string("首页").size()}}};
    const std::string release = bulletin::render_manifest(files, {});
    test::write_file(tmp / "release-manifest.json", release);
    test::write_file(tmp / "site/manifest.json", release);
    test::write_file(tmp / "site/index.html", "首页");
    std::ostringstream out, err;
    CHECK(bulletin::run_verify((tmp / "site").string(), out, err, (tmp / "release-manifest.json").string()) == 0);

    // The page is altered and the folder's manifest rewritten to agree with it.
    test::write_file(tmp / "site/index.html", "首页被改");
    const bulletin::Manifest forged = {{"index.html", {bulletin::sha256_hex("首页被改"), std::string("首页被改").size()}}};
    test::write_file(tmp / "site/manifest.json", bulletin::render_manifest(forged, {}));
    std::ostringstream own_out, own_err;
    CHECK(bulletin::run_verify((tmp / "site").string(), own_out, own_err) == 0);  // its own manifest is fooled
    std::ostringstream out2, err2;
    CHECK(bulletin::run_verify((tmp / "site").string(), out2, err2, (tmp / "release-manifest.json").string()) == 1);
    CHECK(out2.str().find("changed  index.html") != std::string::npos);
    CHECK(out2.str().find("changed  manifest.json") != std::string::npos);
}

TEST_CASE("manifest: verify catches an edit that keeps the size, in a file and in a gzip twin") {
    test::TempDir tmp;
    const std::string page = "截至2022年12月底，全区共建成公共充电桩71个。";
    const bulletin::Manifest files = {{"index.html", {bulletin::sha256_hex(page), page.size()}}};
    test::write_file(tmp / "manifest.json", bulletin::render_manifest(files, {}));
    test::write_file(tmp / "index.html", page);
    std::ostringstream out, err;
    CHECK(bulletin::run_verify(tmp.path().string(), out, err) == 0);

    // 71 → 17: the same number of bytes, a different figure.
    std::string edited = page;
    edited.replace(edited.find("71"), 2, "17");
    REQUIRE(edited.size() == page.size());
    test::write_file(tmp / "index.html", edited);
    std::ostringstream out2, err2;
    CHECK(bulletin::run_verify(tmp.path().string(), out2, err2) == 1);
    CHECK(out2.str().find("changed  index.html") != std::string::npos);

    // A twin the manifest does not list passes only with exactly the listed bytes.
    test::write_file(tmp / "index.html", page);
    test::write_file(tmp / "index.html.gz", bulletin::gzip(edited));
    std::ostringstream out3, err3;
    CHECK(bulletin::run_verify(tmp.path().string(), out3, err3) == 1);
    CHECK(out3.str().find("extra    index.html.gz") != std::string::npos);
    test::write_file(tmp / "index.html.gz", bulletin::gzip(page));
    std::ostringstream out4, err4;
    CHECK(bulletin::run_verify(tmp.path().string(), out4, err4) == 0);
}
