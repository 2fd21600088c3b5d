#include "load_site.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <mutex>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <stdexcept>

#include "checks.h"
#include "files.h"
#include "load_config.h"
#include "load_file.h"
#include "local_links.h"
#include "messages.h"
#include "parallel.h"
#include "site_map.h"

namespace fs = std::filesystem;

namespace bulletin {
namespace {

std::string shown_path(const std::string& content_dir, const fs::path& rel) {
    return (fs::path(content_dir) / rel).lexically_normal().generic_string();
}

bool ignored_name(const std::string& name) {
    return name.empty() || name[0] == '.' || (name[0] == '_' && name != "_index.md");
}

}  // namespace

using loading::Context;
using loading::kNoEdition;
using loading::LoadedProject;
using loading::check_slug;
using loading::load_edition;
using loading::load_project;


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
