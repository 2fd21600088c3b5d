// manifest.json (manifest.h): SHA-256 of every file, grouped by edition,
// read back exactly; a deployed copy checked against it.
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

TEST_CASE("manifest: verify reports every symlink in the folder, never follows it, and names it by its own path") {
    test::TempDir tmp;
    const bulletin::Manifest files = {{"index.html", {bulletin::sha256_hex("首页"), std::string("首页").size()}},
                                      {"2022/index.html", {bulletin::sha256_hex("本期"), std::string("本期").size()}}};
    test::write_file(tmp / "site/manifest.json", bulletin::render_manifest(files, {"2022"}));
    test::write_file(tmp / "site/index.html", "首页");
    test::write_file(tmp / "site/2022/index.html", "本期");
    {
        std::ostringstream out, err;
        REQUIRE(bulletin::run_verify((tmp / "site").string(), out, err) == 0);
    }
    // A link to a folder outside (ln -s /etc public/etc).
    test::write_file(tmp / "outside/passwd", "root:x:0:0\n");
    std::filesystem::create_directory_symlink(tmp / "outside", tmp / "site/etc");
    {
        std::ostringstream out, err;
        CHECK(bulletin::run_verify((tmp / "site").string(), out, err) == 1);
        CHECK(out.str().find("symlink  etc\n") != std::string::npos);
        CHECK(out.str().find("passwd") == std::string::npos);
        CHECK(out.str().find("1 个符号链接 — 不一致") != std::string::npos);
    }
    std::filesystem::remove(tmp / "site/etc");
    // A published file replaced by a link to a file with the very same bytes.
    test::write_file(tmp / "elsewhere/page.html", "本期");
    std::filesystem::remove(tmp / "site/2022/index.html");
    std::filesystem::create_symlink(tmp / "elsewhere/page.html", tmp / "site/2022/index.html");
    {
        std::ostringstream out, err;
        CHECK(bulletin::run_verify((tmp / "site").string(), out, err) == 1);
        CHECK(out.str().find("symlink  2022/index.html\n") != std::string::npos);
        CHECK(out.str().find("missing") == std::string::npos);
        CHECK(out.str().find("elsewhere") == std::string::npos);
    }
}
