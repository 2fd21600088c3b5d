#include "load_file.h"

#include <algorithm>
#include <set>

#include "checks.h"
#include "field_table.h"
#include "fields.h"
#include "load_config.h"
#include "local_links.h"
#include "markdown.h"
#include "messages.h"
#include "site_map.h"
#include "text.h"

namespace fs = std::filesystem;

namespace bulletin::loading {

void check_slug(const std::string& slug, const SourceLoc& loc, const std::string& language, Diagnostics& diags) {
    if (is_valid_slug(slug)) return;
    const std::string better = suggest_slug(slug);
    diags.error(loc, say(language, Msg::bad_slug, slug),
                better.empty() ? std::string() : say(language, Msg::bad_slug_hint, better));
}


namespace {

std::optional<std::size_t> resolve_department(const Context& ctx, const std::string& key, const SourceLoc& loc,
                                              const SourceFile& file, Diagnostics& diags) {
    if (auto it = ctx.department_by_key.find(key); it != ctx.department_by_key.end()) return it->second;
    if (key.empty()) {
        diags.error(loc, std::string(text(Msg::empty_department, ctx.language)),
                    say(ctx.language, Msg::empty_department_hint,
                        ctx.department_names.empty() ? std::string("区发改局") : ctx.department_names.front()),
                    line_text(file.text, loc.line));
        return std::nullopt;
    }
    std::string hint;
    if (auto close = closest_match(key, ctx.department_names)) {
        hint = say(ctx.language, Msg::unknown_department_hint_suggest, *close);
    } else {
        hint = std::string(text(Msg::unknown_department_hint, ctx.language));
    }
    diags.error(loc, say(ctx.language, Msg::unknown_department, key), hint, line_text(file.text, loc.line));
    return std::nullopt;
}

std::vector<Metric> read_metrics(FieldReader& f, Diagnostics& diags, const std::string& lang) {
    std::vector<Metric> out;
    for (const toml::table* t : f.tables(fields::project::metrics)) {
        FieldReader m(*t, f.file(), f.first_line(), diags, lang, f.loc_of(*t));
        Metric metric;
        auto label = m.text(fields::metric::label);
        auto value = m.number(fields::metric::value);
        fields::metric_table.read(m, metric);  // unit, target
        m.warn_unknown_fields(fields::metric_table);
        if (metric.target && *metric.target <= 0) {
            const SourceLoc loc = m.loc_of(fields::metric::target);
            diags.error(loc, std::string(text(Msg::target_zero, lang)), {}, line_text(f.file().text, loc.line));
            continue;
        }
        if (!label || !value) continue;
        metric.label = *label;
        metric.value = *value;
        out.push_back(std::move(metric));
    }
    return out;
}

}  // namespace

LoadedProject load_project(const Context& ctx, const fs::path& file, const std::string& shown,
                           const std::string& slug, const std::string& md_dir, bool drafts, bool archived) {
    LoadedProject out;
    Diagnostics& diags = out.diags;
    const std::string& lang = ctx.language;
    check_slug(slug, {shown, 0, 0}, lang, diags);
    auto source = read_source(file, shown, diags, lang);
    if (!source) return out;
    auto fm = split_front_matter(*source, diags, lang);
    if (!fm) return out;
    auto table = parse_toml(*source, fm->toml, fm->toml_line, diags, lang);
    if (!table) return out;
    FieldReader f(*table, *source, fm->toml_line, diags, lang, {shown, 1, 1});
    Project p;
    p.slug = slug;
    p.edition = kNoEdition;  // set when the site is put together
    p.source_path = shown;
    auto title = f.text(fields::project::title);
    auto department = f.text(fields::project::department);
    auto number = f.integer(fields::project::number);
    for (const std::string& co : f.text_list(fields::project::co_departments)) {
        if (auto idx = resolve_department(ctx, co, f.loc_of(fields::project::co_departments), *source, diags)) {
            p.co_departments.push_back(*idx);
        }
    }
    if (auto status = f.text(fields::project::status)) {
        if (*status == "ongoing") {
            p.ongoing = true;
        } else if (*status != "completed") {
            const SourceLoc loc = f.loc_of(fields::project::status);
            diags.error(loc, say(lang, Msg::bad_status, *status), std::string(text(Msg::bad_status_hint, lang)),
                        line_text(source->text, loc.line));
        }
    }
    fields::project_table.read(f, p);  // the plain fields: tags, draft…
    auto summary = f.text(fields::project::summary);
    p.metrics = read_metrics(f, diags, lang);
    for (const toml::table* t : f.tables(fields::project::corrections)) {
        FieldReader c(*t, *source, fm->toml_line, diags, lang, f.loc_of(*t));
        Correction correction;
        auto date = c.date(fields::correction::date);
        auto note = c.text(fields::correction::note);
        fields::correction_table.read(c, correction);  // reason
        c.warn_unknown_fields(fields::correction_table);
        if (!date || !note) continue;
        correction.date = *date;
        correction.note = std::move(*note);
        p.corrections.push_back(std::move(correction));
    }
    f.warn_unknown_fields(fields::project_table);
    if (number) {
        out.number = static_cast<int>(*number);
        out.left_out = p.draft && !drafts;
        out.number_loc = f.loc_of(fields::project::number);
        out.number_line = line_text(source->text, out.number_loc.line);
    }
    if (number && (*number < 1 || *number > 9999)) {
        const SourceLoc loc = f.loc_of(fields::project::number);
        diags.error(loc, say(lang, Msg::number_range, *number), {}, line_text(source->text, loc.line));
    }
    if (title && title->empty()) {
        const SourceLoc loc = f.loc_of(fields::project::title);
        diags.error(loc, say(lang, Msg::empty_value, "title"), {}, line_text(source->text, loc.line));
    }
    std::optional<std::size_t> dept;
    if (department) dept = resolve_department(ctx, *department, f.loc_of(fields::project::department), *source, diags);
    if (diags.has_errors() || !title || !dept || !number) return out;
    if (p.draft && !drafts) return out;
    p.title = *title;
    p.department = *dept;
    p.number = static_cast<int>(*number);
    LocalLinks links(ctx.content_dir, md_dir, *source, fm->body_line, diags, lang);
    MarkdownResult md = render_markdown(fm->body, links.resolver());
    out.looked_up = std::move(links.looked_up);  // a missing image's error goes once the image is there
    if (diags.has_errors()) return out;
    out.files = std::move(links.files);
    out.pages = std::move(links.pages);
    p.body_html = std::move(md.html);
    p.body_text = std::move(md.text);
    // The first paragraph can be a whole outcome; a summary is read in lists and previews.
    p.summary = summary && !summary->empty() ? *summary : excerpt(md.first_paragraph, 120);
    std::stable_sort(p.corrections.begin(), p.corrections.end(),
                     [](const Correction& a, const Correction& b) { return a.date < b.date; });
    check_project_text(*source, *fm, p, archived, lang, diags);
    out.project = std::make_shared<Project>(std::move(p));
    return out;
}

std::optional<Edition> load_edition(const Context& ctx, const fs::path& file, const std::string& shown,
                                    const std::string& id, const SiteConfig& config, Diagnostics& diags,
                                    std::vector<StaticFile>& files, std::vector<LocalLinks::PageLink>& pages) {
    const std::string& lang = ctx.language;
    const std::size_t errors_before = diags.error_count();
    auto source = read_source(file, shown, diags, lang);
    if (!source) return std::nullopt;
    auto fm = split_front_matter(*source, diags, lang);
    if (!fm) return std::nullopt;
    auto table = parse_toml(*source, fm->toml, fm->toml_line, diags, lang);
    if (!table) return std::nullopt;
    FieldReader f(*table, *source, fm->toml_line, diags, lang, {shown, 1, 1});
    Edition e;
    e.id = id;
    auto title = f.text(fields::edition::title);
    auto year = f.integer(fields::edition::year);
    auto published = f.date(fields::edition::published);
    e.publisher = config.publisher;  // unless the edition names its own
    fields::edition_table.read(f, e);  // the plain fields: publisher, archived…
    for (const toml::table* t : f.tables(fields::edition::figures)) {
        FieldReader g(*t, *source, fm->toml_line, diags, lang, f.loc_of(*t));
        Figure figure;
        auto label = g.text(fields::figure::label);
        auto value = g.number(fields::figure::value);
        fields::figure_table.read(g, figure);  // unit
        g.warn_unknown_fields(fields::figure_table);
        if (!label || !value) continue;
        figure.label = std::move(*label);
        figure.value = *value;
        e.figures.push_back(std::move(figure));
    }
    f.warn_unknown_fields(fields::edition_table);
    if (title && title->empty()) {
        const SourceLoc loc = f.loc_of("title");
        diags.error(loc, say(lang, Msg::empty_value, "title"), {}, line_text(source->text, loc.line));
    }
    if (diags.error_count() != errors_before || !title || !year || !published) return std::nullopt;
    e.title = *title;
    e.year = static_cast<int>(*year);
    e.published = *published;
    check_edition_fields(e, *source, f.loc_of("title"), f.loc_of("published"), lang, diags);
    if (diags.error_count() != errors_before) return std::nullopt;
    LocalLinks links(ctx.content_dir, id, *source, fm->body_line, diags, lang);
    MarkdownResult md = render_markdown(fm->body, links.resolver());
    if (diags.error_count() != errors_before) return std::nullopt;
    files = std::move(links.files);
    pages = std::move(links.pages);
    e.preamble_html = std::move(md.html);
    e.preamble_text = std::move(md.text);
    return e;
}

}  // namespace bulletin::loading
