#include "load_site.h"

#include <algorithm>
#include <sys/stat.h>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "fields.h"
#include "files.h"
#include "load_config.h"
#include "markdown.h"
#include "messages.h"
#include "parallel.h"
#include "site_map.h"
#include "text.h"

namespace fs = std::filesystem;

namespace bulletin {
namespace {

struct Context {
    const std::string& language;
    const std::vector<Department>& departments;
    std::map<std::string, std::size_t> department_by_key;  // name or slug → index
    std::vector<std::string> department_names;
};

std::string shown_path(const std::string& content_dir, const fs::path& rel) {
    return (fs::path(content_dir) / rel).lexically_normal().generic_string();
}

bool ignored_name(const std::string& name) {
    return name.empty() || name[0] == '.' || (name[0] == '_' && name != "_index.md");
}

void check_slug(const std::string& slug, const SourceLoc& loc, const std::string& language, Diagnostics& diags) {
    if (is_valid_slug(slug)) return;
    const std::string better = suggest_slug(slug);
    diags.error(loc, say(language, Msg::bad_slug, slug),
                better.empty() ? std::string() : say(language, Msg::bad_slug_hint, better));
}

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
        metric.unit = m.text(fields::metric::unit).value_or("");
        metric.target = m.number(fields::metric::target);
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

struct LoadedProject {
    std::string shown;  // the file, as messages name it
    Diagnostics diags;
    std::optional<Project> project;
    std::optional<int> number;  // read even when the file has other errors, to find duplicates
    SourceLoc number_loc;
    std::string number_line;
};

LoadedProject load_project(const Context& ctx, const fs::path& file, const std::string& shown,
                           const std::string& slug, bool drafts) {
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
    p.tags = f.text_list(fields::project::tags);
    auto summary = f.text(fields::project::summary);
    p.draft = f.boolean(fields::project::draft).value_or(false);
    p.metrics = read_metrics(f, diags, lang);
    for (const toml::table* t : f.tables(fields::project::corrections)) {
        FieldReader c(*t, *source, fm->toml_line, diags, lang, f.loc_of(*t));
        auto date = c.date(fields::correction::date);
        auto note = c.text(fields::correction::note);
        auto reason = c.text(fields::correction::reason);
        c.warn_unknown_fields(fields::correction_table);
        if (date && note) p.corrections.push_back({*date, *note, reason.value_or("")});
    }
    f.warn_unknown_fields(fields::project_table);
    if (number && !(p.draft && !drafts)) {
        out.number = static_cast<int>(*number);
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
    MarkdownResult md = render_markdown(fm->body);
    p.body_html = std::move(md.html);
    p.body_text = std::move(md.text);
    // The first paragraph can be a whole outcome; a summary is read in lists and previews.
    p.summary = summary && !summary->empty() ? *summary : excerpt(md.first_paragraph, 120);
    std::stable_sort(p.corrections.begin(), p.corrections.end(),
                     [](const Correction& a, const Correction& b) { return a.date < b.date; });
    out.project = std::move(p);
    return out;
}

std::optional<Edition> load_edition(const Context& ctx, const fs::path& file, const std::string& shown,
                                    const std::string& id, const SiteConfig& config, Diagnostics& diags) {
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
    e.publisher = f.text(fields::edition::publisher).value_or(config.publisher);
    e.archived = f.boolean(fields::edition::archived).value_or(false);
    for (const toml::table* t : f.tables(fields::edition::figures)) {
        FieldReader g(*t, *source, fm->toml_line, diags, lang, f.loc_of(*t));
        auto label = g.text(fields::figure::label);
        auto value = g.number(fields::figure::value);
        auto unit = g.text(fields::figure::unit);
        g.warn_unknown_fields(fields::figure_table);
        if (label && value) e.figures.push_back({*label, *value, unit.value_or("")});
    }
    f.warn_unknown_fields(fields::edition_table);
    if (diags.error_count() != errors_before || !title || !year || !published) return std::nullopt;
    e.title = *title;
    e.year = static_cast<int>(*year);
    e.published = *published;
    MarkdownResult md = render_markdown(fm->body);
    e.preamble_html = std::move(md.html);
    e.preamble_text = std::move(md.text);
    return e;
}

// The folder's editions (want_dirs) or .md files, in byte order. Links are
// followed, as the build record (build_stamp.h) follows them.
std::vector<std::string> sorted_entries(const fs::path& dir, bool want_dirs) {
    std::vector<std::string> out;
    for (std::string& name : files::list_folder(dir)) {
        if (ignored_name(name)) continue;
        // Not ignored, so the name does not start with a dot: ".md" at its end is its extension.
        if (!want_dirs && !name.ends_with(".md")) continue;
        struct stat st {};
        if (::stat((dir / name).c_str(), &st) != 0) continue;  // a link that leads nowhere is no file
        if (want_dirs ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode)) out.push_back(std::move(name));
    }
    return out;
}

}  // namespace

std::optional<Site> load_site(const std::string& content_dir, const LoadOptions& options, Diagnostics& diags) {
    if (!fs::is_directory(content_dir)) {
        throw std::runtime_error("content folder not found: " + content_dir);
    }
    auto config = load_site_config((fs::path(content_dir) / "site.toml").string(),
                                   shown_path(content_dir, "site.toml"), diags);
    SiteConfig cfg = config.value_or(SiteConfig{});
    if (options.base_url) {
        if (is_base_url(*options.base_url)) {
            cfg.base_url = *options.base_url;
        } else {
            diags.error({"--base-url", 0, 0}, say(cfg.language, Msg::bad_base_url, *options.base_url),
                        std::string(text(Msg::bad_base_url_hint, cfg.language)));
        }
    }
    const std::string& lang = cfg.language;

    Site site;
    site.departments = load_departments((fs::path(content_dir) / "departments.toml").string(),
                                        shown_path(content_dir, "departments.toml"), lang, diags);
    Context ctx{lang, site.departments, {}, {}};
    for (std::size_t i = 0; i < site.departments.size(); ++i) {
        ctx.department_by_key.emplace(site.departments[i].name, i);
        ctx.department_by_key.emplace(site.departments[i].slug, i);
        ctx.department_names.push_back(site.departments[i].name);
    }

    // The edition folders are listed, and their _index.md read, in parallel;
    // what each reports is added in folder order, as one after the other would.
    struct Folder {
        std::string id;
        std::string shown;  // as messages name the folder
        std::string dir;    // as the file system is asked for it
        bool reserved = false;
        Diagnostics diags;
        std::optional<Edition> edition;
        std::vector<std::string> files;  // its project files, sorted
    };
    std::vector<Folder> folders;
    for (std::string& id : sorted_entries(content_dir, true)) {
        Folder& f = folders.emplace_back();
        f.shown = shown_path(content_dir, id);
        f.id = std::move(id);
    }
    parallel_for(folders.size(), [&](std::size_t i) {
        Folder& f = folders[i];
        // The edition id's rule is the site map's, shared with `bulletin import --edition`.
        if (site_map::check_edition_id(f.id) == site_map::EditionId::reserved) {
            f.reserved = true;
            f.diags.error({f.shown, 0, 0}, say(lang, Msg::reserved_edition, f.id));
            return;
        }
        check_slug(f.id, {f.shown, 0, 0}, lang, f.diags);
        const fs::path dir = fs::path(content_dir) / f.id;
        f.dir = dir.string();
        const fs::path index = dir / "_index.md";
        if (!fs::exists(index)) {
            f.diags.error({f.shown + "/_index.md", 0, 0}, std::string(text(Msg::missing_index, lang)),
                          std::string(text(Msg::missing_index_hint, lang)));
        } else {
            f.edition = load_edition(ctx, index, f.shown + "/_index.md", f.id, cfg, f.diags);
        }
        f.files = sorted_entries(dir, false);
        std::erase(f.files, "_index.md");
    });

    // Every project file of every edition, loaded in parallel, reported in path order.
    struct Job {
        std::size_t edition;
        const Folder* folder;
        const std::string* name;
    };
    std::vector<Job> jobs;
    for (Folder& f : folders) {
        diags.append(f.diags);
        if (f.reserved) continue;
        // A broken edition still has its projects checked, so one run lists every
        // problem; the error already reported means this stand-in is never built.
        site.editions.push_back(f.edition ? std::move(*f.edition) : Edition{});
        for (const std::string& name : f.files) jobs.push_back({site.editions.size() - 1, &f, &name});
    }
    std::vector<LoadedProject> loaded(jobs.size());
    parallel_for(jobs.size(), [&](std::size_t i) {
        // Paths are joined as strings: the folder's shown name is already
        // normal, and a file name adds nothing lexically_normal() would change.
        const Folder& f = *jobs[i].folder;
        const std::string& name = *jobs[i].name;
        std::string shown = f.shown + '/' + name;
        loaded[i] = load_project(ctx, f.dir + '/' + name, shown, name.substr(0, name.size() - 3), options.drafts);
        loaded[i].shown = std::move(shown);
    });

    std::vector<std::map<int, std::size_t>> numbers(site.editions.size());  // number → the first file with it
    std::vector<std::vector<std::size_t>> by_edition(site.editions.size());  // files with a project to build
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        diags.append(loaded[i].diags);
        if (loaded[i].number) {
            auto [it, fresh] = numbers[jobs[i].edition].emplace(*loaded[i].number, i);
            if (!fresh) {
                diags.error(loaded[i].number_loc, say(lang, Msg::dup_number, *loaded[i].number, loaded[it->second].shown),
                            std::string(text(Msg::dup_number_hint, lang)), loaded[i].number_line);
                continue;
            }
        }
        if (loaded[i].project) by_edition[jobs[i].edition].push_back(i);
    }
    if (site.editions.empty() && !diags.has_errors()) {
        diags.error({fs::path(content_dir).lexically_normal().generic_string(), 0, 0},
                    std::string(text(Msg::no_editions, lang)), std::string(text(Msg::no_editions_hint, lang)));
    }
    if (!config || diags.has_errors()) return std::nullopt;

    std::map<int, std::string> years;
    for (const Edition& e : site.editions) {
        if (auto [it, fresh] = years.emplace(e.year, e.id); !fresh) {
            diags.warning({shown_path(content_dir, fs::path(e.id) / "_index.md"), 0, 0},
                          say(lang, Msg::dup_year, e.year, it->second));
        }
    }

    // Newest edition first; within an edition, by number.
    std::vector<std::size_t> order(site.editions.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Edition& x = site.editions[a];
        const Edition& y = site.editions[b];
        return x.year != y.year ? x.year > y.year : x.id > y.id;
    });
    // Each project is moved once, straight to its place. Numbers are unique
    // within an edition by now (a duplicate is an error), so the order is too.
    std::vector<Edition> editions;
    site.projects.reserve(jobs.size());
    for (std::size_t old : order) {
        Edition e = std::move(site.editions[old]);
        auto& projects = by_edition[old];
        std::sort(projects.begin(), projects.end(), [&](std::size_t a, std::size_t b) {
            return loaded[a].project->number < loaded[b].project->number;
        });
        for (std::size_t i : projects) {
            Project& p = *loaded[i].project;
            p.edition = editions.size();
            e.projects.push_back(site.projects.size());
            site.projects.push_back(std::move(p));
        }
        editions.push_back(std::move(e));
    }
    site.editions = std::move(editions);
    site.config = std::move(cfg);
    return site;
}

}  // namespace bulletin
