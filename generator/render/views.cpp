#include "views.h"

#include <cmath>

#include <fmt/format.h>

#include "site_map.h"
#include "text.h"

namespace bulletin {
namespace {

std::string fill(std::string pattern, const std::string& key, const std::string& value) {
    for (std::size_t pos; (pos = pattern.find(key)) != std::string::npos;) pattern.replace(pos, key.size(), value);
    return pattern;
}

View list_of(std::vector<View> items) {
    View list{View::type::list};
    for (View& item : items) list.push_back(std::move(item));
    return list;
}

View department_ref(const Department& d) {
    View v;
    v.reserve(5);
    v.set("name", View::borrow(d.name));
    v.set("full_name", View::borrow(d.full_name));
    v.set("has_full_name", !d.full_name.empty());
    v.set("url", department_url(d));
    return v;
}

}  // namespace

std::string format_date(const Date& d, const Theme& theme) {
    std::string s = fill(theme.string("date_format"), "{y}", std::to_string(d.year));
    s = fill(s, "{m}", std::to_string(d.month));
    return fill(s, "{d}", std::to_string(d.day));
}

std::string format_year(int year, const Theme& theme) {
    return fill(theme.string("year_format"), "{y}", std::to_string(year));
}

std::string project_url(const Site& site, const Project& p) {
    return site_map::project(site.editions[p.edition].id, p.slug);
}
std::string edition_url(const Edition& e) { return site_map::edition(e.id); }
std::string department_url(const Department& d) { return site_map::department(d.slug); }

std::string correction_anchor(const Project& p, std::size_t i) {
    std::size_t same_day = 1;
    for (std::size_t j = 0; j < i; ++j) same_day += p.corrections[j].date == p.corrections[i].date ? 1 : 0;
    const std::string anchor = "correction-" + p.corrections[i].date.iso();
    return same_day == 1 ? anchor : anchor + "-" + std::to_string(same_day);
}

std::string percent_of(double value, double target) {
    return fmt::format("{}%", static_cast<long long>(std::llround(value / target * 100.0)));
}

View project_view(const Site& site, const Project& p, const Theme& theme) {
    const Edition& e = site.editions[p.edition];
    View v;
    v.reserve(23);
    v.set("slug", View::borrow(p.slug));
    v.set("number", std::to_string(p.number));
    v.set("num_cn", chinese_numeral(p.number));
    v.set("title", View::borrow(p.title));
    v.set("url", project_url(site, p));
    v.set("summary", View::borrow(p.summary));
    v.set("has_summary", !p.summary.empty());
    v.set("body_html", View::borrow(p.body_html));
    v.set("department", department_ref(site.departments[p.department]));
    std::vector<View> co;
    for (std::size_t i = 0; i < p.co_departments.size(); ++i) {
        View c = department_ref(site.departments[p.co_departments[i]]);
        c.set("sep", i + 1 < p.co_departments.size());
        co.push_back(std::move(c));
    }
    v.set("has_co_departments", !co.empty());
    v.set("co_departments", list_of(std::move(co)));
    v.set("status_class", p.ongoing ? "ongoing" : "completed");
    v.set("status_label", theme.string(p.ongoing ? "status_ongoing" : "status_completed"));
    v.set("edition_id", View::borrow(e.id));
    v.set("edition_title", View::borrow(e.title));
    v.set("edition_year", format_year(e.year, theme));
    v.set("edition_url", edition_url(e));
    std::vector<View> metrics;
    for (const Metric& m : p.metrics) {
        View mv;
        mv.reserve(6);
        mv.set("label", View::borrow(m.label));
        mv.set("value", format_number(m.value));
        mv.set("unit", View::borrow(m.unit));
        mv.set("has_target", m.target.has_value());
        if (m.target) {
            mv.set("target", format_number(*m.target));
            mv.set("rate", percent_of(m.value, *m.target));
        }
        metrics.push_back(std::move(mv));
    }
    v.set("has_metrics", !metrics.empty());
    v.set("metrics", list_of(std::move(metrics)));
    std::vector<View> tags;
    for (const std::string& t : p.tags) tags.push_back(View::borrow(t));
    v.set("has_tags", !tags.empty());
    v.set("tags", list_of(std::move(tags)));
    std::vector<View> corrections;
    for (std::size_t i = 0; i < p.corrections.size(); ++i) {
        const Correction& c = p.corrections[i];
        View cv;
        cv.reserve(6);
        cv.set("anchor", correction_anchor(p, i));
        cv.set("date", c.date.iso());
        cv.set("date_label", format_date(c.date, theme));
        cv.set("note", View::borrow(c.note));
        cv.set("reason", View::borrow(c.reason));
        cv.set("has_reason", !c.reason.empty());
        corrections.push_back(std::move(cv));
    }
    v.set("has_corrections", !corrections.empty());
    v.set("corrections", list_of(std::move(corrections)));
    return v;
}

View edition_view(const Site& site, const Edition& e, View&& projects, const Theme& theme) {
    (void)site;
    View v;
    v.set("id", View::borrow(e.id));
    v.set("title", View::borrow(e.title));
    v.set("year", std::to_string(e.year));
    v.set("year_label", format_year(e.year, theme));
    v.set("published", e.published.iso());
    v.set("published_label", format_date(e.published, theme));
    v.set("publisher", View::borrow(e.publisher));
    v.set("archived", e.archived);
    v.set("url", edition_url(e));
    v.set("data_json", site_map::data_json(e.id));
    v.set("data_csv", site_map::data_csv(e.id));
    v.set("preamble_html", View::borrow(e.preamble_html));
    v.set("count", std::to_string(e.projects.size()));
    std::vector<View> figures;
    for (const Figure& f : e.figures) {
        View fv;
        fv.set("label", View::borrow(f.label));
        fv.set("value", format_number(f.value));
        fv.set("unit", View::borrow(f.unit));
        figures.push_back(std::move(fv));
    }
    v.set("has_figures", !figures.empty());
    v.set("figures", list_of(std::move(figures)));
    v.set("projects", std::move(projects));
    return v;
}

}  // namespace bulletin
