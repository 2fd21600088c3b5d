// The theme (theme.h): templates with partials, UI strings by language with
// fallbacks, assets, and template errors reported at their file and line.
#include <catch2/catch.hpp>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

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

namespace {

// The same data as kainjow's view and as ours.
kainjow::mustache::data kainjow_view(const nlohmann::json& j) {
    using data = kainjow::mustache::data;
    if (j.is_string()) return data(j.get<std::string>());
    if (j.is_boolean()) return data(j.get<bool>());
    if (j.is_array()) {
        data list{data::type::list};
        for (const auto& item : j) list.push_back(kainjow_view(item));
        return list;
    }
    data object;
    for (const auto& [k, v] : j.items()) object.set(k, kainjow_view(v));
    return object;
}

View our_view(const nlohmann::json& j) {
    if (j.is_string()) return View(j.get<std::string>());
    if (j.is_boolean()) return View(j.get<bool>());
    if (j.is_array()) {
        View list{View::type::list};
        for (const auto& item : j) list.push_back(our_view(item));
        return list;
    }
    View object;
    for (const auto& [k, v] : j.items()) object.set(k, our_view(v));
    return object;
}

}  // namespace

TEST_CASE("theme: templates render to the same bytes as kainjow's renderer") {
    // Mustache's corners where renderers differ: lines left blank by section
    // tags (dropped only when the section was entered), names looked up
    // outwards, dotted names, escaping, comments, delimiters, CR LF, a
    // partial tag the theme could not inline, a last line with no line end.
    const std::vector<std::string> templates = {
        "{{#list}}\n  {{name}}\n{{/list}}\n",
        "a\n{{#missing}}\nx\n{{/missing}}\nb\n{{#f}}\ny\n{{/f}}\nc\n{{#empty}}\nz\n{{/empty}}\n",
        "{{^f}}\n[{{.}}]no\n{{/f}}\n{{^empty}}\t\n{{/empty}}\n{{^t}}\nnever\n{{/t}}\n{{^missing}}none{{/missing}}\n",
        "  {{#t}}  \n  in  \n  {{/t}}  \nafter {{#t}}{{/t}} \n",
        "{{a.b.c}} {{a.x}} {{a.b.missing}} {{#a}}{{b.c}}|{{x}}|{{name}}{{/a}} {{a..b}} {{.a}}",
        "{{s}}|{{{s}}}|{{&s}}|{{ s }}|{{list}}|{{t}}|{{a}}",
        "{{! a comment }}\n{{=<% %>=}}\n<%s%>\n<%={{ }}=%>\n{{s}}\n",
        "<p>{{> p.q}}</p>\n{{> list.x}}",
        "{{#s}}[{{.}}]{{/s}}{{#a}}[{{#b}}{{c}}{{/b}}]{{/a}}",
        "\r\n{{#list}}\r\n{{name}}\r\n{{/list}}\r\nend\r",
        "x\n{{#t}}{{/t}}",
        "{{#list}}{{#inner}}{{name}}{{z}}{{/inner}}{{/list}}\n{{#list}}\n\n{{/list}}",
        "{{}}{{ }}{{#t}}{{.}}{{/t}}",
        "{{long}}|{{{long}}}|{{#texts}}{{.}}|{{/texts}}",
    };
    const nlohmann::json data = nlohmann::json::parse(R"({
        "list": [{"name": "a&b"}, {"name": "<c>"}], "t": true, "f": false, "empty": [],
        "s": "'q\"&<>", "a": {"b": {"c": "deep"}, "x": "ax"}, "p.q": "<b>{{s}}</b>\n{{#t}}\n{{name}}\n{{/t}}\n",
        "name": "outer", "inner": [{"z": "1"}, {"z": "2"}], "": "empty-name",
        "long": "01234567&9abcdef0123456<89abcdef中文字符，没有要转义的字符。'\"'\">>>>>>>>>x&",
        "texts": ["12345678", "1234567&", "&2345678", "123456789abcdefg&", "中文中文中文中文中文中文\"", ""]
    })");
    ThemeDir t;
    for (std::size_t i = 0; i < templates.size(); ++i) write_file(t.dir / ("templates/case" + std::to_string(i) + ".html"), templates[i]);
    Diagnostics diags;
    auto theme = Theme::load(t.dir, "zh-CN", diags);
    INFO(bulletin::format_diagnostics(diags, "zh-CN"));
    REQUIRE(theme.has_value());
    const View ours = our_view(data);
    for (std::size_t i = 0; i < templates.size(); ++i) {
        INFO(templates[i]);
        kainjow::mustache::mustache reference{templates[i]};
        REQUIRE(reference.is_valid());
        CHECK(theme->render("case" + std::to_string(i), ours) == reference.render(kainjow_view(data)));
    }
}

TEST_CASE("theme: a referred view and borrowed text render as copies of them") {
    ThemeDir t;
    write_file(t.dir / "templates/list.html", "{{#items}}\n<li>{{title}} {{entry.title}}{{#entry}}{{title}}{{/entry}}</li>\n{{/items}}\n");
    Diagnostics diags;
    auto theme = Theme::load(t.dir, "zh-CN", diags);
    REQUIRE(theme.has_value());
    const std::string text = "<标题>";
    View entry;
    entry.set("title", View::borrow(text));
    View copied;
    View referred;
    View copied_items{View::type::list};
    View referred_items{View::type::list};
    View shared_item = entry;
    shared_item.set("entry", View::ref(entry));
    for (int i = 0; i < 2; ++i) {
        View item = entry;
        item.set("entry", entry);
        copied_items.push_back(item);
        referred_items.push_back(View::ref(shared_item));
    }
    View inner;
    inner.set("title", "inner");
    View with_entry;
    with_entry.set("title", "outer");
    with_entry.set("entry", View::ref(inner));
    referred_items.push_back(std::move(with_entry));
    View copied_last;
    copied_last.set("title", "outer");
    copied_last.set("entry", inner);
    copied_items.push_back(std::move(copied_last));
    copied.set("items", std::move(copied_items));
    referred.set("items", std::move(referred_items));
    const std::string out = theme->render("list", referred);
    CHECK(out == theme->render("list", copied));
    CHECK(out.find("&lt;标题&gt;") != std::string::npos);
}
