#include "charts.h"

#include <algorithm>

#include <fmt/format.h>

namespace bulletin {

Rollup rollup_of(const Site& site, const std::vector<std::size_t>& projects) {
    Rollup r;
    for (std::size_t i : projects) {
        const Project& p = site.projects[i];
        ++r.projects;
        ++(p.ongoing ? r.ongoing : r.completed);
        for (const Metric& m : p.metrics) {
            if (!m.target) continue;
            ++r.metrics_with_target;
            r.metrics_met += m.value >= *m.target ? 1 : 0;
        }
    }
    return r;
}

std::string bar_length(double part, double whole) {
    if (whole <= 0 || part <= 0) return "0";
    std::string s = fmt::format("{:.1f}", part / whole * 100.0);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s;
}

void add_metric_bar(View& metric, const Metric& m) {
    if (!m.target) return;
    const double scale = std::max(m.value, *m.target);
    metric.set("bar", bar_length(std::max(m.value, 0.0), scale));
    metric.set("target_at", bar_length(*m.target, scale));
    metric.set("met", m.value >= *m.target);
}

View rollup_view(const Rollup& r, std::size_t scale) {
    View v;
    v.set("projects", std::to_string(r.projects));
    v.set("completed", std::to_string(r.completed));
    v.set("ongoing", std::to_string(r.ongoing));
    v.set("has_ongoing", r.ongoing > 0);
    v.set("completed_bar", bar_length(static_cast<double>(r.completed), static_cast<double>(scale)));
    v.set("ongoing_bar", bar_length(static_cast<double>(r.ongoing), static_cast<double>(scale)));
    v.set("projects_bar", bar_length(static_cast<double>(r.projects), static_cast<double>(scale)));
    v.set("has_targets", r.metrics_with_target > 0);
    v.set("metrics_with_target", std::to_string(r.metrics_with_target));
    v.set("metrics_met", std::to_string(r.metrics_met));
    v.set("metrics_unmet", std::to_string(r.metrics_with_target - r.metrics_met));
    v.set("met_bar", bar_length(static_cast<double>(r.metrics_met), static_cast<double>(r.metrics_with_target)));
    v.set("unmet_bar", bar_length(static_cast<double>(r.metrics_with_target - r.metrics_met),
                                  static_cast<double>(r.metrics_with_target)));
    return v;
}

}  // namespace bulletin
