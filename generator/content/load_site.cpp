#include "load_site.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <mutex>
#include <set>
#include <unordered_map>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>

#include "checks.h"
#include "field_table.h"
#include "fields.h"
#include "files.h"
#include "load_config.h"
#include "local_links.h"
#include "markdown.h"
#include "messages.h"
#include "parallel.h"
#include "site_map.h"
#include "text.h"

namespace fs = std::filesystem;

namespace bulletin {
namespace {

struct Context {
    const std::string& content_dir;
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

constexpr std::size_t kNoEdition = static_cast<std::size_t>(-1);

struct LoadedProject {
    std::string shown;  // the file, as messages name it
    Diagnostics diags;
    std::shared_ptr<Project> project;  // null when the file has errors or is a draft left out
    std::optional<int> number;  // read even when the file has other errors, to find duplicates
    bool left_out = false;      // a draft this build leaves out (its number still counts for gaps)
    SourceLoc number_loc;
    std::string number_line;
    std::vector<StaticFile> files;  // images and attachments its text links to
    std::vector<LocalLinks::PageLink> pages;  // the pages it links to
    std::vector<std::pair<std::string, bool>> looked_up;  // the files its links name, and whether each was there
};

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

}  // namespace

class LoadCache {
public:
    struct Entry {
        std::uint64_t size = 0, mtime_ns = 0, inode = 0;
        // Shared with the sites loaded from it, never copied: only the
        // project's edition index is set, when the site is put together
        // (a project shared with an earlier site is copied first).
        std::shared_ptr<LoadedProject> result;
    };
    std::string context;  // what every result depends on besides its file
    std::unordered_map<std::string, Entry> entries;
};

std::shared_ptr<LoadCache> make_load_cache() { return std::make_shared<LoadCache>(); }

namespace {

using FileIdentity = std::array<std::uint64_t, 3>;  // size, modification time (ns), inode

// The files a project's links name are where they were (or still missing):
// its result, errors included, stands.
bool links_unchanged(const LoadedProject& l) {
    return std::all_of(l.looked_up.begin(), l.looked_up.end(), [](const auto& file) {
        struct stat st {};
        return (::stat(file.first.c_str(), &st) == 0 && S_ISREG(st.st_mode)) == file.second;
    });
}

FileIdentity identity_of(const struct stat& st) {
    return {static_cast<std::uint64_t>(st.st_size),
            static_cast<std::uint64_t>(st.st_mtim.tv_sec) * 1000000000ULL + static_cast<std::uint64_t>(st.st_mtim.tv_nsec),
            static_cast<std::uint64_t>(st.st_ino)};
}

// A project file of an edition folder: "a.md", or "b/index.md" for a page bundle.
struct ProjectFile {
    std::string name;
    FileIdentity identity{};  // as the folder's listing found it, for the cache
};

// An edition folder's project files and page bundles, listed once: each
// entry is looked at with one stat (links followed, as the build record
// follows them), which also gives the cache the file's identity.
struct EditionListing {
    std::vector<ProjectFile> files;    // *.md other than _index.md, in byte order
    std::vector<ProjectFile> bundles;  // folders holding an index.md ("b/index.md"), in byte order
};

EditionListing list_edition(const fs::path& dir) {
    EditionListing out;
    // Each name looked up from the folder itself, not along the whole path again.
    const int folder = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct Closer {
        int fd;
        ~Closer() {
            if (fd >= 0) ::close(fd);
        }
    } closer{folder};
    auto stat_in = [&](const std::string& name, struct stat& st) {
        return folder >= 0 ? ::fstatat(folder, name.c_str(), &st, 0) == 0 : ::stat((dir / name).c_str(), &st) == 0;
    };
    for (std::string& name : files::list_folder(dir)) {
        if (ignored_name(name) || name == "_index.md") continue;
        struct stat st {};
        if (!stat_in(name, st)) continue;  // a link that leads nowhere is no file
        if (S_ISDIR(st.st_mode)) {
            struct stat index {};
            if (stat_in(name + "/index.md", index) && S_ISREG(index.st_mode)) {
                out.bundles.push_back({name + "/index.md", identity_of(index)});
            }
        } else if (S_ISREG(st.st_mode) && name.ends_with(".md")) {
            // Not ignored, so the name does not start with a dot: ".md" at its end is its extension.
            out.files.push_back({std::move(name), identity_of(st)});
        }
    }
    return out;
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
        throw std::runtime_error(say("zh-CN", Msg::content_missing, content_dir));  // no site.toml to name a language
    }
    auto config = load_site_config((fs::path(content_dir) / "site.toml").string(),
                                   shown_path(content_dir, "site.toml"), diags);
    SiteConfig cfg = config.value_or(SiteConfig{});
    if (!config) cfg.language = site_language(content_dir);  // site.toml has mistakes: the rest is still in its language
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
    Context ctx{content_dir, lang, site.departments, {}, {}};
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
        std::vector<ProjectFile> files;  // its project files, sorted ("a.md", or "b/index.md" for a page bundle)
        std::vector<StaticFile> linked;  // what its preamble links to
        std::vector<LocalLinks::PageLink> pages;
    };
    std::vector<Folder> folders;
    for (std::string& id : sorted_entries(content_dir, true)) {
        // Attachments, not an edition (one with an _index.md is refused below as reserved).
        if (id == kFilesFolder && !fs::exists(fs::path(content_dir) / id / "_index.md")) continue;
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
            f.edition = load_edition(ctx, index, f.shown + "/_index.md", f.id, cfg, f.diags, f.linked, f.pages);
        }
        EditionListing listing = list_edition(dir);
        f.files = std::move(listing.files);
        const auto by_name = [](const ProjectFile& a, const ProjectFile& b) { return a.name < b.name; };
        // A page bundle: a folder with index.md is a project, the folder's name its address.
        const std::size_t plain = f.files.size();
        for (ProjectFile& bundle : listing.bundles) {
            const std::string folder = bundle.name.substr(0, bundle.name.size() - 9);
            if (std::binary_search(f.files.begin(), f.files.begin() + static_cast<std::ptrdiff_t>(plain),
                                   ProjectFile{folder + ".md", {}}, by_name)) {
                f.diags.error({f.shown + "/" + bundle.name, 0, 0}, say(lang, Msg::dup_project_file, folder, folder, folder));
                continue;
            }
            f.files.push_back(std::move(bundle));
        }
        std::sort(f.files.begin(), f.files.end(), by_name);
    });

    // Every project file of every edition, loaded in parallel, reported in path order.
    struct Job {
        std::size_t edition;
        const Folder* folder;
        const ProjectFile* file;
    };
    std::vector<Job> jobs;
    for (Folder& f : folders) {
        diags.append(f.diags);
        if (f.reserved) continue;
        // A broken edition still has its projects checked, so one run lists every
        // problem; the error already reported means this stand-in is never built.
        site.editions.push_back(f.edition ? std::move(*f.edition) : Edition{});
        for (const ProjectFile& file : f.files) jobs.push_back({site.editions.size() - 1, &f, &file});
    }
    LoadCache* cache = options.cache;
    if (cache) {
        std::string context = lang + (options.drafts ? "\ndrafts" : "\n");
        for (const Department& d : site.departments) context += '\n' + d.slug + '\t' + d.name;
        if (cache->context != context) {
            cache->entries.clear();
            cache->context = std::move(context);
        }
    }
    // Each file's result, shared with the cache: a file unchanged since the
    // last load is neither read nor copied.
    std::vector<std::shared_ptr<LoadedProject>> loaded(jobs.size());
    std::vector<char> from_cache(jobs.size(), 0);  // not vector<bool>: written from several threads
    std::vector<std::string> keys(cache ? jobs.size() : 0);  // of the files read, for the cache
    parallel_for(jobs.size(), [&](std::size_t i) {
        // Paths are joined as strings: the folder's shown name is already
        // normal, and a file name adds nothing lexically_normal() would change.
        const Folder& f = *jobs[i].folder;
        const std::string& name = jobs[i].file->name;
        const bool archived = f.edition && f.edition->archived;
        const std::string file = f.dir + '/' + name;
        // An archived edition's projects are checked for relative time words,
        // so the cached result is kept apart for that state.
        std::string key = archived ? file + "\n(archived)" : file;
        const FileIdentity& identity = jobs[i].file->identity;
        if (cache) {  // only read while the files are loaded: no lock
            const auto it = cache->entries.find(key);
            const LoadCache::Entry* e = it == cache->entries.end() ? nullptr : &it->second;
            if (e && e->size == identity[0] && e->mtime_ns == identity[1] && e->inode == identity[2] &&
                links_unchanged(*e->result)) {
                loaded[i] = e->result;
                from_cache[i] = 1;
                return;
            }
        }
        std::string shown = f.shown + '/' + name;
        const bool bundle = name.ends_with("/index.md");
        const std::string slug = name.substr(0, name.size() - (bundle ? 9 : 3));
        loaded[i] = std::make_shared<LoadedProject>(
            load_project(ctx, file, shown, slug, bundle ? f.id + '/' + slug : f.id, options.drafts, archived));
        loaded[i]->shown = std::move(shown);
        if (cache) keys[i] = std::move(key);
    });
    // What was read is kept for the next load.
    for (std::size_t i = 0; cache && i < jobs.size(); ++i) {
        if (from_cache[i]) continue;
        const FileIdentity& identity = jobs[i].file->identity;
        cache->entries[std::move(keys[i])] = {identity[0], identity[1], identity[2], loaded[i]};
    }
    if (cache && cache->entries.size() > jobs.size()) {  // files removed since
        std::set<std::string> now;
        for (const Job& j : jobs) {
            const std::string file = j.folder->dir + '/' + j.file->name;
            now.insert(j.folder->edition && j.folder->edition->archived ? file + "\n(archived)" : file);
        }
        std::erase_if(cache->entries, [&](const auto& e) { return !now.count(e.first); });
    }

    std::vector<std::map<int, std::size_t>> numbers(site.editions.size());  // number → the first file with it
    std::vector<std::vector<std::size_t>> by_edition(site.editions.size());  // files with a project to build
    std::vector<std::vector<NumberedFile>> numbered(site.editions.size());
    std::vector<bool> unnumbered(site.editions.size(), false);  // a number unread or used twice
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const LoadedProject& l = *loaded[i];
        diags.append(l.diags);
        if (!l.number) unnumbered[jobs[i].edition] = true;
        if (l.number) numbered[jobs[i].edition].push_back({*l.number, l.number_loc, l.number_line, l.left_out});
        if (l.number && !l.left_out) {
            auto [it, fresh] = numbers[jobs[i].edition].emplace(*l.number, i);
            if (!fresh) {
                diags.error(l.number_loc, say(lang, Msg::dup_number, *l.number, loaded[it->second]->shown),
                            std::string(text(Msg::dup_number_hint, lang)), l.number_line);
                unnumbered[jobs[i].edition] = true;
                continue;
            }
        }
        if (l.project) by_edition[jobs[i].edition].push_back(i);
    }
    for (std::size_t e = 0; e < numbered.size(); ++e) {
        if (!unnumbered[e]) check_numbering(numbered[e], lang, diags);  // a gap there may be that file's
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
            return loaded[a]->project->number < loaded[b]->project->number;
        });
        for (std::size_t i : projects) {
            std::shared_ptr<Project>& p = loaded[i]->project;
            if (p->edition != editions.size()) {
                // A project an earlier site holds is not changed under it: its
                // edition moved (one was added or removed), so it is copied.
                if (from_cache[i]) p = std::make_shared<Project>(*p);
                p->edition = editions.size();
            }
            e.projects.push_back(site.projects.size());
            site.projects.push_back(p);
        }
        editions.push_back(std::move(e));
    }
    site.editions = std::move(editions);
    site.config = std::move(cfg);
    // Every file a shown page links to, once, by path.
    std::map<std::string, StaticFile> linked;
    for (Folder& f : folders) {
        for (StaticFile& file : f.linked) linked.emplace(file.path, std::move(file));
    }
    for (const auto& projects : by_edition) {
        for (std::size_t i : projects) {
            for (const StaticFile& file : loaded[i]->files) linked.emplace(file.path, file);
        }
    }
    for (auto& [path, file] : linked) site.files.push_back(std::move(file));
    // A link to a project that is not built (a draft left out) would be broken on the site.
    std::set<std::string> built;  // made at the first link to a page
    auto check_pages = [&](const std::vector<LocalLinks::PageLink>& pages) {
        if (!pages.empty() && built.empty()) {
            for (const Edition& e : site.editions) built.insert(e.id + "/");
            for (const Project& p : site.projects) built.insert(site.editions[p.edition].id + "/" + p.slug + "/");
        }
        for (const LocalLinks::PageLink& link : pages) {
            if (built.count(link.target)) continue;
            Diagnostic where = link.where;
            where.severity = Severity::warning;
            where.message = say(lang, Msg::link_not_built, link.target);
            where.hint = std::string(text(Msg::link_not_built_hint, lang));
            diags.add(std::move(where));
        }
    };
    for (Folder& f : folders) check_pages(f.pages);
    for (const auto& projects : by_edition) {
        for (std::size_t i : projects) check_pages(loaded[i]->pages);
    }
    check_site(site, content_dir, diags);
    return site;
}

}  // namespace bulletin
