#pragma once
// Views: the model turned into what templates read. URLs in views are
// relative to the site root ("2022/ev-charging/"); templates put {{root}}
// before them and {{idx}} after, so one view serves pages at any depth and
// the offline copy.
#include <string>

#include "model.h"
#include "theme.h"

namespace bulletin {

/// "2023年1月20日" by the theme's `date_format` ({y}, {m}, {d}).
std::string format_date(const Date& d, const Theme& theme);
/// "2022年" by the theme's `year_format`.
std::string format_year(int year, const Theme& theme);

std::string project_url(const Site& site, const Project& p);  ///< "2022/ev-charging/"
std::string edition_url(const Edition& e);                     ///< "2022/"
std::string department_url(const Department& d);               ///< "departments/fagai/"

/// The page anchor of a project's correction `i` (sorted by date):
/// "correction-2023-03-01", with "-2", "-3"… for more on the same day.
std::string correction_anchor(const Project& p, std::size_t i);

/// Per cent of target, rounded: 71 of 60 → "118%".
std::string percent_of(double value, double target);

/// A project as an entry: number, title, departments, status, metrics, tags, body.
/// It borrows the site's text (View::borrow), so it must not outlive `site`.
View project_view(const Site& site, const Project& p, const Theme& theme);

/// An edition with its figures, preamble and `projects`, the list of its
/// entries (in `e.projects` order). Borrows from `site` as project_view does.
View edition_view(const Site& site, const Edition& e, View&& projects, const Theme& theme);

}  // namespace bulletin
