#pragma once
// Publishing: the site is written beside the output folder and swapped in
// whole, only when the build succeeded. Unchanged files are hard-linked from
// the previous output, so they keep their modification time and a deploy
// (rsync) moves only what changed; a build that changes nothing leaves the
// output folder untouched.
//
// When the output folder is known to be exactly what the previous build
// wrote (its listing matches the build stamp, build_stamp.h), that build's
// manifest says what every file holds, and the publisher updates the folder
// in place instead: changed files are written beside it first, then renamed
// over the old ones, and files no longer made are removed. Unchanged files
// cost nothing, and a file a build reuses (keep) is not even rendered. A
// build that fails before commit() leaves the folder as it was either way.
#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_set>
#include <string>

#include "manifest.h"
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
    /// Updates `out_dir` in place; `previous` is the manifest of the build
    /// that wrote it, which must describe it exactly (see above).
    Publisher(std::filesystem::path out_dir, Manifest previous);
    ~Publisher();  ///< removes the staging folder unless committed
    Publisher(const Publisher&) = delete;
    Publisher& operator=(const Publisher&) = delete;

    /// Stages one file. Thread-safe. Paths must be relative and stay inside the site.
    /// `sha256` is the hex digest of its bytes when the caller has it.
    void put(OutputFile&& file, const std::string& sha256 = {});

    /// In place (second constructor) only: the previous output's file at
    /// `path` stays as it is, part of the new output. Thread-safe.
    void keep(const std::string& path);
    bool in_place() const { return in_place_; }

    /// Swaps the staged site in (atomically, with renameat2 RENAME_EXCHANGE)
    /// and removes the old one. Files whose names start with '.' in the old
    /// output (.gitignore, .well-known) are carried over.
    PublishStats commit();

    /// True when the previous output holds `path` with exactly `bytes`.
    bool same_as_previous(const std::string& path, const std::string& bytes) const;
    /// The previous output's file at `path`, if there is one.
    std::optional<std::string> previous(const std::string& path) const;

private:
    void prepare_out();
    void make_staging();
    PublishStats commit_in_place(PublishStats stats);

    std::filesystem::path out_;
    std::filesystem::path staging_;
    bool in_place_ = false;
    Manifest previous_;  // in place: the previous build's files (manifest.json aside)
    bool committed_ = false;
    mutable std::mutex mutex_;
    std::set<std::string> paths_;
    std::unordered_set<std::string> made_folders_;  // in the staging folder
    std::atomic<std::size_t> bytes_{0};
    std::atomic<std::size_t> written_{0};
};

/// True when `path` is a safe relative site path: no "..", no absolute part, no empty segment.
bool is_safe_site_path(const std::string& path);

}  // namespace bulletin
