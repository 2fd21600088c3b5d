#include "build.h"

#include <chrono>
#include <cstdlib>
#include <malloc.h>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <algorithm>

#include <fmt/format.h>

#include "build_stamp.h"
#include "compress.h"
#include "feeds.h"
#include "files.h"
#include "load_config.h"
#include "manifest.h"
#include "load_site.h"
#include "messages.h"
#include "open_data.h"
#include "pages.h"
#include "parallel.h"
#include "search_index.h"
#include "site_map.h"
#include "theme.h"
#include "views.h"

namespace fs = std::filesystem;

#ifndef BULLETIN_THEMES_DIR
#define BULLETIN_THEMES_DIR "themes"
#endif

namespace bulletin {

fs::path find_theme(const BuildOptions& options, const std::string& name) {
    std::vector<fs::path> candidates;
    if (!options.themes_dir.empty()) candidates.push_back(fs::path(options.themes_dir) / name);
    candidates.push_back(fs::absolute(options.content_dir).lexically_normal().parent_path() / "themes" / name);
    candidates.push_back(fs::path("themes") / name);
    // Installed (the Debian package): <prefix>/bin/bulletin and <prefix>/share/bulletin/themes/.
    std::error_code ec;
    if (const fs::path self = fs::read_symlink("/proc/self/exe", ec); !ec) {
        candidates.push_back(self.parent_path().parent_path() / "share" / "bulletin" / "themes" / name);
    }
    candidates.push_back(fs::path(BULLETIN_THEMES_DIR) / name);
    for (const fs::path& c : candidates) {
        if (fs::is_directory(c / "templates")) return c;
    }
    return candidates.front();
}

// A site's own templates: layouts/ beside its content/ folder.
fs::path layouts_dir(const BuildOptions& options) {
    return fs::absolute(options.content_dir).lexically_normal().parent_path() / "layouts";
}

namespace {

struct Loaded {
    std::optional<Site> site;
    std::optional<Theme> theme;
    Diagnostics diags;
    std::string language;  ///< the site's, also when the content has errors and there is no site
};

Loaded load_all(const BuildOptions& options) {
    Loaded l;
    l.site = load_site(options.content_dir, {options.drafts, options.base_url}, l.diags);
    l.language = l.site ? l.site->config.language : site_language(options.content_dir);
    if (l.site) {
        l.theme = Theme::load(find_theme(options, l.site->config.theme), l.site->config.language, l.diags,
                              layouts_dir(options));
    }
    return l;
}

// The manifest of the output folder, with manifest.json itself added so that
// an unchanged manifest is not written again; nothing when it cannot be read.
std::optional<Manifest> read_previous_manifest(const std::string& out_dir) {
    const auto text = files::read_if_regular(fs::path(out_dir) / "manifest.json");
    if (!text) return std::nullopt;
    try {
        Manifest m = parse_manifest(*text);
        m["manifest.json"] = {sha256_hex(*text), text->size()};
        return m;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// Which editions the stamped build made from the same inputs: the same
// global key (generator, options, theme, top-level content files), the same
// key for the edition's folder, and every other content folder unchanged.
std::vector<bool> reusable_editions(const Site& site, const InputKeys& now, const BuildStamp* before) {
    std::vector<bool> reuse(site.editions.size(), false);
    if (!before || now.global.empty() || before->global != now.global) return reuse;
    std::set<std::string> ids;
    for (const Edition& e : site.editions) ids.insert(e.id);
    auto same = [&](const std::string& folder) {
        const auto a = now.folders.find(folder);
        const auto b = before->folders.find(folder);
        return a != now.folders.end() && b != before->folders.end() && a->second == b->second;
    };
    for (const auto* keys : {&now.folders, &before->folders}) {
        for (const auto& [folder, key] : *keys) {
            if (!ids.count(folder) && !same(folder)) return reuse;
        }
    }
    for (std::size_t i = 0; i < site.editions.size(); ++i) reuse[i] = same(site.editions[i].id);
    return reuse;
}

// The one line a build prints: what the output holds and what this build wrote.
std::string summary_line(const BuildOptions& options, const std::string& language, std::size_t editions,
                         std::size_t projects, const PublishStats& stats, std::chrono::steady_clock::time_point started) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return say(language, Msg::build_summary, editions, projects, fs::path(options.out_dir).generic_string(), stats.files,
               fmt::format("{:.1f}", stats.bytes / 1024.0), stats.written, stats.removed,
               fmt::format("{:.2f}", seconds)) + "\n";
}

const std::string& language_of(const Loaded& l) { return l.language; }

// --strict: every warning is an error, so a site's own CI stops on it.
void apply_strict(const BuildOptions& options, Diagnostics& diags) {
    if (!options.strict || diags.warning_count() == 0) return;
    Diagnostics strict;
    for (Diagnostic d : diags.items()) {
        d.severity = Severity::error;
        strict.add(std::move(d));
    }
    diags = std::move(strict);
}

// The search index is the last stage to read the site, and the site is
// handed over to it: the projects' text is moved into the documents rather
// than copied (200 MB at 100,000 projects), and the rest is freed. The
// caller has no site after this; until here it was never changed.
std::vector<search::Document> search_documents(Site&& handed_over, const Theme& theme) {
    Site site = std::move(handed_over);
    // The site is the only holder of its projects here: edit() changes them in place.
    for (std::size_t i = 0; i < site.projects.size(); ++i) {
        std::string().swap(site.projects.edit(i).body_html);  // every page is written by now
    }
    ::malloc_trim(0);
    std::vector<search::Document> docs;
    docs.reserve(site.projects.size());
    for (std::size_t i = 0; i < site.projects.size(); ++i) {
        Project& p = site.projects.edit(i);
        const Edition& e = site.editions[p.edition];
        const Department& d = site.departments[p.department];
        docs.push_back({project_url(site, p), std::move(p.title), d.name, d.slug, e.id, format_year(e.year, theme),
                        p.number, std::move(p.tags), std::move(p.body_text), d.aliases});
    }
    return docs;
}

}  // namespace

int run_check(const BuildOptions& options, std::ostream& out, std::ostream& err) {
    Loaded l = load_all(options);
    apply_strict(options, l.diags);
    err << format_diagnostics(l.diags, language_of(l));
    if (l.diags.has_errors()) return exit_content_error;
    const Site& site = *l.site;
    out << say(language_of(l), Msg::check_summary, site.editions.size(), site.projects.size(), site.departments.size(),
               l.diags.warning_count()) << "\n";
    return exit_ok;
}

int run_build(const BuildOptions& options, std::ostream& out, std::ostream& err) {
    const auto started = std::chrono::steady_clock::now();
    // BULLETIN_TIMINGS=1: wall time of each stage on stderr, for bench/run.
    const bool timings = std::getenv("BULLETIN_TIMINGS") != nullptr;
    auto lap = started;
    auto mark = [&](const char* stage) {
        if (!timings) return;
        const auto now = std::chrono::steady_clock::now();
        err << fmt::format("timing: {} {:.4f}\n", stage, std::chrono::duration<double>(now - lap).count());
        lap = now;
    };
    // One build per output folder: a second one stops here, naming the first.
    // Taking the lock removes what a killed build left beside the folder.
    const OutputLock lock(options.out_dir, site_language(options.content_dir));
    // A rebuild that would change nothing stops here (build_stamp.h). The inputs
    // are hashed before they are read for the build, so an edit made while it
    // runs is never covered by its stamp.
    const fs::path stamp_file = stamp_path(options.out_dir);
    InputKeys inputs;
    std::optional<BuildStamp> stamp;
    std::string listing;
    if (!std::getenv("BULLETIN_NO_STAMP")) {
        Diagnostics ignored;
        const auto config = load_site_config((fs::path(options.content_dir) / "site.toml").string(), "site.toml", ignored);
        const fs::path theme_dir = find_theme(options, config ? config->theme : "default");
        inputs = hash_inputs({BULLETIN_VERSION, fs::absolute(options.content_dir).lexically_normal().string(),
                              fs::absolute(options.out_dir).lexically_normal().string(),
                              fs::absolute(theme_dir).lexically_normal().string(), options.themes_dir,
                              options.base_url.value_or("\n"), options.drafts ? "drafts" : "", options.offline ? "offline" : "",
                              options.gzip ? "gzip" : ""},
                             options.content_dir, {theme_dir, layouts_dir(options)});
        stamp = read_stamp(stamp_file);
        if (stamp) listing = hash_output_listing(options.out_dir);
        if (stamp && !inputs.all.empty() && stamp->inputs == inputs.all && stamp->outputs == listing) {
            mark("stamp");
            out << summary_line(options, config ? config->language : std::string("zh-CN"), stamp->editions, stamp->projects,
                                {stamp->files, stamp->bytes}, started);
            return exit_ok;
        }
    }
    mark("stamp");
    // When the output is exactly what the stamped build wrote, its manifest
    // describes it, and the folder can be updated in place. A build that fails
    // changes neither the output nor its stamp, which still describes that output.
    std::optional<Manifest> previous;
    if (stamp && !listing.empty() && stamp->outputs == listing && !inputs.global.empty()) {
        previous = read_previous_manifest(options.out_dir);
    }
    mark("previous");

    Loaded l = load_all(options);
    mark("load");
    apply_strict(options, l.diags);
    err << format_diagnostics(l.diags, language_of(l));
    if (l.diags.has_errors()) return exit_content_error;
    const Site& site = *l.site;
    const Theme& theme = *l.theme;
    std::vector<std::string> ids;  // the editions', for the manifest's groups
    for (const Edition& e : site.editions) ids.push_back(e.id);

    // Editions whose inputs are those of the stamped build keep their pages,
    // open data and twins as they are in the output folder, unrendered.
    const std::vector<bool> reuse = reusable_editions(site, inputs, previous ? &*stamp : nullptr);
    if (timings) {
        err << fmt::format("reused: {} of {} editions{}\n", std::count(reuse.begin(), reuse.end(), true), reuse.size(),
                           previous ? ", output updated in place" : "");
    }
    Publisher publisher = previous ? Publisher(options.out_dir, *previous) : Publisher(options.out_dir);
    Manifest manifest;
    std::mutex manifest_mutex;
    const Emit stage = [&](OutputFile&& file) {
        ManifestEntry entry{sha256_hex(file.bytes), file.bytes.size()};
        const std::string sha = entry.sha256;
        {
            std::lock_guard lock(manifest_mutex);
            manifest.emplace(file.path, std::move(entry));
        }
        publisher.put(std::move(file), sha);
    };
    if (previous) {
        for (const auto& [path, entry] : *previous) {
            const std::string& group = manifest_group(path, ids);
            const auto e = static_cast<std::size_t>(std::find(ids.begin(), ids.end(), group) - ids.begin());
            if (e == ids.size() || !reuse[e]) continue;
            publisher.keep(path);
            manifest.emplace(path, entry);
        }
    }
    // Every text file of 1 KB or more gets its .gz twin, compressed on the calling thread.
    // A file the previous build wrote with the same bytes keeps its twin: compressing
    // is most of a rebuild's work otherwise. The old twin is taken only when it has
    // this gzip()'s header and inflates to exactly these bytes.
    const std::string gzip_header = gzip("").substr(0, 10);
    const Emit emit = [&](OutputFile&& file) {
        if (options.gzip && wants_gzip(file.path, file.bytes.size())) {
            const std::string twin_path = file.path + ".gz";
            std::optional<std::string> twin;
            if (publisher.same_as_previous(file.path, file.bytes)) {
                twin = publisher.previous(twin_path);
                if (twin && twin->compare(0, gzip_header.size(), gzip_header) != 0) twin.reset();
                if (twin) {
                    const auto inflated = gunzip(*twin, file.bytes.size());
                    if (!inflated || *inflated != file.bytes) twin.reset();
                }
            }
            stage({twin_path, twin ? std::move(*twin) : gzip(file.bytes)});
        }
        stage(std::move(file));
    };

    mark("prepare");
    render_pages(site, theme, {options.offline, reuse, {}, {}}, emit);
    // The pages' views are freed by now, in small pieces all over the heap;
    // give them back, or the search index's large blocks come on top of them.
    ::malloc_trim(0);
    mark("pages");
    for (OutputFile f : theme.assets()) emit(std::move(f));
    // The images and attachments pages link to, as they are (an edition reused keeps its own).
    for (const StaticFile& file : site.files) {
        const std::string& group = manifest_group(file.path, ids);
        const auto e = static_cast<std::size_t>(std::find(ids.begin(), ids.end(), group) - ids.begin());
        if (e < reuse.size() && reuse[e]) continue;
        emit({file.path, files::read_file(file.source)});
    }
    OutputFiles data = render_open_data(site, theme, reuse);
    parallel_for(data.size(), [&](std::size_t i) { emit(std::move(data[i])); });  // each is compressed and hashed
    mark("open_data");
    emit({std::string(site_map::feed), render_atom(site, theme)});
    for (OutputFile& f : render_sitemap(site)) emit(std::move(f));
    mark("feeds");
    const std::size_t n_editions = site.editions.size();
    const std::size_t n_projects = site.projects.size();
    const std::string language = site.config.language;  // the site is handed over to the search index next
    search::build_index(search_documents(std::move(*l.site), theme), {options.offline}, emit);
    l.site.reset();  // handed over: `site` is not used below
    mark("search");

    publisher.put({std::string(site_map::manifest), render_manifest(manifest, ids)});
    mark("manifest");
    const PublishStats stats = publisher.commit();
    mark("commit");
    // Content with warnings is built every time, so its warnings are shown every time.
    const bool clean = l.diags.error_count() == 0 && l.diags.warning_count() == 0;
    write_stamp(stamp_file, {clean ? inputs.all : std::string(), hash_output_listing(options.out_dir),
                             n_editions, n_projects, stats.files, stats.bytes, inputs.global,
                             inputs.folders});

    out << summary_line(options, language, n_editions, n_projects, stats, started);
    return exit_ok;
}

}  // namespace bulletin
