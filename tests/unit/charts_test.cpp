// The numbers the SVG figures are drawn from (charts.h).
#include <catch2/catch.hpp>

#include "charts.h"

TEST_CASE("charts: bar lengths in per cent with one decimal") {
    CHECK(bulletin::bar_length(1, 3) == "33.3");
    CHECK(bulletin::bar_length(3, 3) == "100");
    CHECK(bulletin::bar_length(0, 3) == "0");
    CHECK(bulletin::bar_length(2, 0) == "0");
}

TEST_CASE("charts: a metric's bar and its target mark on the longer of the two") {
    bulletin::View over;
    bulletin::add_metric_bar(over, {"公共充电桩", 71, "个", 60.0});
    CHECK(over.get("bar")->string_value() == "100");
    CHECK(over.get("target_at")->string_value() == "84.5");
    CHECK(over.get("met")->kind() == bulletin::View::type::bool_true);
    bulletin::View under;
    bulletin::add_metric_bar(under, {"整改", 49, "件", 83.0});
    CHECK(under.get("bar")->string_value() == "59");
    CHECK(under.get("target_at")->string_value() == "100");
    CHECK(under.get("met")->kind() == bulletin::View::type::bool_false);
    bulletin::View none;
    bulletin::add_metric_bar(none, {"退费", 8.98, "万元", std::nullopt});
    CHECK(none.get("bar") == nullptr);
}

TEST_CASE("charts: an edition's roll-up counts projects by status and metrics that met their target") {
    bulletin::Site site;
    bulletin::Project a;
    a.metrics = {{"x", 10, "个", 5.0}, {"y", 1, "个", 2.0}, {"z", 3, "个", std::nullopt}};
    bulletin::Project b;
    b.ongoing = true;
    b.metrics = {{"w", 4, "个", 4.0}};
    site.projects = {a, b};
    const bulletin::Rollup r = bulletin::rollup_of(site, {0, 1});
    CHECK(r.projects == 2);
    CHECK(r.completed == 1);
    CHECK(r.ongoing == 1);
    CHECK(r.metrics_with_target == 3);
    CHECK(r.metrics_met == 2);
    const bulletin::View v = bulletin::rollup_view(r, 4);
    CHECK(v.get("completed_bar")->string_value() == "25");
    CHECK(v.get("ongoing_bar")->string_value() == "25");
    CHECK(v.get("met_bar")->string_value() == "66.7");
    CHECK(v.get("unmet_bar")->string_value() == "33.3");
}
