// Views (views.h): dates, years, URLs and percentages as the pages show them.
#include <catch2/catch.hpp>

#include "../support/test_support.h"
#include "load_site.h"
#include "views.h"

namespace {

using bulletin::Diagnostics;

const bulletin::Theme& default_theme() {
    static const bulletin::Theme theme = [] {
        Diagnostics diags;
        auto t = bulletin::Theme::load(test::themes_dir() / "default", "zh-CN", diags);
        if (!t) throw std::runtime_error("default theme does not load");
        return *t;
    }();
    return theme;
}

}  // namespace

TEST_CASE("views: dates and years in the theme's format") {
    CHECK(bulletin::format_date({2023, 1, 20}, default_theme()) == "2023年1月20日");
    CHECK(bulletin::format_date({2022, 12, 5}, default_theme()) == "2022年12月5日");
    CHECK(bulletin::format_year(2022, default_theme()) == "2022年");
}

TEST_CASE("views: per cent of target, rounded") {
    CHECK(bulletin::percent_of(71, 60) == "118%");
    CHECK(bulletin::percent_of(49, 83) == "59%");
    CHECK(bulletin::percent_of(60, 60) == "100%");
    CHECK(bulletin::percent_of(6.6525, 5.53) == "120%");
    CHECK(bulletin::percent_of(1, 200) == "1%");  // 0.5 rounds away from zero
}

TEST_CASE("views: URLs are relative to the site root and end in /") {
    Diagnostics diags;
    auto site = bulletin::load_site((test::source_dir() / "tests/sites/small/content").string(), {}, diags);
    REQUIRE(site.has_value());
    CHECK(bulletin::edition_url(site->latest()) == "2022/");
    CHECK(bulletin::project_url(*site, site->projects[0]) == "2022/ev-charging/");
    CHECK(bulletin::department_url(site->departments[2]) == "departments/zhujian/");
}

TEST_CASE("views: a project view carries its number in Chinese, status and figures") {
    Diagnostics diags;
    auto site = bulletin::load_site((test::source_dir() / "tests/sites/small/content").string(), {}, diags);
    REQUIRE(site.has_value());
    const auto& property = site->projects[2];
    REQUIRE(property.slug == "property");
    auto view = bulletin::project_view(*site, property, default_theme());
    CHECK(view.get("num_cn")->string_value() == "三");
    CHECK(view.get("status_label")->string_value() == "持续推进中");
    CHECK(view.get("status_class")->string_value() == "ongoing");
    const auto& metrics = view.get("metrics")->list_value();
    REQUIRE(metrics.size() == 1);
    CHECK(metrics[0].get("rate")->string_value() == "59%");
    CHECK(view.get("co_departments")->list_value().size() == 2);
}
