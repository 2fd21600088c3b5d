#pragma once
// The one file layer: every stage reads files, walks folders and writes
// through these functions. Errors are never skipped silently: a file or
// folder that cannot be read or written throws FileError naming it and the
// system's reason. Walks list names in byte order, so what a build does with
// a folder never depends on the order the filesystem happens to keep.
//
// For tests, a fault hook (files::testing) makes the Nth write, rename,
// folder creation, hard link or folder watch fail as a full disk, a pulled
// cable or the system's limit of watched folders would; nothing in the
// generator turns it on.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace bulletin::files {

/// An I/O failure: what was being done, to which path, and errno's text.
class FileError : public std::runtime_error {
public:
    FileError(const std::string& what, int error) : std::runtime_error(what), error_(error) {}
    int error() const { return error_; }

private:
    int error_;
};

/// A file larger than a reader accepts (read_file's `max_bytes`).
class TooLarge : public std::runtime_error {
public:
    TooLarge(const std::string& what, std::uint64_t size) : std::runtime_error(what), size_(size) {}
    std::uint64_t size() const { return size_; }

private:
    std::uint64_t size_;
};

/// A file's bytes. Throws FileError when it cannot be opened or read (a
/// folder reads as an error too), TooLarge when it holds more than `max_bytes`.
std::string read_file(const std::filesystem::path& file, std::uint64_t max_bytes = UINT64_MAX);

/// A regular file's bytes; nothing when it is missing, is not a regular file
/// (after following links), is not `expected_size` bytes long (when given),
/// or cannot be read whole. For callers that fall back to other work.
std::optional<std::string> read_if_regular(const std::filesystem::path& file,
                                           std::optional<std::uint64_t> expected_size = {});

/// One entry met by walk().
struct Entry {
    std::string rel;        ///< path relative to the walked root, '/'-separated (prefixed as asked)
    std::string full;       ///< path as opened
    enum Kind { file, folder, symlink, other } kind = other;
    bool via_link = false;  ///< followed through a symbolic link (follow_links only)
    std::uint64_t size = 0;
    std::int64_t mtime_sec = 0;
    std::int64_t mtime_nsec = 0;
    std::uint64_t inode = 0;
    std::uint32_t mode = 0;
};

struct WalkOptions {
    bool skip_dot = true;       ///< leave out names starting with '.' (and what is below them)
    bool follow_links = false;  ///< a link is reported as what it points to, and a linked folder entered
    bool folders = false;       ///< also call fn for each folder (before what it holds)
    std::string prefix;         ///< prepended to every rel (with '/'), e.g. the folder's own name
};

/// Calls fn for every entry below `root`, folders entered depth first, the
/// names of each folder in byte order. Without follow_links a symbolic link
/// is reported as Entry::symlink and not entered. Throws FileError when a
/// folder cannot be read, and when a followed link leads back into a folder
/// being walked (a loop) or nowhere.
void walk(const std::filesystem::path& root, const WalkOptions& options, const std::function<void(const Entry&)>& fn);

/// The names in one folder (no "." and ".."), in byte order. Throws FileError.
std::vector<std::string> list_folder(const std::filesystem::path& dir);

/// Creates `file` (which must not exist) holding `bytes`. Throws FileError.
void write_new(const std::filesystem::path& file, const std::string& bytes);

/// Replaces `file` with `bytes` atomically: a temporary file beside it is
/// written, flushed to disk, and renamed over it, and the folder flushed; a
/// reader sees the old bytes or the new, never a part. Creates parent folders.
void write_atomic(const std::filesystem::path& file, const std::string& bytes);

/// Creates `dir` and its missing parents. Throws FileError.
void make_folders(const std::filesystem::path& dir);
/// rename(2). Throws FileError.
void rename(const std::filesystem::path& from, const std::filesystem::path& to);
/// Swaps two folders atomically (renameat2 RENAME_EXCHANGE); false when the
/// filesystem cannot. Throws FileError on any other failure.
bool exchange(const std::filesystem::path& a, const std::filesystem::path& b);
/// A hard link `to` of `from`. Throws FileError.
void link(const std::filesystem::path& from, const std::filesystem::path& to);
/// Flushes the filesystem holding `path` to disk (syncfs), and `path` itself
/// when it is a folder (its entries). Throws FileError.
void sync(const std::filesystem::path& path);
/// Removes a folder tree (its top-level entries on every core); what cannot
/// be removed is left. No error when it does not exist.
void remove_tree(const std::filesystem::path& dir);

/// Watches `dir` with the inotify instance `inotify_fd` for the events in
/// `mask` (inotify_add_watch). Returns the watch descriptor, or -1 when the
/// folder is gone (removed again before it could be watched). Throws
/// FileError otherwise: ENOSPC when the system's limit of watched folders
/// (fs.inotify.max_user_watches) is reached, EACCES when it cannot be read.
int watch_folder(int inotify_fd, const std::filesystem::path& dir, std::uint32_t mask);

namespace testing {
/// Operations the fault hook can fail (a watch fails with ENOSPC, the others with EIO).
enum class Op { write, rename, mkdir, link, watch };
/// From now on the `nth` (1-based) operation of kind `op` fails with EIO; 0 turns it off.
/// Also resets the count of that kind.
void fail_nth(Op op, std::size_t nth);
/// Turns every fault off and resets the counts.
void reset();
/// How many operations of kind `op` ran since the last reset (or fail_nth of that kind).
std::size_t count(Op op);
}  // namespace testing

}  // namespace bulletin::files
