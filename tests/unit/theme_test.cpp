// The theme (theme.h): templates with partials, UI strings by language with
// fallbacks, assets, and template errors reported at their file and line.
#include <catch2/catch.hpp>

#include "../support/test_support.h"
#include "theme.h"

namespace {

using bulletin::Diagnostics;
using bulletin::Theme;
using bulletin::View;
using test::write_file;

// A theme of one page template, one partial, two languages and an asset.
struct ThemeDir {
    test::TempDir tmp;
    std::filesystem::path dir = tmp / "plain";

    ThemeDir() {
        write_file(dir / "templates/page.html", "<html lang=\"{{lang}}\">{{> head}}<p>{{t.hello}}，{{name}}</p>{{{raw}}}\n");
        write_file(dir / "templates/partials/head.html", "<title>{{title}}</title>");
        write_file(dir / "i18n/zh-CN.toml", "hello = \"你好\"\nonly_zh = \"只有中文\"\n");
        write_file(dir / "i18n/en.toml", "hello = \"Hello\"\n");
        write_file(dir / "assets/style.css", "body{}\n");
        write_file(dir / "assets/img/logo.svg", "<svg/>\n");
        write_file(dir / "assets/.DS_Store", "x");
    }
};

}  // namespace

TEST_CASE("theme: templates render with partials inlined, escaping {{ }} but not {{{ }}}") {
    ThemeDir t;
    Diagnostics diags;
    auto theme = Theme::load(t.dir, "zh-CN", diags);
    INFO(bulletin::format_diagnostics(diags, "zh-CN"));
    REQUIRE(theme.has_value());
    View v;
    v.set("lang", "zh-CN");
    v.set("title", "标题<b>");
    v.set("name", "<script>x</script>");
    v.set("raw", "<em>已净化</em>");
    v.set("t", theme->strings_view());
    CHECK(theme->render("page", v) ==
          "<html lang=\"zh-CN\"><title>标题&lt;b&gt;</title><p>你好，&lt;script&gt;x&lt;/script&gt;</p><em>已净化</em>\n");
    CHECK_THROWS(theme->render("missing", v));
}

TEST_CASE("theme: strings come from the site's language, its primary subtag, then Chinese") {
    ThemeDir t;
    Diagnostics diags;
    CHECK(Theme::load(t.dir, "zh-CN", diags)->string("hello") == "你好");
    CHECK(Theme::load(t.dir, "en", diags)->string("hello") == "Hello");
    CHECK(Theme::load(t.dir, "en-GB", diags)->string("hello") == "Hello");
    CHECK(Theme::load(t.dir, "fr", diags)->string("hello") == "你好");
    CHECK(Theme::load(t.dir, "zh-CN", diags)->string("no_such_key") == "no_such_key");
    CHECK(diags.items().empty());
}

TEST_CASE("theme: assets are every file under assets/ but dot-files, sorted") {
    ThemeDir t;
    Diagnostics diags;
    auto theme = Theme::load(t.dir, "zh-CN", diags);
    REQUIRE(theme.has_value());
    std::vector<std::string> paths;
    for (const auto& f : theme->assets()) paths.push_back(f.path);
    CHECK(paths == std::vector<std::string>{"assets/img/logo.svg", "assets/style.css"});
    CHECK(theme->assets()[1].bytes == "body{}\n");
}

TEST_CASE("theme: a template error names the template file and line") {
    ThemeDir t;
    write_file(t.dir / "templates/broken.html", "<p>一</p>\n<p>二</p>\n{{#items}}\n<li>{{.}}</li>\n");
    Diagnostics diags;
    CHECK_FALSE(Theme::load(t.dir, "zh-CN", diags).has_value());
    REQUIRE(diags.error_count() == 1);
    const auto& d = diags.items()[0];
    INFO(bulletin::format_diagnostic(d, "zh-CN"));
    CHECK(d.loc.file == (t.dir / "templates/broken.html").generic_string());
    CHECK(d.loc.line == 3);
    CHECK(d.message.rfind("模板错误", 0) == 0);
}

TEST_CASE("theme: a missing theme folder is an error naming it") {
    test::TempDir tmp;
    Diagnostics diags;
    CHECK_FALSE(Theme::load(tmp / "nothing", "zh-CN", diags).has_value());
    REQUIRE(diags.error_count() == 1);
    CHECK(diags.items()[0].message.find("“nothing”") != std::string::npos);
}

TEST_CASE("theme: the default theme has every UI string in Chinese and English") {
    Diagnostics diags;
    auto zh = Theme::load(test::themes_dir() / "default", "zh-CN", diags);
    auto en = Theme::load(test::themes_dir() / "default", "en", diags);
    INFO(bulletin::format_diagnostics(diags, "zh-CN"));
    REQUIRE(zh.has_value());
    REQUIRE(en.has_value());
    CHECK(zh->string("lead_department") == "牵头部门");
    CHECK(zh->string("outcomes") == "治理成果");
    CHECK(zh->string("archive") == "往期通报");
    for (const auto& [key, value] : zh->strings()) {
        INFO(key);
        CHECK(en->strings().count(key) == 1);
    }
    CHECK(zh->strings().size() == en->strings().size());
}
