#pragma once
// The numbers the theme's SVG figures are drawn from, computed at build time:
// a metric's value against its target, an edition's roll-up, a department
// across editions. Templates draw the bars (themes/default/templates), so the
// pages need no script and no file from elsewhere, and every figure comes
// with its numbers as text.
#include <string>
#include <vector>

#include "model.h"
#include "theme.h"

namespace bulletin {

/// Projects and metrics of a group of projects (an edition, or one
/// department's projects in one edition).
struct Rollup {
    std::size_t projects = 0;
    std::size_t completed = 0;
    std::size_t ongoing = 0;
    std::size_t metrics_with_target = 0;
    std::size_t metrics_met = 0;  ///< value at or above its target
};

Rollup rollup_of(const Site& site, const std::vector<std::size_t>& projects);

/// A bar's length in per cent of the chart's width, with one decimal:
/// `part` of `whole` ("0" when `whole` is 0). `part` above `whole` gives more than 100.
std::string bar_length(double part, double whole);

/// Adds to a metric's view what its bar needs: `bar` (the value) and
/// `target_at` (the target's mark), both in per cent of the longer of the
/// two, and `met`. Nothing for a metric without a target.
void add_metric_bar(View& metric, const Metric& m);

/// completed, ongoing, projects, metrics_with_target, metrics_met, the bars'
/// lengths (completed_bar, ongoing_bar, met_bar, unmet_bar, scaled to
/// `scale` projects; the metric bars to the metrics), has_targets.
View rollup_view(const Rollup& r, std::size_t scale);

}  // namespace bulletin
