#include "pages.h"

#include <algorithm>
#include <map>

#include "markdown.h"
#include "charts.h"
#include "identity_view.h"
#include "json_text.h"
#include "parallel.h"
#include "site_map.h"
#include "views.h"

namespace bulletin {

using site_map::PageKind;

namespace {

struct PageContext {
    const Site& site;
    const Theme& theme;
    const RenderOptions& options;
    View site_view;                     // the site's settings, as every page shows them
    std::vector<View> entries;          // each project's entry, by Site::projects index
    std::vector<View> editions;         // edition_view per edition, its entries referred to in `entries`
    std::vector<View> page_editions;    // what a project page shows of its edition, per edition
    std::vector<View> edition_crumbs;   // a project page's breadcrumbs, per edition
    std::vector<std::size_t> position;  // each project's place in its edition
};

std::string root_for(int depth) {
    if (depth == 0) return "./";
    std::string r;
    for (int i = 0; i < depth; ++i) r += "../";
    return r;
}

int depth_of(const std::string& dir) {
    return static_cast<int>(std::count(dir.begin(), dir.end(), '/'));
}

// What every page has: language, links back to the root, strings, site settings.
View common_view(const PageContext& ctx, const std::string& dir, const std::string& title) {
    const SiteConfig& c = ctx.site.config;
    View v;
    v.reserve(16);
    v.set("lang", View::borrow(c.language));
    v.set("root", root_for(depth_of(dir)));
    v.set("idx", ctx.options.offline ? "index.html" : "");
    v.set("site", View::ref(ctx.site_view));
    v.set("canonical", c.base_url + dir);
    v.set("page_title", title.empty() ? c.title : title + " - " + c.title);
    v.set("description", View::borrow(c.description));
    v.set("t", View::ref(ctx.theme.strings_view()));
    if (std::string report = page_error_report_url(c.identity, c.base_url + dir); !report.empty()) {
        v.set("error_report_url", std::move(report));
    }
    return v;
}

// Renders a page of `kind` with the kind's template (site_map.h) into dir/index.html.
void emit_page(const PageContext& ctx, PageKind kind, const std::string& dir, const View& view, const Emit& emit) {
    std::string html = ctx.theme.render(std::string(site_map::page_kind(kind).name), view);
    // Images, attachments and project links in the text point from this page's depth.
    if (html.find_first_of("\x1E\x1F") != std::string::npos) {
        html = expand_local_links(std::move(html), root_for(depth_of(dir)), ctx.options.offline ? "index.html" : "");
    }
    emit(OutputFile{site_map::page_file(dir), std::move(html)});
}

View crumbs(std::vector<std::pair<std::string, std::string>> items) {
    View list{View::type::list};
    for (auto& [url, label] : items) {
        View c;
        c.set("url", std::move(url));
        c.set("label", std::move(label));
        list.push_back(std::move(c));
    }
    return list;
}

std::size_t index_of(const PageContext& ctx, const Edition& e) {
    return static_cast<std::size_t>(&e - ctx.site.editions.data());
}

void home_page(const PageContext& ctx, const Emit& emit) {
    const Edition& e = ctx.site.latest();
    View v = common_view(ctx, std::string(site_map::home), "");
    v.set("is_home", true);
    v.set("has_older", ctx.site.editions.size() > 1);
    v.set("edition", View::ref(ctx.editions[index_of(ctx, e)]));
    emit_page(ctx, PageKind::home, std::string(site_map::home), v, emit);
}

void edition_page(const PageContext& ctx, const Edition& e, const Emit& emit) {
    const std::string dir = edition_url(e);
    View v = common_view(ctx, dir, format_year(e.year, ctx.theme) + e.title);
    v.set("breadcrumbs", crumbs({}));
    v.set("current", format_year(e.year, ctx.theme) + e.title);
    v.set("edition", View::ref(ctx.editions[index_of(ctx, e)]));
    emit_page(ctx, PageKind::edition, dir, v, emit);
}

// What a project page shows of its edition, beside the project's own entry.
View page_edition_view(const Edition& e, const Theme& theme) {
    View edition;
    edition.set("title", View::borrow(e.title));
    edition.set("year_label", format_year(e.year, theme));
    edition.set("url", edition_url(e));
    edition.set("published", e.published.iso());
    edition.set("published_label", format_date(e.published, theme));
    edition.set("publisher", View::borrow(e.publisher));
    edition.set("archived", e.archived);
    return edition;
}

void project_page(const PageContext& ctx, std::size_t index, const Emit& emit) {
    const Project& p = ctx.site.projects[index];
    const Edition& e = ctx.site.editions[p.edition];
    const std::string dir = project_url(ctx.site, p);
    View v = common_view(ctx, dir, p.title);
    v.set("description", View::borrow(p.summary));
    v.set("edition", View::ref(ctx.page_editions[p.edition]));
    v.set("project", View::ref(ctx.entries[index]));
    const std::size_t pos = ctx.position[index];
    if (pos > 0) v.set("prev", View::ref(ctx.entries[e.projects[pos - 1]]));
    if (pos + 1 < e.projects.size()) v.set("next", View::ref(ctx.entries[e.projects[pos + 1]]));
    v.set("breadcrumbs", View::ref(ctx.edition_crumbs[p.edition]));
    v.set("current", View::borrow(p.title));
    emit_page(ctx, PageKind::project, dir, v, emit);
}

// Projects per department per edition, counted once for both department pages.
using Counts = std::vector<std::vector<std::vector<std::size_t>>>;  // [department][edition] → projects

Counts count_projects(const Site& site) {
    Counts counts(site.departments.size(), std::vector<std::vector<std::size_t>>(site.editions.size()));
    for (std::size_t i = 0; i < site.projects.size(); ++i) {
        const Project& p = site.projects[i];
        counts[p.department][p.edition].push_back(i);
    }
    return counts;
}

void departments_page(const PageContext& ctx, const Counts& counts, const Emit& emit) {
    View v = common_view(ctx, std::string(site_map::departments), ctx.theme.string("departments"));
    v.set("is_departments", true);
    // One table comparing the departments over the editions: a column per
    // edition (newest first), then the totals and a bar of the total.
    std::size_t most = 0;
    std::vector<Rollup> totals;
    for (std::size_t d = 0; d < ctx.site.departments.size(); ++d) {
        std::vector<std::size_t> all;
        for (const auto& per_edition : counts[d]) all.insert(all.end(), per_edition.begin(), per_edition.end());
        totals.push_back(rollup_of(ctx.site, all));
        most = std::max(most, all.size());
    }
    View columns{View::type::list};
    for (const Edition& e : ctx.site.editions) {
        View c;
        c.set("year_label", format_year(e.year, ctx.theme));
        c.set("url", edition_url(e));
        columns.push_back(std::move(c));
    }
    v.set("edition_columns", std::move(columns));
    View rows{View::type::list};
    for (std::size_t d = 0; d < ctx.site.departments.size(); ++d) {
        const Department& dep = ctx.site.departments[d];
        View row;
        row.set("name", dep.name);
        row.set("full_name", dep.full_name);
        row.set("has_full_name", !dep.full_name.empty());
        row.set("url", department_url(dep));
        View per{View::type::list};
        for (std::size_t e = 0; e < ctx.site.editions.size(); ++e) {
            View ed;
            ed.set("year_label", format_year(ctx.site.editions[e].year, ctx.theme));
            ed.set("count", std::to_string(counts[d][e].size()));
            per.push_back(ed);
        }
        row.set("editions", per);
        row.set("total", std::to_string(totals[d].projects));
        row.set("rollup", rollup_view(totals[d], most));
        rows.push_back(row);
    }
    v.set("departments", rows);
    v.set("breadcrumbs", crumbs({}));
    v.set("current", ctx.theme.string("departments"));
    emit_page(ctx, PageKind::departments, std::string(site_map::departments), v, emit);
}

void department_page(const PageContext& ctx, std::size_t d, const Counts& counts, const Emit& emit) {
    const Department& dep = ctx.site.departments[d];
    const std::string dir = department_url(dep);
    View v = common_view(ctx, dir, dep.name);
    View name;
    name.set("name", View::borrow(dep.name));
    v.set("department", std::move(name));
    v.set("department_name", View::borrow(dep.name));
    v.set("department_full_name", View::borrow(dep.full_name));
    v.set("has_department_full_name", !dep.full_name.empty());
    View groups{View::type::list};
    std::size_t total = 0;
    std::size_t most = 0;  // the bars of every edition on one scale
    for (std::size_t e = 0; e < ctx.site.editions.size(); ++e) most = std::max(most, counts[d][e].size());
    for (std::size_t e = 0; e < ctx.site.editions.size(); ++e) {
        if (counts[d][e].empty()) continue;
        const Edition& ed = ctx.site.editions[e];
        View g;
        g.set("rollup", rollup_view(rollup_of(ctx.site, counts[d][e]), most));
        g.set("year_label", format_year(ed.year, ctx.theme));
        g.set("title", ed.title);
        g.set("url", edition_url(ed));
        View items{View::type::list};
        for (std::size_t i : counts[d][e]) items.push_back(View::ref(ctx.entries[i]));
        g.set("projects", items);
        groups.push_back(g);
        total += counts[d][e].size();
    }
    v.set("editions", groups);
    v.set("has_projects", total > 0);
    v.set("total", std::to_string(total));
    v.set("breadcrumbs", crumbs({{std::string(site_map::departments), ctx.theme.string("departments")}}));
    v.set("current", dep.name);
    emit_page(ctx, PageKind::department, dir, v, emit);
}

void archive_page(const PageContext& ctx, const Emit& emit) {
    View v = common_view(ctx, std::string(site_map::archive), ctx.theme.string("archive"));
    v.set("is_archive", true);
    View list{View::type::list};
    for (const Edition& e : ctx.site.editions) {
        View ev;
        ev.set("title", e.title);
        ev.set("year_label", format_year(e.year, ctx.theme));
        ev.set("url", edition_url(e));
        ev.set("published", e.published.iso());
        ev.set("published_label", format_date(e.published, ctx.theme));
        ev.set("count", std::to_string(e.projects.size()));
        ev.set("archived", e.archived);
        ev.set("data_json", site_map::data_json(e.id));
        ev.set("data_csv", site_map::data_csv(e.id));
        list.push_back(ev);
    }
    v.set("editions", list);
    v.set("breadcrumbs", crumbs({}));
    v.set("current", ctx.theme.string("archive"));
    emit_page(ctx, PageKind::archive, std::string(site_map::archive), v, emit);
}

void search_page(const PageContext& ctx, const Emit& emit) {
    View v = common_view(ctx, std::string(site_map::search), ctx.theme.string("search"));
    v.set("is_search", true);
    View editions{View::type::list};
    for (const Edition& e : ctx.site.editions) {
        View ev;
        ev.set("id", e.id);
        ev.set("label", format_year(e.year, ctx.theme));
        editions.push_back(ev);
    }
    v.set("editions", editions);
    View departments{View::type::list};
    for (const Department& d : ctx.site.departments) {
        View dv;
        dv.set("slug", d.slug);
        dv.set("name", d.name);
        departments.push_back(dv);
    }
    v.set("departments", departments);
    // The script's own words, as a JSON data block: never executed, so a
    // strict Content-Security-Policy allows it. "</" is escaped so no string
    // can close the <script> element.
    std::string json;
    JsonWriter strings(json, JsonLayout::compact);
    strings.begin_object();
    for (const auto& [k, s] : ctx.theme.strings()) {
        if (k.rfind("search_", 0) == 0) strings.key(k).string(s);
    }
    strings.end_object();
    for (std::size_t pos; (pos = json.find("</")) != std::string::npos;) json.replace(pos, 2, "<\\/");
    v.set("search_strings_json", json);
    v.set("offline", ctx.options.offline);
    v.set("breadcrumbs", crumbs({}));
    v.set("current", ctx.theme.string("search"));
    emit_page(ctx, PageKind::search, std::string(site_map::search), v, emit);
}

// How many pages of `kind` the site has.
std::size_t page_count(const Site& site, PageKind kind) {
    switch (kind) {
        case PageKind::edition: return site.editions.size();
        case PageKind::project: return site.projects.size();
        case PageKind::department: return site.departments.size();
        case PageKind::home:
        case PageKind::departments:
        case PageKind::archive:
        case PageKind::search: return 1;
    }
    return 0;
}

}  // namespace

std::vector<SitePage> site_pages(const Site& site) {
    std::vector<SitePage> pages;
    pages.reserve(site.editions.size() + site.projects.size() + site.departments.size() + site_map::page_kinds().size());
    for (const site_map::PageKindInfo& kind : site_map::page_kinds()) {
        for (std::size_t i = 0, n = page_count(site, kind.kind); i < n; ++i) pages.push_back({kind.kind, i});
    }
    return pages;
}

std::string page_dir(const Site& site, const SitePage& page) {
    switch (page.kind) {
        case PageKind::edition: return edition_url(site.editions[page.index]);
        case PageKind::project: return project_url(site, site.projects[page.index]);
        case PageKind::department: return department_url(site.departments[page.index]);
        case PageKind::home:
        case PageKind::departments:
        case PageKind::archive:
        case PageKind::search: return std::string(site_map::page_kind(page.kind).address);
    }
    return {};
}

void render_pages(const Site& site, const Theme& theme, const RenderOptions& options, const Emit& emit) {
    // Each project's entry is made once and held once; every page that shows
    // it refers to it there (View::ref, no copy per page).
    PageContext ctx{site, theme, options, {}, std::vector<View>(site.projects.size()), {}, {}, {},
                    std::vector<std::size_t>(site.projects.size())};
    ctx.site_view.set("title", View::borrow(site.config.title));
    ctx.site_view.set("description", View::borrow(site.config.description));
    ctx.site_view.set("publisher", View::borrow(site.config.publisher));
    ctx.site_view.set("base_url", View::borrow(site.config.base_url));
    if (!site.config.identity.empty()) ctx.site_view.set("identity", identity_view(site.config.identity));
    auto kept = [](const std::vector<bool>& reuse, std::size_t i) { return i < reuse.size() && reuse[i]; };
    auto reused = [&](std::size_t edition) { return kept(options.reuse_edition, edition); };
    // An entry is made when a page to render shows it: its edition's page (and
    // home, for the latest), its own page or a neighbour's, its department's.
    std::vector<bool> wanted(site.projects.size(), options.reuse_project.empty() && options.reuse_department.empty());
    if (!wanted.empty() && !wanted.front()) {
        for (std::size_t e = 0; e < site.editions.size(); ++e) {
            const std::vector<std::size_t>& list = site.editions[e].projects;
            for (std::size_t k = 0; k < list.size(); ++k) {
                if (e == 0 || !reused(e)) wanted[list[k]] = true;
                if (reused(e) || kept(options.reuse_project, list[k])) continue;
                if (k > 0) wanted[list[k - 1]] = true;
                if (k + 1 < list.size()) wanted[list[k + 1]] = true;
            }
        }
        for (std::size_t i = 0; i < site.projects.size(); ++i) {
            if (!kept(options.reuse_department, site.projects[i].department)) wanted[i] = true;
        }
    }
    parallel_for(site.projects.size(), [&](std::size_t i) {
        if (wanted[i]) ctx.entries[i] = project_view(site, site.projects[i], theme);
    });
    for (const Edition& e : site.editions) {
        View list{View::type::list};
        for (std::size_t k = 0; k < e.projects.size(); ++k) {
            list.push_back(View::ref(ctx.entries[e.projects[k]]));
            ctx.position[e.projects[k]] = k;
        }
        // An edition's view is shown by its page and, for the latest, by home:
        // a reused edition other than the latest needs none.
        const bool shown = &e == &site.editions.front() || !reused(static_cast<std::size_t>(&e - site.editions.data()));
        ctx.editions.push_back(shown ? edition_view(site, e, std::move(list), theme) : View{});
        ctx.page_editions.push_back(page_edition_view(e, theme));
        ctx.edition_crumbs.push_back(crumbs({{edition_url(e), format_year(e.year, theme) + e.title}}));
    }
    const Counts counts = count_projects(site);

    // One job per page of the site map. The kinds with fewest pages first (the
    // site-wide pages, then editions, departments, projects): their pages are
    // the largest, so they start early.
    std::vector<SitePage> jobs = site_pages(site);
    std::stable_sort(jobs.begin(), jobs.end(), [&](const SitePage& a, const SitePage& b) {
        return page_count(site, a.kind) < page_count(site, b.kind);
    });
    parallel_for(jobs.size(), [&](std::size_t job) {
        const std::size_t i = jobs[job].index;
        switch (jobs[job].kind) {
            case PageKind::home: return home_page(ctx, emit);
            case PageKind::departments: return departments_page(ctx, counts, emit);
            case PageKind::archive: return archive_page(ctx, emit);
            case PageKind::search: return search_page(ctx, emit);
            case PageKind::edition: return reused(i) ? void() : edition_page(ctx, site.editions[i], emit);
            case PageKind::department:
                return kept(options.reuse_department, i) ? void() : department_page(ctx, i, counts, emit);
            case PageKind::project:
                if (!reused(site.projects[i].edition) && !kept(options.reuse_project, i)) project_page(ctx, i, emit);
                return;
        }
    });
}

}  // namespace bulletin
