// Local images and attachments (local_links.h): a file beside the project or
// under content/files/ is published and linked from every page that shows
// it, at that page's depth and in the offline copy; a link to another
// project's .md file becomes its address; nothing outside the content
// folder, hidden, or able to run script is ever published.
#include <catch2/catch.hpp>

#include <sstream>

#include "../support/test_support.h"
#include "build.h"
#include "markdown.h"
#include "load_site.h"
#include "model.h"

namespace {

namespace fs = std::filesystem;
using test::project_file;

struct Site {
    test::TempDir tmp;
    fs::path content = tmp / "content";
    fs::path out = tmp / "public";
    std::string errors;

    Site() {
        test::write_minimal_site(content);
        test::write_file(content / "2022/ev-charging/index.md",
                         project_file({"title = \"充电\"", "department = \"区发改局\"", "number = 1"},
                                      "![充电站](photo.jpg)\n\n[方案](../../files/方案.pdf)，见[午餐](../lunch.md#x)。\n"));
        test::write_file(content / "2022/ev-charging/photo.jpg", "JPEG bytes");
        test::write_file(content / "2022/ev-charging/notes.txt", "not linked: not published");
        test::write_file(content / "files/方案.pdf", "%PDF bytes");
        test::write_file(content / "2022/lunch.md",
                         project_file({"title = \"午餐\"", "department = \"区教育局\"", "number = 2"}, "正文。\n"));
    }
    int build(bool offline = false) {
        bulletin::BuildOptions options;
        options.content_dir = content.string();
        options.out_dir = out.string();
        options.themes_dir = test::themes_dir().string();
        options.offline = offline;
        std::ostringstream o, e;
        const int status = bulletin::run_build(options, o, e);
        errors = e.str();
        return status;
    }
    std::string page(const std::string& rel) const { return test::read_file(out / rel); }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("local_links: bundle and files/ are copied and linked from each page at its depth") {
    Site s;
    REQUIRE(s.build() == 0);
    INFO(s.errors);
    CHECK(test::read_file(s.out / "2022/ev-charging/photo.jpg") == "JPEG bytes");
    CHECK(test::read_file(s.out / "files/方案.pdf") == "%PDF bytes");
    CHECK_FALSE(fs::exists(s.out / "2022/ev-charging/notes.txt"));
    const std::string project = s.page("2022/ev-charging/index.html");
    CHECK(has(project, "<img src=\"../../2022/ev-charging/photo.jpg\" alt=\"充电站\""));
    CHECK(has(project, "href=\"../../files/%E6%96%B9%E6%A1%88.pdf\""));
    CHECK(has(project, "href=\"../../2022/lunch/#x\""));
    const std::string edition = s.page("2022/index.html");
    CHECK(has(edition, "<img src=\"../2022/ev-charging/photo.jpg\""));
    CHECK(has(edition, "href=\"../2022/lunch/#x\""));
    const std::string home = s.page("index.html");
    CHECK(has(home, "<img src=\"./2022/ev-charging/photo.jpg\""));
    // No mark is left on any page.
    for (const auto& [path, bytes] : test::read_tree(s.out)) {
        INFO(path);
        CHECK(bytes.find_first_of("\x1E\x1F") == std::string::npos);
    }
    CHECK(has(test::read_file(s.out / "manifest.json"), "\"files/方案.pdf\""));
}

TEST_CASE("local_links: the offline copy links pages to their index.html") {
    Site s;
    REQUIRE(s.build(true) == 0);
    CHECK(has(s.page("2022/ev-charging/index.html"), "href=\"../../2022/lunch/index.html#x\""));
    CHECK(has(s.page("2022/ev-charging/index.html"), "<img src=\"../../2022/ev-charging/photo.jpg\""));
}

TEST_CASE("local_links: a missing, outside, hidden or scriptable file is an error and nothing is written") {
    struct Case {
        std::string link;
        std::string message;
    };
    for (const Case& c : std::vector<Case>{
             {"![图](missing.jpg)", "找不到链接的文件“missing.jpg”"},
             {"[密](../../../../etc/passwd)", "指向内容文件夹之外"},
             {"[密](/../site.toml)", "指向内容文件夹之外"},
             {"[隐](.notes.pdf)", "以 . 或 _ 开头"},
             {"[隐](../_drafts/a.pdf)", "以 . 或 _ 开头"},
             {"[图](x.svg)", "文件类型不能发布"},
             {"[页](x.html)", "文件类型不能发布"},
             {"[样式](/assets/style.css)", "不在某一期的文件夹"},
             {"[无](../nothing.md)", "找不到链接的文件“../nothing.md”"},
         }) {
        INFO(c.link);
        Site s;
        test::write_file(s.content / "2022/ev-charging/x.svg", "<svg onload=alert(1)/>");
        test::write_file(s.content / "2022/ev-charging/x.html", "<script>alert(1)</script>");
        test::write_file(s.content / "2022/ev-charging/.notes.pdf", "hidden");
        test::write_file(s.content / "2022/_drafts/a.pdf", "draft");
        test::write_file(s.content / "2022/ev-charging/index.md",
                         project_file({"title = \"充电\"", "department = \"区发改局\"", "number = 1"},
                                      "第一段。\n\n见" + c.link + "。\n"));
        CHECK(s.build() == 1);
        CHECK(has(s.errors, "ev-charging/index.md:8:2: 错误: "));
        CHECK(has(s.errors, c.message));
        CHECK_FALSE(fs::exists(s.out));
    }
}

TEST_CASE("local_links: a symbolic link out of the content folder is not followed") {
    Site s;
    test::write_file(s.tmp / "secret.txt", "secret");
    fs::create_symlink(s.tmp / "secret.txt", s.content / "files/secret.txt");
    test::write_file(s.content / "2022/lunch.md", project_file({"title = \"午餐\"", "department = \"区教育局\"", "number = 2"},
                                                               "[附件](../files/secret.txt)\n"));
    CHECK(s.build() == 1);
    CHECK(has(s.errors, "指向内容文件夹之外"));
}

TEST_CASE("local_links: a project written both as slug.md and slug/index.md is an error") {
    Site s;
    test::write_file(s.content / "2022/ev-charging.md",
                     project_file({"title = \"充电\"", "department = \"区发改局\"", "number = 3"}));
    CHECK(s.build() == 1);
    CHECK(has(s.errors, "项目“ev-charging”有两个文件"));
}

TEST_CASE("local_links: an editor cannot write the marks or the internal scheme") {
    bulletin::LinkResolver resolve = [](const bulletin::LocalLink& l) { return std::optional<std::string>("x/" + l.url); };
    const auto md = bulletin::render_markdown("[a](bulletin-site:evil) \x1E text \x1F [b](c.pdf)\n", resolve);
    CHECK_FALSE(has(md.html, "bulletin-site:"));
    CHECK(bulletin::expand_local_links(md.html, "../", "") ==
          "<p>a \xEF\xBF\xBD text \xEF\xBF\xBD <a href=\"../x/c.pdf\">b</a></p>\n");
    // Without a resolver, links are left as written.
    CHECK(has(bulletin::render_markdown("[b](c.pdf)\n").html, "href=\"c.pdf\""));
}

TEST_CASE("local_links: a link to a draft left out of the build is a warning, none when drafts are built") {
    Site s;
    test::write_file(s.content / "2022/lunch.md", project_file({"title = \"午餐\"", "department = \"区教育局\"",
                                                                "number = 2", "draft = true"}, "正文。\n"));
    bulletin::Diagnostics diags;
    REQUIRE(bulletin::load_site(s.content.string(), {}, diags).has_value());
    INFO(bulletin::format_diagnostics(diags, "zh-CN"));
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].severity == bulletin::Severity::warning);
    CHECK(diags.items()[0].loc.line == 8);
    CHECK(diags.items()[0].loc.column == 27);
    CHECK(has(diags.items()[0].message, "2022/lunch/ 不会生成"));
    bulletin::Diagnostics with_drafts;
    bulletin::LoadOptions options;
    options.drafts = true;
    REQUIRE(bulletin::load_site(s.content.string(), options, with_drafts).has_value());
    CHECK(with_drafts.items().empty());
}
