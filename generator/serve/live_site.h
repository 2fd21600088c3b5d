#pragma once
// The site as `bulletin serve` holds it: built in memory (never on disk),
// drafts included, and rebuilt after a change with the pipeline's own
// machinery. The loader's cache (LoadCache) keeps every project file as it
// was parsed, and the new site shares those unchanged projects with the one
// before (Site::projects holds them by shared pointer); every edition whose
// folder, the top-level content files and the theme are unchanged keeps its
// files as they were (RenderOptions::reuse_edition: the same group of files,
// shared, not copied), so a change to one project renders that project's
// page, its neighbours', its edition's and the site-wide ones only. While the
// content has errors the last good site stays, with the errors beside it.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "build.h"
#include "diagnostics.h"
#include "load_site.h"
#include "model.h"
#include "theme.h"

namespace bulletin::serve {

/// One built site: its files, shared so a rebuild copies pointers, not bytes.
/// The feed, the sitemap, the open data, the search index and manifest.json
/// are made when first asked for: a page reload needs none of them. Images
/// and attachments are read from the content folder when asked for.
class Snapshot {
public:
    using Bytes = std::shared_ptr<const std::string>;
    using Files = std::map<std::string, Bytes>;  ///< path relative to the site root → bytes

    /// The files by the manifest's group (site_map::manifest_group: an
    /// edition's id, or "site"). A rebuild shares the group of every edition
    /// it did not render again with the snapshot before.
    std::map<std::string, std::shared_ptr<const Files>> groups;
    std::vector<std::string> ids;  ///< the editions' ids, for the groups
    std::shared_ptr<const Site> site;
    std::shared_ptr<const Theme> theme;

    /// The file at `path`, building the search index or the manifest if that is what is asked.
    Bytes find(const std::string& path) const;
    /// Every file a rebuild made or kept (not those made when asked for).
    Files files() const;

private:
    Bytes static_file(const std::string& path) const;
    Bytes open_data(const std::string& path) const;
    void make_feeds() const;
    void make_lazy() const;
    mutable std::once_flag feeds_once_;
    mutable std::map<std::string, Bytes> feeds_;
    mutable std::once_flag lazy_once_;
    mutable std::map<std::string, Bytes> lazy_;
    mutable std::mutex data_mutex_;
    mutable std::map<std::string, Bytes> data_;  // each edition's open data, once asked for
};

/// What one rebuild did, for the log line and the benchmark.
struct RebuildStats {
    bool ok = false;
    std::size_t editions_rendered = 0;
    std::size_t editions = 0;
    std::size_t files_made = 0;
    double seconds = 0;
};

/// The state after a rebuild, taken as a whole (a request reads one state,
/// never half of two).
struct LiveState {
    std::uint64_t generation = 0;  ///< counts rebuilds; pages carry it so they know when they are stale
    std::shared_ptr<const Snapshot> snapshot;  ///< the last good site (null before there was one)
    std::shared_ptr<const Diagnostics> diags = std::make_shared<const Diagnostics>();  ///< of the last rebuild
    std::string language = "zh-CN";  ///< the site's language (from the last site.toml read), for messages
};

class LiveSite {
public:
    /// `options.content_dir` and `options.themes_dir` are read; drafts are always shown.
    explicit LiveSite(BuildOptions options);

    /// Builds after the files `changed` (absolute or as given; empty on the
    /// first build: everything). Safe to call while other threads read.
    RebuildStats rebuild(const std::vector<std::filesystem::path>& changed);

    LiveState state() const;
    /// The last good site (null before the content was ever free of errors).
    std::shared_ptr<const Snapshot> snapshot() const;
    /// The problems of the last rebuild (errors and warnings).
    std::shared_ptr<const Diagnostics> diagnostics() const;
    bool has_errors() const;
    /// The site's language (from the last site.toml read), for messages.
    std::string language() const;
    /// Counts rebuilds; pages carry it so they know when they are stale.
    std::uint64_t generation() const;

    /// The folders to watch: the content folder, the theme in use and the
    /// site's own layouts/ (when there is one).
    std::vector<std::filesystem::path> watched_roots() const;

    /// True for a file name an editor writes beside a file while saving it
    /// (.swp, ~, dot-files): changes to those are not worth a rebuild.
    static bool is_scratch_name(const std::string& name);

private:
    BuildOptions options_;
    std::filesystem::path content_abs_;
    std::filesystem::path layouts_abs_;
    std::shared_ptr<LoadCache> cache_ = make_load_cache();  // parsed project files, kept between rebuilds
    mutable std::mutex mutex_;  // guards the fields below
    LiveState state_;
    std::filesystem::path theme_dir_;
    std::mutex rebuild_mutex_;  // one rebuild at a time
    // Changes not yet in a good build: everything, editions' folders (their
    // _index.md, a folder made or removed), or only project files of an edition.
    bool dirty_all_ = true;
    std::set<std::string> dirty_folders_;
    std::set<std::string> dirty_projects_;
};

}  // namespace bulletin::serve
