// Pages (pages.h) read as a reader follows them, on the golden sites: the
// previous and next links of every project page, and every department page
// listing exactly the projects its department leads, counted right. What is
// expected comes from the content model, not from the rendered pages.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "../support/test_support.h"
#include "build.h"
#include "load_site.h"
#include "pages.h"

namespace {

namespace fs = std::filesystem;

struct Built {
    test::TempDir tmp;
    bulletin::Site site;
};

void build_case(const std::string& name, Built& b) {
    const fs::path content = test::source_dir() / "tests/sites" / name / "content";
    bulletin::Diagnostics diags;
    auto site = bulletin::load_site(content.string(), {}, diags);
    REQUIRE(site);
    b.site = std::move(*site);
    bulletin::BuildOptions options;
    options.content_dir = content.string();
    options.out_dir = (b.tmp / "public").string();
    options.themes_dir = test::themes_dir().string();
    std::ostringstream out, err;
    REQUIRE(bulletin::run_build(options, out, err) == 0);
}

// The href of the first <a rel="…"> on a page, or "" when there is none.
std::string rel_link(const std::string& html, const std::string& rel) {
    std::smatch m;
    const std::regex re("<a [^>]*rel=\"" + rel + "\" href=\"([^\"]*)\"");
    return std::regex_search(html, m, re) ? m[1].str() : "";
}

}  // namespace

TEST_CASE("pages: every project page links the previous and the next project of its edition") {
    for (const char* name : {"small", "departments"}) {
        Built b;
        build_case(name, b);
        for (const auto& e : b.site.editions) {
            for (std::size_t k = 0; k < e.projects.size(); ++k) {
                const auto& p = b.site.projects[e.projects[k]];
                INFO(name << ": " << e.id << "/" << p.slug);
                const std::string html = test::read_file(b.tmp / "public" / e.id / p.slug / "index.html");
                auto link = [&](std::size_t j) { return "../../" + e.id + "/" + b.site.projects[e.projects[j]].slug + "/"; };
                const std::string prev = k > 0 ? link(k - 1) : "";
                const std::string next = k + 1 < e.projects.size() ? link(k + 1) : "";
                CHECK(rel_link(html, "prev") == prev);
                CHECK(rel_link(html, "next") == next);
            }
        }
    }
}

TEST_CASE("pages: a department page lists every project the department leads, in every edition") {
    for (const char* name : {"small", "departments"}) {
        Built b;
        build_case(name, b);
        for (std::size_t d = 0; d < b.site.departments.size(); ++d) {
            const auto& dep = b.site.departments[d];
            INFO(name << ": " << dep.slug);
            std::set<std::string> expected;
            for (const auto& p : b.site.projects) {
                if (p.department == d) expected.insert("../../" + b.site.editions[p.edition].id + "/" + p.slug + "/");
            }
            const std::string html = test::read_file(b.tmp / "public/departments" / dep.slug / "index.html");
            std::set<std::string> listed;
            const std::regex project_link(R"re(<li><a href="(\.\./\.\./[^"/]+/[^"/]+/)")re");
            for (auto it = std::sregex_iterator(html.begin(), html.end(), project_link); it != std::sregex_iterator(); ++it) {
                listed.insert((*it)[1].str());
            }
            CHECK(listed == expected);
            if (!expected.empty()) {
                CHECK(test::html_text(html).find("共牵头" + std::to_string(expected.size()) + "个项目") != std::string::npos);
            }
        }
    }
}

TEST_CASE("pages: the pages built are exactly the site map's pages, each at its address") {
    for (const char* name : {"small", "departments"}) {
        Built b;
        build_case(name, b);
        INFO(name);
        std::set<std::string> expected;
        std::map<bulletin::site_map::PageKind, std::size_t> per_kind;
        for (const bulletin::SitePage& page : bulletin::site_pages(b.site)) {
            CHECK(expected.insert(bulletin::page_dir(b.site, page) + "index.html").second);
            ++per_kind[page.kind];
        }
        std::set<std::string> built;
        for (const auto& entry : fs::recursive_directory_iterator(b.tmp / "public")) {
            if (entry.path().filename() == "index.html") {
                built.insert(fs::relative(entry.path(), b.tmp / "public").generic_string());
            }
        }
        CHECK(built == expected);
        using bulletin::site_map::PageKind;
        CHECK(per_kind[PageKind::home] == 1);
        CHECK(per_kind[PageKind::search] == 1);
        CHECK(per_kind[PageKind::edition] == b.site.editions.size());
        CHECK(per_kind[PageKind::project] == b.site.projects.size());
        CHECK(per_kind[PageKind::department] == b.site.departments.size());
    }
}
