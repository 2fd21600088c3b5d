// A site's own layouts/ beside its content/ (a column inside a government
// portal): its templates replace the theme's of the same name, the rest of
// the theme stays.
#include <catch2/catch.hpp>

#include "../support/test_support.h"

namespace fs = std::filesystem;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The small golden site, with a portal's header and footer in layouts/partials/.
struct PortalSite {
    test::TempDir tmp;
    fs::path content = tmp / "content";
    fs::path out = tmp / "public";

    PortalSite() {
        fs::copy(fs::path(BULLETIN_SOURCE_DIR) / "tests/sites/small/content", content, fs::copy_options::recursive);
        test::write_file(tmp / "layouts/partials/head.html",
                         "<!DOCTYPE html>\n<html lang=\"{{lang}}\">\n<head>\n<meta charset=\"utf-8\">\n"
                         "<title>{{page_title}}</title>\n<link rel=\"stylesheet\" href=\"{{root}}assets/style.css\">\n"
                         "</head>\n<body>\n<header class=\"portal-header\"><p>示例区人民政府门户网站</p>"
                         "<nav aria-label=\"门户导航\"><a href=\"{{root}}{{idx}}\">专项治理专栏</a></nav></header>\n");
        test::write_file(tmp / "layouts/partials/foot.html",
                         "<footer class=\"portal-footer\"><p>示例区人民政府办公室主办</p>"
                         "{{#site.identity}}<p>{{site_code}}</p>{{/site.identity}}</footer>\n</body>\n</html>\n");
    }
    test::CommandResult build() {
        return test::run_cli("build --content " + test::shell_quote(content.string()) + " --out " +
                                 test::shell_quote(out.string()),
                             tmp.path());
    }
};

}  // namespace

TEST_CASE("layouts: the portal's header and footer replace the theme's on every page") {
    PortalSite site;
    const auto r = site.build();
    INFO(r.err);
    REQUIRE(r.status == 0);
    int pages = 0;
    for (const auto& entry : fs::recursive_directory_iterator(site.out)) {
        if (entry.path().extension() != ".html") continue;
        ++pages;
        const std::string html = test::read_file(entry.path());
        INFO(entry.path().string());
        CHECK(has(html, "<header class=\"portal-header\"><p>示例区人民政府门户网站</p>"));
        CHECK(has(html, "<footer class=\"portal-footer\"><p>示例区人民政府办公室主办</p><p>3309020001</p></footer>"));
        CHECK_FALSE(has(html, "class=\"site-header\""));
        CHECK_FALSE(has(html, "class=\"site-footer\""));
    }
    CHECK(pages >= 10);
    // What the site did not override is the theme's: the project entries and their figures.
    const std::string edition = test::read_file(site.out / "2022/index.html");
    CHECK(has(edition, "<article class=\"project\" id=\"ev-charging\""));
    CHECK(has(edition, "<figure class=\"chart\">"));
}

TEST_CASE("layouts: a page template of the site replaces the theme's, and changing it rebuilds") {
    PortalSite site;
    test::write_file(site.tmp / "layouts/archive.html", "{{> head}}<main id=\"main\"><h1>历年专栏</h1></main>{{> foot}}");
    REQUIRE(site.build().status == 0);
    CHECK(has(test::read_file(site.out / "archive/index.html"), "<h1>历年专栏</h1>"));
    test::write_file(site.tmp / "layouts/archive.html", "{{> head}}<main id=\"main\"><h1>往期专栏</h1></main>{{> foot}}");
    REQUIRE(site.build().status == 0);
    CHECK(has(test::read_file(site.out / "archive/index.html"), "<h1>往期专栏</h1>"));
}

TEST_CASE("layouts: a template error in layouts/ names that file and line, and nothing is written") {
    PortalSite site;
    test::write_file(site.tmp / "layouts/partials/foot.html", "<footer>\n{{#site}}\n</footer>\n");
    const auto r = site.build();
    CHECK(r.status == 1);
    INFO(r.err);
    CHECK(has(r.err, "layouts/partials/foot.html:"));
    CHECK_FALSE(fs::exists(site.out / "index.html"));
}
