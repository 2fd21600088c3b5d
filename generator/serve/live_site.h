#pragma once
// The site as `bulletin serve` holds it: built in memory (never on disk),
// drafts included, and rebuilt after a change with the pipeline's own
// machinery: every edition whose folder, the top-level content files and the
// theme are unchanged keeps its pages and open data (RenderOptions::
// reuse_edition), so a change to one project renders that edition's pages and
// the site-wide ones only. While the content has errors the last good site
// stays, with the errors beside it.
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
/// The feed, the sitemap, the search index and manifest.json are made when
/// first asked for: a page reload needs none of them.
class Snapshot {
public:
    using Bytes = std::shared_ptr<const std::string>;

    std::map<std::string, Bytes> files;  ///< path relative to the site root → bytes
    std::shared_ptr<const Site> site;
    std::shared_ptr<const Theme> theme;

    /// The file at `path`, building the search index or the manifest if that is what is asked.
    Bytes find(const std::string& path) const;

private:
    void make_feeds() const;
    void make_lazy() const;
    mutable std::once_flag feeds_once_;
    mutable std::map<std::string, Bytes> feeds_;
    mutable std::once_flag lazy_once_;
    mutable std::map<std::string, Bytes> lazy_;
};

/// What one rebuild did, for the log line and the benchmark.
struct RebuildStats {
    bool ok = false;
    std::size_t editions_rendered = 0;
    std::size_t editions = 0;
    std::size_t files_made = 0;
    double seconds = 0;
};

class LiveSite {
public:
    /// `options.content_dir` and `options.themes_dir` are read; drafts are always shown.
    explicit LiveSite(BuildOptions options);

    /// Builds after the files `changed` (absolute or as given; empty on the
    /// first build: everything). Safe to call while other threads read.
    RebuildStats rebuild(const std::vector<std::filesystem::path>& changed);

    /// The last good site (null before the content was ever free of errors).
    std::shared_ptr<const Snapshot> snapshot() const;
    /// The problems of the last rebuild (errors and warnings).
    Diagnostics diagnostics() const;
    bool has_errors() const;
    /// The site's language (from the last site.toml read), for messages.
    std::string language() const;
    /// Counts rebuilds; pages carry it so they know when they are stale.
    std::uint64_t generation() const;

    /// The folders to watch: the content folder and the theme in use.
    std::vector<std::filesystem::path> watched_roots() const;

    /// True for a file name an editor writes beside a file while saving it
    /// (.swp, ~, dot-files): changes to those are not worth a rebuild.
    static bool is_scratch_name(const std::string& name);

private:
    BuildOptions options_;
    std::filesystem::path content_abs_;
    std::shared_ptr<LoadCache> cache_ = make_load_cache();  // parsed project files, kept between rebuilds
    mutable std::mutex mutex_;  // guards the fields below
    std::shared_ptr<const Snapshot> snapshot_;
    Diagnostics diags_;
    std::string language_ = "zh-CN";
    std::uint64_t generation_ = 0;
    std::filesystem::path theme_dir_;
    std::mutex rebuild_mutex_;  // one rebuild at a time
    // Changes not yet in a good build: everything, editions' folders (their
    // _index.md, a folder made or removed), or only project files of an edition.
    bool dirty_all_ = true;
    std::set<std::string> dirty_folders_;
    std::set<std::string> dirty_projects_;
};

}  // namespace bulletin::serve
