#pragma once
// Publishing: the site is written beside the output folder and swapped in
// whole, only when the build succeeded. Unchanged files are hard-linked from
// the previous output, so they keep their modification time and a deploy
// (rsync) moves only what changed; a build that changes nothing leaves the
// output folder untouched.
//
// When the output folder is known to be exactly what the previous build
// wrote (its listing matches the build stamp, build_stamp.h), that build's
// manifest says what every file holds, and the publisher updates it
// incrementally: only changed files are written into the staging folder,
// every other file is hard-linked there from the output at commit, and the
// staging folder is swapped in whole as above. A file a build reuses (keep)
// is not even rendered. Whatever stops a build — an error, a full disk, a
// kill, a power cut — the output folder is the whole old site or the whole
// new one; the next build removes what a killed one left beside it.
//
// A symbolic link given as the output folder is followed: its target is
// updated, the link stays. One build at a time per output folder
// (OutputLock).
#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_set>
#include <string>
#include <vector>

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

    /// Swaps the staged site in (atomically, with renameat2 RENAME_EXCHANGE,
    /// after flushing it to disk) and removes the old one. Files whose names
    /// start with '.' at the top of the old output (.gitignore, .well-known)
    /// are carried over.
    PublishStats commit();

    /// True when the previous output holds `path` with exactly `bytes`.
    bool same_as_previous(const std::string& path, const std::string& bytes) const;
    /// The previous output's file at `path`, if there is one.
    std::optional<std::string> previous(const std::string& path) const;

private:
    void prepare_out();
    void make_staging();
    void make_staging_folder(const std::string& path);

    std::filesystem::path out_;
    std::filesystem::path staging_;
    bool in_place_ = false;
    Manifest previous_;  // in place: the previous build's files (manifest.json aside)
    bool committed_ = false;
    mutable std::mutex mutex_;
    std::set<std::string> paths_;
    std::vector<std::string> reused_;  // in place: files of the output that stay as they are
    std::unordered_set<std::string> made_folders_;  // in the staging folder
    std::atomic<std::size_t> bytes_{0};
    std::atomic<std::size_t> written_{0};
};

/// The folder a build writes: `out_dir` made absolute, a symbolic link
/// followed to its target. Throws when that is the filesystem's root or a
/// link that leads nowhere (the message in `language`, the site's).
std::filesystem::path resolve_output_folder(const std::filesystem::path& out_dir, std::string_view language = "zh-CN");

/// One build per output folder: a lock file beside it (".<name>.lock",
/// holding the builder's pid, removed when the build ends), locked with
/// flock, so a build that dies releases it with its last breath and the next
/// build takes over the file it left.
/// Taking the lock also removes the staging and old copies that a killed
/// build left beside the folder. Throws std::runtime_error (naming the pid
/// that holds the lock, in `language`) when another build of this folder is
/// running.
class OutputLock {
public:
    explicit OutputLock(const std::filesystem::path& out_dir, std::string_view language = "zh-CN");
    ~OutputLock();
    OutputLock(const OutputLock&) = delete;
    OutputLock& operator=(const OutputLock&) = delete;
    std::size_t leftovers_removed() const { return leftovers_; }

private:
    int fd_ = -1;
    std::filesystem::path lock_file_;
    std::size_t leftovers_ = 0;
};

/// True when `path` is a safe relative site path: no "..", no absolute part, no empty segment.
bool is_safe_site_path(const std::string& path);

}  // namespace bulletin
