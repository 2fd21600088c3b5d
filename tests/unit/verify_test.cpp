// `bulletin verify` (verify.h): a deployed copy checked against its
// manifest, or against the release's own copy of it.
#include <catch2/catch.hpp>

#include <sstream>

#include "../support/test_support.h"
#include "compress.h"
#include "manifest.h"
#include "verify.h"

TEST_CASE("verify: finds changed, missing and extra files") {
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

TEST_CASE("verify: against the release's copy catches a manifest changed to match tampering") {
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

TEST_CASE("verify: catches an edit that keeps the size, in a file and in a gzip twin") {
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

TEST_CASE("verify: reports every symlink in the folder, never follows it, and names it by its own path") {
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
