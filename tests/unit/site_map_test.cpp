// The site map (site_map.h): every address the site writes at its root is a
// reserved name no edition folder may take, and an edition's id follows one
// rule, for the loader and for `bulletin import --edition` alike.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "../support/test_support.h"
#include "diagnostics.h"
#include "import.h"
#include "load_site.h"
#include "site_map.h"

namespace fs = std::filesystem;
using bulletin::site_map::check_edition_id;
using bulletin::site_map::EditionId;

namespace {

// Loads the minimal site with one more edition folder named `id`: whether it
// became an edition of the site (a folder starting with "_" is skipped), and the report.
std::pair<bool, std::string> load_with_edition(const std::string& id) {
    test::TempDir tmp;
    const fs::path content = tmp / "content";
    test::write_minimal_site(content);
    test::write_file(content / id / "_index.md",
                     "+++\ntitle = \"另一期\"\nyear = 2023\npublished = 2024-01-20\n+++\n前言。\n");
    bulletin::Diagnostics diags;
    const auto site = bulletin::load_site(content.string(), {}, diags);
    const bool built = site && std::any_of(site->editions.begin(), site->editions.end(),
                                           [&](const bulletin::Edition& e) { return e.id == id; });
    return {built, bulletin::format_diagnostics(diags, "zh-CN")};
}

}  // namespace

TEST_CASE("site map: every name a built site has at its root, but the editions, is reserved") {
    test::TempDir tmp;
    const auto r = test::run_cli("build --content " + test::shell_quote((test::source_dir() / "tests/sites/small/content").string()) +
                                     " --out " + test::shell_quote((tmp / "out").string()) + " --themes " +
                                     test::shell_quote(test::themes_dir().string()),
                                 tmp.path());
    REQUIRE(r.status == 0);
    std::size_t checked = 0;
    for (const auto& entry : fs::directory_iterator(tmp / "out")) {
        const std::string name = entry.path().filename().string();
        if (name == "2021" || name == "2022") continue;  // the small site's editions
        INFO(name);
        CHECK(bulletin::site_map::is_reserved(name));
        ++checked;
    }
    CHECK(checked >= 10);
    CHECK(bulletin::site_map::is_reserved("sitemap-3.xml"));  // the parts of a split sitemap
}

TEST_CASE("site map: an edition folder named like any reserved address is rejected, saying so") {
    for (const std::string& name : bulletin::site_map::reserved_names()) {
        INFO(name);
        const auto [loaded, report] = load_with_edition(name);
        CHECK_FALSE(loaded);
        CHECK(report.find("文件夹名“" + name + "”是网站保留的地址") != std::string::npos);
    }
    // The reproduced case: search-index/ used to build once, then break the next build.
    const auto [loaded, report] = load_with_edition("search-index");
    CHECK_FALSE(loaded);
    CHECK(report.find("content/search-index") != std::string::npos);
}

TEST_CASE("site map: import --edition accepts exactly the ids the loader accepts") {
    const std::vector<std::string> ids = {"2022", "2023b", "y-2023", "Y_2023", "Y2023", "y_2023", "-2023", "2023-",
                                          "a--b", "search-index", "data", "archive", "sitemap-2.xml", "_2023", "年报"};
    for (const std::string& id : ids) {
        INFO(id);
        const bool loader = load_with_edition(id).first;
        CHECK(loader == (check_edition_id(id) == EditionId::ok));

        test::TempDir tmp;
        test::write_file(tmp / "site.toml", "title = \"测试\"\nbase_url = \"https://example.org/\"\n");
        bulletin::ImportOptions options;
        options.input = test::source_dir() / "tests/data/seed-bulletin-2022.txt";
        options.edition = id;
        options.content_dir = tmp.path();
        std::ostringstream out, err;
        const int status = bulletin::run_import(options, out, err);
        if (loader) {
            CHECK(status != 2);
        } else {
            // Refused before anything is written, with the rule and a usable id.
            CHECK(status == 2);
            CHECK(err.str().find("--edition") != std::string::npos);
            CHECK_FALSE(fs::exists(tmp / id));
            CHECK_FALSE(fs::exists(tmp / "departments.toml"));
        }
    }
    std::ostringstream out, err;
    bulletin::ImportOptions options;
    options.edition = "Y_2023";
    CHECK(bulletin::run_import(options, out, err) == 2);
    CHECK(err.str().find("例如 --edition y-2023") != std::string::npos);
}

TEST_CASE("site map: addresses and the manifest's groups") {
    using namespace bulletin::site_map;
    CHECK(project("2022", "ev-charging") == "2022/ev-charging/");
    CHECK(edition("2022") == "2022/");
    CHECK(department("fagai") == "departments/fagai/");
    CHECK(data_json("2022") == "data/2022.json");
    CHECK(data_csv("2022") == "data/2022.csv");
    CHECK(page_file(project("2022", "x")) == "2022/x/index.html");
    const std::vector<std::string> ids = {"2022", "2021"};
    CHECK(manifest_group("2022/x/index.html", ids) == "2022");
    CHECK(manifest_group("data/2021.csv.gz", ids) == "2021");
    CHECK(manifest_group("data/20221.json", ids) == "site");
    CHECK(manifest_group(std::string(search_manifest), ids) == "site");
}

TEST_CASE("site map: every kind of page has its template, and a page the site has once reserves its name") {
    using bulletin::site_map::PageKind;
    const auto kinds = bulletin::site_map::page_kinds();
    REQUIRE(kinds.size() == 7);
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const auto& kind = kinds[i];
        INFO(kind.name);
        CHECK(static_cast<std::size_t>(kind.kind) == i);
        CHECK(&bulletin::site_map::page_kind(kind.kind) == &kind);
        CHECK(fs::exists(test::themes_dir() / "default/templates" / (std::string(kind.name) + ".html")));
        if (kind.once && !kind.address.empty()) {
            CHECK(bulletin::site_map::is_reserved(std::string(kind.address.substr(0, kind.address.find('/')))));
        }
        CHECK(kind.once == (kind.kind != PageKind::edition && kind.kind != PageKind::project &&
                            kind.kind != PageKind::department));
    }
    CHECK_FALSE(bulletin::site_map::page_kind(PageKind::search).in_sitemap);
    CHECK(bulletin::site_map::page_kind(PageKind::archive).in_sitemap);
    CHECK(bulletin::site_map::page_kind(PageKind::home).address.empty());
}
