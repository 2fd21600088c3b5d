#pragma once
// Publishing: the site is written beside the output folder and swapped in
// whole, only when the build succeeded. Unchanged files are hard-linked from
// the previous output, so they keep their modification time and a deploy
// (rsync) moves only what changed; a build that changes nothing leaves the
// output folder untouched.
#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "output.h"

namespace bulletin {

struct PublishStats {
    std::size_t files = 0;      ///< files in the new output
    std::size_t bytes = 0;      ///< their total size
    std::size_t written = 0;    ///< new or changed files
    std::size_t removed = 0;    ///< files of the old output no longer produced
    bool swapped = false;       ///< false when nothing changed and the old output was kept
};

class Publisher {
public:
    /// Prepares a staging folder next to `out_dir`. Throws std::runtime_error
    /// when `out_dir` holds files that were not made by a build (it would
    /// replace them) or the staging folder cannot be made.
    explicit Publisher(std::filesystem::path out_dir);
    ~Publisher();  ///< removes the staging folder unless committed
    Publisher(const Publisher&) = delete;
    Publisher& operator=(const Publisher&) = delete;

    /// Stages one file. Thread-safe. Paths must be relative and stay inside the site.
    void put(OutputFile&& file);

    /// Swaps the staged site in (atomically, with renameat2 RENAME_EXCHANGE)
    /// and removes the old one. Files whose names start with '.' in the old
    /// output (.gitignore, .well-known) are carried over.
    PublishStats commit();

    /// True when the previous output holds `path` with exactly `bytes`.
    bool same_as_previous(const std::string& path, const std::string& bytes) const;
    /// The previous output's file at `path`, if there is one.
    std::optional<std::string> previous(const std::string& path) const;

private:
    std::filesystem::path out_;
    std::filesystem::path staging_;
    bool committed_ = false;
    mutable std::mutex mutex_;
    std::set<std::string> paths_;
    std::atomic<std::size_t> bytes_{0};
    std::atomic<std::size_t> written_{0};
};

/// True when `path` is a safe relative site path: no "..", no absolute part, no empty segment.
bool is_safe_site_path(const std::string& path);

}  // namespace bulletin
