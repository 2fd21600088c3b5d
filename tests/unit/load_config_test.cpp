// site.toml and departments.toml (load_config.h): every field checked and
// every problem reported at its line, in the site's language.
#include <catch2/catch.hpp>

#include "../support/test_support.h"
#include "load_config.h"

namespace {

using bulletin::Diagnostic;
using bulletin::Diagnostics;
using bulletin::Severity;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct ConfigFile {
    test::TempDir tmp;
    Diagnostics diags;

    std::optional<bulletin::SiteConfig> site(const std::string& toml) {
        test::write_file(tmp / "site.toml", toml);
        return bulletin::load_site_config((tmp / "site.toml").string(), "content/site.toml", diags);
    }
    std::vector<bulletin::Department> departments(const std::string& toml, const std::string& language = "zh-CN") {
        test::write_file(tmp / "departments.toml", toml);
        return bulletin::load_departments((tmp / "departments.toml").string(), "content/departments.toml", language,
                                          diags);
    }
    std::string report() const { return bulletin::format_diagnostics(diags, "zh-CN"); }
};

void check_at(const Diagnostic& d, Severity severity, int line, int column) {
    INFO(bulletin::format_diagnostic(d, "zh-CN"));
    CHECK(d.loc.file == "content/departments.toml");
    CHECK(d.severity == severity);
    CHECK(d.loc.line == line);
    CHECK(d.loc.column == column);
}

}  // namespace

TEST_CASE("load config: site.toml with every field") {
    ConfigFile f;
    auto config = f.site("title = \"通报\"\nbase_url = \"https://www.example.gov.cn/bulletin/\"\nlanguage = \"en\"\n"
                         "publisher = \"纪委\"\ndescription = \"简介\"\ntheme = \"plain\"\n");
    INFO(f.report());
    REQUIRE(config.has_value());
    CHECK(f.diags.items().empty());
    CHECK(config->base_url == "https://www.example.gov.cn/bulletin/");
    CHECK(config->language == "en");
    CHECK(config->theme == "plain");
}

TEST_CASE("load config: site.toml defaults to Chinese and the default theme") {
    ConfigFile f;
    auto config = f.site("title = \"通报\"\nbase_url = \"https://www.example.gov.cn/\"\n");
    REQUIRE(config.has_value());
    CHECK(config->language == "zh-CN");
    CHECK(config->theme == "default");
}

TEST_CASE("load config: malformed site.toml is reported at its line") {
    ConfigFile f;
    CHECK_FALSE(f.site("title = \"通报\"\nbase_url = \"https://www.example.gov.cn/\nlanguage = \"zh-CN\"\n").has_value());
    REQUIRE(f.diags.items().size() == 1);
    const Diagnostic d = f.diags.items()[0];
    CHECK(d.loc.file == "content/site.toml");
    CHECK(d.loc.line == 2);
    CHECK(has(d.message, "TOML"));
}

TEST_CASE("load config: base_url must be absolute and end with /") {
    for (const std::string bad : {"www.example.gov.cn/bulletin/", "https://www.example.gov.cn/bulletin",
                                  "ftp://www.example.gov.cn/", "/bulletin/", "https://exa mple.gov.cn/"}) {
        ConfigFile f;
        INFO(bad);
        CHECK_FALSE(f.site("title = \"通报\"\nbase_url = \"" + bad + "\"\n").has_value());
        REQUIRE(f.diags.items().size() == 1);
        const Diagnostic d = f.diags.items()[0];
        CHECK(d.loc.line == 2);
        CHECK(d.loc.column == 12);
        CHECK(has(d.message, "base_url“" + bad + "”"));
    }
}

TEST_CASE("load config: missing title and base_url are both reported") {
    ConfigFile f;
    CHECK_FALSE(f.site("publisher = \"纪委\"\n").has_value());
    INFO(f.report());
    REQUIRE(f.diags.items().size() == 2);
    CHECK(f.diags.items()[0].message == "缺少必填字段“title”");
    CHECK(f.diags.items()[1].message == "缺少必填字段“base_url”");
}

TEST_CASE("load config: the language in site.toml words every later message") {
    ConfigFile f;
    CHECK_FALSE(f.site("language = \"en\"\nbase_url = \"https://www.example.gov.cn/\"\n").has_value());
    REQUIRE(f.diags.items().size() == 1);
    CHECK(f.diags.items()[0].message == "the required field \"title\" is missing");
}

TEST_CASE("load config: bad language, theme and unknown fields") {
    ConfigFile f;
    CHECK_FALSE(f.site("title = \"通报\"\nbase_url = \"https://www.example.gov.cn/\"\nlanguage = \"中文\"\n"
                       "theme = \"../x\"\npublsher = \"纪委\"\n")
                    .has_value());
    INFO(f.report());
    REQUIRE(f.diags.items().size() == 3);
    const auto sorted = f.diags.sorted();
    CHECK(sorted[0].loc.line == 3);
    CHECK(has(sorted[0].message, "“中文”"));
    CHECK(sorted[1].loc.line == 4);
    CHECK(has(sorted[1].message, "“../x”"));
    CHECK(sorted[2].severity == Severity::warning);
    CHECK(sorted[2].hint == "是否想写“publisher”？");
}

TEST_CASE("load config: departments in file order") {
    ConfigFile f;
    const auto ds = f.departments("[[department]]\nslug = \"fagai\"\nname = \"区发改局\"\nfull_name = \"舟山市定海区发展和改革局\"\n\n"
                                  "[[department]]\nslug = \"jiaoyu\"\nname = \"区教育局\"\n");
    CHECK(f.diags.items().empty());
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].slug == "fagai");
    CHECK(ds[0].full_name == "舟山市定海区发展和改革局");
    CHECK(ds[1].name == "区教育局");
    CHECK(ds[1].full_name.empty());
}

TEST_CASE("load config: a duplicate department slug and name point at the second entry") {
    ConfigFile f;
    const auto ds = f.departments("[[department]]\nslug = \"fagai\"\nname = \"区发改局\"\n\n"
                                  "[[department]]\nslug = \"fagai\"\nname = \"区教育局\"\n\n"
                                  "[[department]]\nslug = \"jiaoyu\"\nname = \"区发改局\"\n");
    INFO(f.report());
    CHECK(ds.size() == 1);
    REQUIRE(f.diags.items().size() == 2);
    check_at(f.diags.items()[0], Severity::error, 6, 8);
    CHECK(f.diags.items()[0].message == "部门 slug“fagai”重复");
    CHECK(f.diags.items()[0].hint == "第一次出现在 content/departments.toml:2");
    check_at(f.diags.items()[1], Severity::error, 11, 8);
    CHECK(f.diags.items()[1].message == "部门名称“区发改局”重复");
    CHECK(f.diags.items()[1].hint == "第一次出现在 content/departments.toml:3");
}

TEST_CASE("load config: a department slug that cannot be a URL suggests one") {
    ConfigFile f;
    CHECK(f.departments("[[department]]\nslug = \"Fa Gai\"\nname = \"区发改局\"\n").empty());
    REQUIRE(f.diags.items().size() == 1);
    check_at(f.diags.items()[0], Severity::error, 2, 8);
    CHECK(has(f.diags.items()[0].message, "“Fa Gai”"));
    CHECK(f.diags.items()[0].hint == "请将其改名为“fa-gai”");
}

TEST_CASE("load config: a department without a name or slug names the missing field") {
    ConfigFile f;
    CHECK(f.departments("[[department]]\nslug = \"fagai\"\n\n[[department]]\nname = \"区教育局\"\n").empty());
    INFO(f.report());
    REQUIRE(f.diags.items().size() == 2);
    CHECK(has(f.diags.items()[0].message, "“name”"));
    CHECK(has(f.diags.items()[1].message, "“slug”"));
}

TEST_CASE("load config: language tags") {
    for (const char* ok : {"zh-CN", "zh", "en", "zh-Hant-TW", "yue-HK"}) CHECK(bulletin::is_language_tag(ok));
    for (const char* bad : {"", "中文", "z", "zh_CN", "zh-", "-CN", "zh CN"}) CHECK_FALSE(bulletin::is_language_tag(bad));
}
