// Feeds (feeds.h), on the small golden site: the sitemap lists every page
// (split into an index and parts past its URL limit), the Atom feed is dated
// from content.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "../support/test_support.h"
#include "load_site.h"
#include "feeds.h"
#include "pages.h"

namespace {

struct Small {
    bulletin::Site site;
    bulletin::Theme theme;
};

const Small& small() {
    static const Small s = [] {
        bulletin::Diagnostics diags;
        auto site = bulletin::load_site((test::source_dir() / "tests/sites/small/content").string(), {}, diags);
        auto theme = bulletin::Theme::load(test::themes_dir() / "default", "zh-CN", diags);
        if (!site || !theme) throw std::runtime_error(bulletin::format_diagnostics(diags, "zh-CN"));
        return Small{std::move(*site), std::move(*theme)};
    }();
    return s;
}

std::vector<std::string> all(const std::string& text, const std::string& pattern) {
    const std::regex re(pattern);
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) {
        out.push_back((*it)[1].str());
    }
    return out;
}

const bulletin::OutputFile& file(const bulletin::OutputFiles& files, const std::string& path) {
    for (const auto& f : files) {
        if (f.path == path) return f;
    }
    throw std::runtime_error("no " + path);
}

}  // namespace

TEST_CASE("feeds: the sitemap lists every HTML page with absolute URLs and content dates") {
    const bulletin::OutputFiles files = bulletin::render_sitemap(small().site);
    REQUIRE(files.size() == 1);
    CHECK(files[0].path == "sitemap.xml");
    const std::string& xml = files[0].bytes;
    const auto locs = all(xml, "<loc>([^<]*)</loc>");
    const std::string base = "https://www.example.gov.cn/bulletin/";
    // home, 2 editions, 5 projects, departments index, 4 departments, archive
    CHECK(locs.size() == 14);
    for (const auto& loc : locs) CHECK(loc.rfind(base, 0) == 0);
    CHECK(xml.find("<url><loc>" + base + "</loc><lastmod>2023-01-20</lastmod></url>") != std::string::npos);
    CHECK(xml.find("<loc>" + base + "2021/</loc><lastmod>2022-01-18</lastmod>") != std::string::npos);
    // A corrected project is as new as its latest correction.
    CHECK(xml.find("<loc>" + base + "2022/ev-charging/</loc><lastmod>2023-03-01</lastmod>") != std::string::npos);
    CHECK(xml.find("<loc>" + base + "departments/minzheng/</loc>") != std::string::npos);
    // Exactly the site map's pages it says are listed, in its order: all but the search page.
    std::vector<std::string> expected;
    for (const bulletin::SitePage& page : bulletin::site_pages(small().site)) {
        if (bulletin::site_map::page_kind(page.kind).in_sitemap) expected.push_back(base + bulletin::page_dir(small().site, page));
    }
    CHECK(locs == expected);
    CHECK(std::find(locs.begin(), locs.end(), base + "search/") == locs.end());
}

TEST_CASE("feeds: past its URL limit the sitemap is an index of parts, each within the limit") {
    // The limit is 50,000 (sitemaps.org); 5 here, so the small site's 14 pages make three parts.
    const bulletin::OutputFiles whole = bulletin::render_sitemap(small().site);
    const bulletin::OutputFiles files = bulletin::render_sitemap(small().site, 5);
    REQUIRE(files.size() == 4);
    const std::string base = "https://www.example.gov.cn/bulletin/";
    const std::string& index = file(files, "sitemap.xml").bytes;
    CHECK(index.find("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">") != std::string::npos);
    CHECK(all(index, "<loc>([^<]*)</loc>") ==
          std::vector<std::string>{base + "sitemap-1.xml", base + "sitemap-2.xml", base + "sitemap-3.xml"});
    // Each part is dated by its newest page: the first holds the corrected project (2023-03-01).
    CHECK(all(index, "<lastmod>([^<]*)</lastmod>").front() == "2023-03-01");
    std::vector<std::string> urls;
    for (const char* part : {"sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"}) {
        const std::string& xml = file(files, part).bytes;
        CHECK(xml.find("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">") != std::string::npos);
        const auto locs = all(xml, "<url><loc>([^<]*)</loc>");
        CHECK(locs.size() <= 5);
        urls.insert(urls.end(), locs.begin(), locs.end());
    }
    // Together the parts list the pages of the single sitemap, in its order.
    CHECK(urls == all(whole[0].bytes, "<loc>([^<]*)</loc>"));
}

TEST_CASE("feeds: Atom entries are newest first, one per project and per correction") {
    const std::string xml = bulletin::render_atom(small().site, small().theme);
    CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"", 0) == 0);
    const auto entries = all(xml, "<entry>\n<title>([^<]*)</title>");
    REQUIRE(entries.size() == 6);
    CHECK(entries[0] == "更正：新能源汽车充电难问题专项治理");
    CHECK(entries[1] == "新能源汽车充电难问题专项治理");
    CHECK(entries[5] == "老旧小区改造专项治理");
    const auto updated = all(xml, "<updated>([^<]*)</updated>");
    CHECK(updated.front() == "2023-03-01T00:00:00+08:00");  // the feed's own: its newest entry
    CHECK(std::is_sorted(updated.begin() + 1, updated.end(), std::greater<>()));
    const auto ids = all(xml, "<id>([^<]*)</id>");
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
}
