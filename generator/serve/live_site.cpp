#include "live_site.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "feeds.h"
#include "field_table.h"
#include "files.h"
#include "load_config.h"
#include "manifest.h"
#include "messages.h"
#include "open_data.h"
#include "pages.h"
#include "search_index.h"
#include "site_map.h"
#include "views.h"

namespace fs = std::filesystem;

namespace bulletin::serve {

Snapshot::Bytes Snapshot::find(const std::string& path) const {
    if (const auto group = groups.find(site_map::manifest_group(path, ids)); group != groups.end()) {
        if (auto it = group->second->find(path); it != group->second->end()) return it->second;
    }
    // Neither a page nor an asset: an image or attachment, the feed, the sitemap, the search index or the manifest.
    if (!site || !theme) return nullptr;
    if (Bytes file = static_file(path)) return file;
    if (path.starts_with(site_map::data_dir)) return open_data(path);
    if (path == site_map::feed || (path.starts_with("sitemap") && path.ends_with(".xml"))) {
        std::call_once(feeds_once_, [this] { make_feeds(); });
        if (auto it = feeds_.find(path); it != feeds_.end()) return it->second;
        return nullptr;
    }
    std::call_once(lazy_once_, [this] { make_lazy(); });
    if (auto it = lazy_.find(path); it != lazy_.end()) return it->second;
    return nullptr;
}

Snapshot::Files Snapshot::files() const {
    Files all;
    for (const auto& [group, files] : groups) all.insert(files->begin(), files->end());
    return all;
}

// The images and attachments pages link to, read when asked for: an edit to
// one is seen at the next request, and nothing is held in memory.
Snapshot::Bytes Snapshot::static_file(const std::string& path) const {
    const auto it = std::lower_bound(site->files.begin(), site->files.end(), path,
                                     [](const StaticFile& f, const std::string& p) { return f.path < p; });
    if (it == site->files.end() || it->path != path) return nullptr;
    try {
        return std::make_shared<const std::string>(files::read_file(it->source));
    } catch (const std::exception&) {
        return nullptr;  // removed since the rebuild: the next one reports it
    }
}

// An edition's open data (data/<id>.json and .csv), made at the first request for either.
Snapshot::Bytes Snapshot::open_data(const std::string& path) const {
    std::lock_guard lock(data_mutex_);
    if (auto it = data_.find(path); it != data_.end()) return it->second;
    for (std::size_t e = 0; e < site->editions.size(); ++e) {
        const std::string& id = site->editions[e].id;
        if (path != site_map::data_json(id) && path != site_map::data_csv(id)) continue;
        std::vector<bool> others(site->editions.size(), true);
        others[e] = false;
        for (OutputFile& f : render_open_data(*site, *theme, others)) {
            data_.emplace(std::move(f.path), std::make_shared<const std::string>(std::move(f.bytes)));
        }
        if (auto it = data_.find(path); it != data_.end()) return it->second;
    }
    return nullptr;
}

void Snapshot::make_feeds() const {
    feeds_.emplace(site_map::feed, std::make_shared<const std::string>(render_atom(*site, *theme)));
    for (OutputFile& f : render_sitemap(*site)) {
        feeds_.emplace(std::move(f.path), std::make_shared<const std::string>(std::move(f.bytes)));
    }
}

void Snapshot::make_lazy() const {
    std::vector<search::Document> docs;
    docs.reserve(site->projects.size());
    for (const Project& p : site->projects) {
        const Edition& e = site->editions[p.edition];
        const Department& d = site->departments[p.department];
        docs.push_back({project_url(*site, p), p.title, d.name, d.slug, e.id, format_year(e.year, *theme), p.number,
                        p.tags, p.body_text, d.aliases});
    }
    Manifest manifest;
    for (OutputFile& f : search::build_index(docs, {})) {
        manifest[f.path] = {sha256_hex(f.bytes), f.bytes.size()};
        lazy_.emplace(std::move(f.path), std::make_shared<const std::string>(std::move(f.bytes)));
    }
    for (const auto& [group, files] : groups) {
        for (const auto& [path, bytes] : *files) manifest[path] = {sha256_hex(*bytes), bytes->size()};
    }
    for (const StaticFile& f : site->files) {
        if (Bytes bytes = static_file(f.path)) manifest[f.path] = {sha256_hex(*bytes), bytes->size()};
    }
    for (const Edition& e : site->editions) {
        for (const std::string& path : {site_map::data_json(e.id), site_map::data_csv(e.id)}) {
            if (Bytes bytes = open_data(path)) manifest[path] = {sha256_hex(*bytes), bytes->size()};
        }
    }
    std::call_once(feeds_once_, [this] { make_feeds(); });
    for (const auto& [path, bytes] : feeds_) manifest[path] = {sha256_hex(*bytes), bytes->size()};
    lazy_.emplace(site_map::manifest, std::make_shared<const std::string>(render_manifest(manifest, ids)));
}

namespace {

// Everything of a project that a page shows: the fields the loader reads
// itself here, the plain ones through the field table.
bool same_project(const Project& a, const Project& b) {
    auto same_metric = [](const Metric& x, const Metric& y) {
        return x.label == y.label && x.value == y.value && fields::metric_table.same(x, y);
    };
    auto same_correction = [](const Correction& x, const Correction& y) {
        return x.date == y.date && x.note == y.note && fields::correction_table.same(x, y);
    };
    return a.slug == b.slug && a.title == b.title && a.department == b.department &&
           a.co_departments == b.co_departments && a.number == b.number && a.ongoing == b.ongoing &&
           a.summary == b.summary && fields::project_table.same(a, b) &&
           std::equal(a.metrics.begin(), a.metrics.end(), b.metrics.begin(), b.metrics.end(), same_metric) &&
           std::equal(a.corrections.begin(), a.corrections.end(), b.corrections.begin(), b.corrections.end(),
                      same_correction) &&
           a.body_html == b.body_html && a.body_text == b.body_text && a.source_path == b.source_path;
}

}  // namespace

LiveSite::LiveSite(BuildOptions options) : options_(std::move(options)) {
    options_.drafts = true;
    options_.offline = false;
    options_.gzip = false;
    if (!fs::is_directory(options_.content_dir)) {
        throw std::runtime_error(say("zh-CN", Msg::content_missing, options_.content_dir));
    }
    content_abs_ = fs::weakly_canonical(fs::absolute(options_.content_dir));
    layouts_abs_ = fs::weakly_canonical(layouts_dir(options_));
}

bool LiveSite::is_scratch_name(const std::string& name) {
    if (name.empty() || name[0] == '.' || name.back() == '~' || name == "4913") return true;
    for (const char* end : {".swp", ".swx", ".swo", ".tmp", ".part"}) {
        if (name.ends_with(end)) return true;
    }
    return false;
}

RebuildStats LiveSite::rebuild(const std::vector<fs::path>& changed) {
    std::lock_guard rebuilding(rebuild_mutex_);
    const auto started = std::chrono::steady_clock::now();
    RebuildStats stats;
    // BULLETIN_TIMINGS=1: wall time of each step on stderr, as `build` does, for bench/serve-reload.
    const bool timings = std::getenv("BULLETIN_TIMINGS") != nullptr;
    auto lap = started;
    auto mark = [&](const char* step) {
        if (!timings) return;
        const auto now = std::chrono::steady_clock::now();
        std::fprintf(stderr, "timing: serve %s %.4f\n", step, std::chrono::duration<double>(now - lap).count());
        lap = now;
    };

    // Which parts of the site the changes touch: an edition's folder, or
    // anything else (site.toml, departments.toml, the theme, layouts/), which is every page.
    for (const fs::path& path : changed) {
        const fs::path abs = fs::weakly_canonical(fs::absolute(path));
        const fs::path rel = abs.lexically_relative(content_abs_);
        if (rel.empty() || *rel.begin() == ".." || rel == ".") {
            dirty_all_ = true;  // the theme, layouts/, or the content folder itself
            continue;
        }
        const auto parts = std::distance(rel.begin(), rel.end());
        const std::string name = rel.filename().string();
        std::error_code ec;
        if (parts == 1 && (name.ends_with(".toml") || fs::is_regular_file(abs, ec))) {
            dirty_all_ = true;  // site.toml, departments.toml
        } else if (parts == 2 && name.ends_with(".md") && name != "_index.md") {
            dirty_projects_.insert(rel.begin()->string());
        } else {
            dirty_folders_.insert(rel.begin()->string());
        }
    }

    Diagnostics diags;
    std::optional<Site> loaded = load_site(options_.content_dir, {true, options_.base_url, cache_.get()}, diags);
    mark("load");
    const LiveState now = state();
    const std::shared_ptr<const Snapshot>& before = now.snapshot;
    std::shared_ptr<const Theme> theme;
    if (loaded) {
        const fs::path theme_dir = find_theme(options_, loaded->config.theme);
        if (!dirty_all_ && before && before->theme && theme_dir == theme_dir_) {
            theme = before->theme;
        } else if (auto t = Theme::load(theme_dir, loaded->config.language, diags, layouts_dir(options_))) {
            theme = std::make_shared<const Theme>(std::move(*t));
        }
        std::lock_guard lock(mutex_);
        theme_dir_ = theme_dir;
    }
    const std::string language = loaded ? loaded->config.language : site_language(options_.content_dir);
    if (!loaded || !theme || diags.has_errors()) {
        std::lock_guard lock(mutex_);
        state_.diags = std::make_shared<const Diagnostics>(std::move(diags));
        state_.language = language;
        ++state_.generation;
        stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return stats;
    }

    auto site = std::make_shared<const Site>(std::move(*loaded));
    auto next = std::make_shared<Snapshot>();
    next->site = site;
    next->theme = theme;
    std::vector<std::string>& ids = next->ids;
    std::set<std::string> before_ids;
    if (before && before->site) {
        for (const Edition& e : before->site->editions) before_ids.insert(e.id);
    }
    std::vector<bool> reuse(site->editions.size(), false);
    for (std::size_t i = 0; i < site->editions.size(); ++i) {
        const std::string& id = site->editions[i].id;
        ids.push_back(id);
        reuse[i] = !dirty_all_ && before && before_ids.count(id) && before->groups.count(id) &&
                   !dirty_folders_.count(id) && !dirty_projects_.count(id);
    }
    // Within an edition where only project files changed, a project's page is
    // kept when neither it nor its neighbours (the page links to them) changed,
    // and a department's page when none of its projects did.
    RenderOptions render{false, reuse, {}, {}};
    if (before && !dirty_all_) {
        const Site& old = *before->site;
        render.reuse_project.assign(site->projects.size(), false);
        render.reuse_department.assign(site->departments.size(), dirty_folders_.empty());
        std::map<std::pair<std::string, std::string>, std::size_t> old_index;  // (edition, slug) → project
        // Only the editions where project files changed are compared.
        auto touched = [&](const std::string& id) { return dirty_projects_.count(id) || dirty_folders_.count(id); };
        std::vector<bool> old_seen(old.projects.size(), true);
        for (std::size_t i = 0; i < old.projects.size(); ++i) {
            const std::string& id = old.editions[old.projects[i].edition].id;
            if (!touched(id)) continue;
            old_index[{id, old.projects[i].slug}] = i;
            old_seen[i] = false;
        }
        std::vector<bool> changed(site->projects.size(), false);
        for (std::size_t i = 0; i < site->projects.size(); ++i) {
            const Project& p = site->projects[i];
            if (!touched(site->editions[p.edition].id)) continue;
            changed[i] = true;
            const auto it = old_index.find({site->editions[p.edition].id, p.slug});
            if (it == old_index.end()) continue;
            old_seen[it->second] = true;
            // A project the loader did not read again is the very one the old site holds.
            changed[i] = site->projects.identity(i) != old.projects.identity(it->second) &&
                         !same_project(p, old.projects[it->second]);
            if (changed[i]) old_seen[it->second] = false;  // its old department's page changes too
        }
        for (std::size_t i = 0; i < site->projects.size(); ++i) {
            if (changed[i]) render.reuse_department[site->projects[i].department] = false;
        }
        for (std::size_t i = 0; i < old.projects.size(); ++i) {
            if (old_seen[i]) continue;
            // A removed or changed project's old department page changes, if the department is still there.
            const std::string& slug = old.departments[old.projects[i].department].slug;
            for (std::size_t d = 0; d < site->departments.size(); ++d) {
                if (site->departments[d].slug == slug) render.reuse_department[d] = false;
            }
        }
        auto neighbour = [](const Site& s, const Edition& e, std::size_t pos, int step) -> std::string {
            const long at = static_cast<long>(pos) + step;
            if (at < 0 || at >= static_cast<long>(e.projects.size())) return {};
            return s.projects[e.projects[static_cast<std::size_t>(at)]].slug;
        };
        for (std::size_t e = 0; e < site->editions.size(); ++e) {
            const Edition& edition = site->editions[e];
            if (reuse[e] || dirty_folders_.count(edition.id)) continue;
            for (std::size_t k = 0; k < edition.projects.size(); ++k) {
                const std::size_t i = edition.projects[k];
                if (changed[i]) continue;
                const std::size_t o = old_index.at({edition.id, site->projects[i].slug});
                const Edition& old_edition = old.editions[old.projects[o].edition];
                const std::size_t old_pos = static_cast<std::size_t>(
                    std::find(old_edition.projects.begin(), old_edition.projects.end(), o) - old_edition.projects.begin());
                bool keep = true;
                for (int step : {-1, 1}) {
                    const std::string now_slug = neighbour(*site, edition, k, step);
                    keep = keep && now_slug == neighbour(old, old_edition, old_pos, step);
                    const long at = static_cast<long>(k) + step;
                    if (!now_slug.empty()) keep = keep && !changed[edition.projects[static_cast<std::size_t>(at)]];
                }
                render.reuse_project[i] = keep;
            }
        }
    }
    // An edition that is reused keeps its group of files as it is: shared,
    // not copied. Every other group is made again, with the pages kept
    // within it taken over from the group before.
    std::map<std::string, Snapshot::Files> made;
    for (std::size_t e = 0; e < ids.size(); ++e) {
        if (reuse[e]) {
            next->groups.emplace(ids[e], before->groups.at(ids[e]));
        } else {
            made[ids[e]];
        }
    }
    made["site"];
    if (before) {
        auto keep = [&](const std::string& path) {
            const std::string& group = site_map::manifest_group(path, ids);
            const auto old = before->groups.find(group);
            if (old == before->groups.end()) return;
            if (const auto it = old->second->find(path); it != old->second->end()) made[group].emplace(path, it->second);
        };
        for (std::size_t i = 0; i < render.reuse_project.size(); ++i) {
            if (render.reuse_project[i]) keep(site_map::page_file(project_url(*site, site->projects[i])));
        }
        for (std::size_t d = 0; d < render.reuse_department.size(); ++d) {
            if (render.reuse_department[d]) keep(site_map::page_file(department_url(site->departments[d])));
        }
    }
    std::mutex files_mutex;
    std::size_t count = 0;
    const Emit emit = [&](OutputFile&& f) {
        auto bytes = std::make_shared<const std::string>(std::move(f.bytes));
        const std::string& group = site_map::manifest_group(f.path, ids);
        std::lock_guard lock(files_mutex);
        made[group][std::move(f.path)] = std::move(bytes);
        ++count;
    };
    mark("theme+carry");
    render_pages(*site, *theme, render, emit);
    mark("pages");
    for (OutputFile f : theme->assets()) emit(std::move(f));
    for (auto& [group, files] : made) next->groups[group] = std::make_shared<const Snapshot::Files>(std::move(files));
    mark("assets");

    stats.ok = true;
    stats.editions = site->editions.size();
    stats.editions_rendered = static_cast<std::size_t>(std::count(reuse.begin(), reuse.end(), false));
    stats.files_made = count;
    {
        std::lock_guard lock(mutex_);
        state_.snapshot = std::move(next);
        state_.diags = std::make_shared<const Diagnostics>(std::move(diags));
        state_.language = language;
        ++state_.generation;
    }
    dirty_all_ = false;
    dirty_folders_.clear();
    dirty_projects_.clear();
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

LiveState LiveSite::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

std::shared_ptr<const Snapshot> LiveSite::snapshot() const {
    std::lock_guard lock(mutex_);
    return state_.snapshot;
}

std::shared_ptr<const Diagnostics> LiveSite::diagnostics() const {
    std::lock_guard lock(mutex_);
    return state_.diags;
}

bool LiveSite::has_errors() const {
    std::lock_guard lock(mutex_);
    return state_.diags->has_errors();
}

std::string LiveSite::language() const {
    std::lock_guard lock(mutex_);
    return state_.language;
}

std::uint64_t LiveSite::generation() const {
    std::lock_guard lock(mutex_);
    return state_.generation;
}

std::vector<fs::path> LiveSite::watched_roots() const {
    std::lock_guard lock(mutex_);
    std::vector<fs::path> roots{content_abs_};
    auto outside_content = [&](const fs::path& dir) {
        return dir.lexically_relative(content_abs_).string().starts_with("..");
    };
    if (!theme_dir_.empty() && fs::is_directory(theme_dir_)) {
        const fs::path theme = fs::weakly_canonical(fs::absolute(theme_dir_));
        if (outside_content(theme)) roots.push_back(theme);
    }
    if (fs::is_directory(layouts_abs_) && outside_content(layouts_abs_)) roots.push_back(layouts_abs_);
    return roots;
}

}  // namespace bulletin::serve
