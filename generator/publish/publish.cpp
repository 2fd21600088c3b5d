#include "publish.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <fcntl.h>
#include <sys/file.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "messages.h"
#include "parallel.h"
#include "sha256.h"

namespace fs = std::filesystem;

namespace bulletin {
namespace {

// Files of a previous build, relative, without dot-files; a link is listed
// as a file and never entered.
std::set<std::string> published_files(const fs::path& dir) {
    std::set<std::string> out;
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return out;
    files::walk(dir, {}, [&](const files::Entry& e) { out.insert(e.rel); });
    return out;
}

bool same_bytes(const fs::path& file, const std::string& bytes) {
    const auto old = files::read_if_regular(file, bytes.size());  // a size that differs is told by stat alone
    return old && *old == bytes;
}

std::string leftover_prefix(const fs::path& out) { return "." + out.filename().string() + "."; }

}  // namespace

fs::path resolve_output_folder(const fs::path& out_dir, std::string_view language) {
    fs::path out = fs::absolute(out_dir).lexically_normal();
    if (out.filename().empty()) out = out.parent_path();
    struct stat st {};
    if (::lstat(out.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
        std::error_code ec;
        const fs::path target = fs::canonical(out, ec);
        if (ec) throw std::runtime_error(say(language, Msg::out_dangling_link, out.string()));
        out = target;
    }
    if (out == out.root_path()) throw std::runtime_error(say(language, Msg::out_is_root, out.string()));
    return out;
}

OutputLock::OutputLock(const fs::path& out_dir, std::string_view language) {
    const fs::path out = resolve_output_folder(out_dir, language);
    files::make_folders(out.parent_path());
    const fs::path lock_file = out.parent_path() / (leftover_prefix(out) + "lock");
    lock_file_ = lock_file;
    for (;;) {
        fd_ = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd_ < 0) {
            throw std::runtime_error(say(language, Msg::lock_cannot_create, lock_file.string(), std::strerror(errno)));
        }
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            const int error = errno;
            std::string holder;
            char buf[32] = {};
            const ssize_t n = ::pread(fd_, buf, sizeof buf - 1, 0);
            if (n > 0) holder.assign(buf, static_cast<std::size_t>(n));
            while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
            ::close(fd_);
            fd_ = -1;
            if (error != EWOULDBLOCK) {
                throw std::runtime_error(say(language, Msg::lock_cannot_lock, lock_file.string(), std::strerror(error)));
            }
            throw std::runtime_error(say(language, Msg::lock_held, out.string(),
                                         holder.empty() ? std::string(text(Msg::lock_holder_unknown, language)) : holder,
                                         lock_file.string()));
        }
        // The holder before us removes the file as it lets go: the lock is
        // ours only if the file we locked is still the one at that name.
        struct stat locked {}, named {};
        if (::fstat(fd_, &locked) == 0 && ::stat(lock_file.c_str(), &named) == 0 && locked.st_ino == named.st_ino &&
            locked.st_dev == named.st_dev) {
            break;
        }
        ::close(fd_);
        fd_ = -1;
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
        // The pid is for the message of a build that waits on this one; the lock holds without it.
    }
    // What a killed build left beside the folder: its staging copy, or the
    // previous output it had swapped out and not yet removed. Only a build
    // holding the lock makes these, so every one found now is a leftover.
    const std::string prefix = leftover_prefix(out);
    for (const std::string& name : files::list_folder(out.parent_path())) {
        if (name.rfind(prefix, 0) != 0) continue;
        const std::string rest = name.substr(prefix.size());
        if (rest.rfind("staging-", 0) == 0 || rest.rfind("old-", 0) == 0) {
            files::remove_tree(out.parent_path() / name);
            ++leftovers_;
        }
    }
}

OutputLock::~OutputLock() {
    if (fd_ < 0) return;
    ::unlink(lock_file_.c_str());  // while still locked: see the check in the constructor
    ::close(fd_);                  // releases the lock
}

bool is_safe_site_path(const std::string& path) {
    if (path.empty() || path.front() == '/' || path.back() == '/' || path.find('\\') != std::string::npos ||
        path.find('\0') != std::string::npos) {
        return false;
    }
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        const std::string_view seg(path.data() + start, end - start);
        if (seg.empty() || seg == "." || seg == "..") return false;
        start = end + 1;
    }
    return true;
}

Publisher::Publisher(fs::path out_dir) : out_(std::move(out_dir)) {
    prepare_out();
    if (fs::exists(out_)) {
        if (!fs::is_directory(out_)) throw std::runtime_error(out_.string() + " exists and is not a folder");
        // Replace only what a build made: an empty folder or one with our manifest.
        struct stat manifest {};
        const bool has_manifest = ::stat((out_ / "manifest.json").c_str(), &manifest) == 0 && !S_ISDIR(manifest.st_mode);
        if (!has_manifest && !published_files(out_).empty()) {
            throw std::runtime_error(out_.string() +
                                     " holds files that no build made (no manifest.json); choose an empty folder");
        }
    }
    make_staging();
}

Publisher::Publisher(fs::path out_dir, Manifest previous)
    : out_(std::move(out_dir)), in_place_(true), previous_(std::move(previous)) {
    prepare_out();
    if (!fs::is_directory(out_)) throw std::runtime_error(out_.string() + " is not a folder");
    make_staging();
}

void Publisher::prepare_out() { out_ = resolve_output_folder(out_); }

void Publisher::make_staging() {
    // Beside the output, so that renames into it stay on one filesystem.
    files::make_folders(out_.parent_path());
    staging_ = out_.parent_path() / (leftover_prefix(out_) + "staging-" + std::to_string(::getpid()));
    files::remove_tree(staging_);
    files::make_folders(staging_);
}

Publisher::~Publisher() {
    if (!committed_) files::remove_tree(staging_);
}

// Makes the staging folder's folder for the site path `path` (once).
void Publisher::make_staging_folder(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) return;
    const std::string folder = path.substr(0, slash);
    {
        std::lock_guard lock(mutex_);
        if (made_folders_.count(folder)) return;
    }
    files::make_folders(staging_ / folder);
    std::lock_guard lock(mutex_);
    made_folders_.insert(folder);
}

void Publisher::put(OutputFile&& file, const std::string& sha256) {
    if (!is_safe_site_path(file.path)) throw std::logic_error("unsafe output path: " + file.path);
    {
        std::lock_guard lock(mutex_);
        if (!paths_.insert(file.path).second) throw std::logic_error("two outputs for " + file.path);
    }
    bytes_ += file.bytes.size();
    if (in_place_) {
        const auto old = previous_.find(file.path);
        if (old != previous_.end() && old->second.size == file.bytes.size() &&
            old->second.sha256 == (sha256.empty() ? sha256_hex(file.bytes) : sha256)) {
            std::lock_guard lock(mutex_);
            reused_.push_back(file.path);  // the output folder already holds these bytes
            return;
        }
    }
    make_staging_folder(file.path);
    const fs::path target = staging_ / file.path;
    if (!in_place_) {
        const fs::path old = out_ / file.path;
        if (same_bytes(old, file.bytes)) {
            try {
                files::link(old, target);
                return;
            } catch (const files::FileError&) {
                // another filesystem, too many links: the bytes are written instead
            }
        }
    }
    written_ += 1;
    files::write_new(target, file.bytes);
}

void Publisher::keep(const std::string& path) {
    if (!in_place_) throw std::logic_error("keep() without a previous manifest: " + path);
    const auto old = previous_.find(path);
    if (old == previous_.end()) throw std::logic_error("keep() of a file the previous build did not make: " + path);
    std::lock_guard lock(mutex_);
    if (!paths_.insert(path).second) throw std::logic_error("two outputs for " + path);
    reused_.push_back(path);
    bytes_ += old->second.size;
}

bool Publisher::same_as_previous(const std::string& path, const std::string& bytes) const {
    return is_safe_site_path(path) && same_bytes(out_ / path, bytes);
}

std::optional<std::string> Publisher::previous(const std::string& path) const {
    if (!is_safe_site_path(path)) return std::nullopt;
    return files::read_if_regular(out_ / path);
}

PublishStats Publisher::commit() {
    PublishStats stats;
    stats.files = paths_.size();
    stats.bytes = bytes_;
    stats.written = written_;
    if (in_place_) {
        for (const auto& [path, entry] : previous_) stats.removed += paths_.count(path) ? 0 : 1;
    } else {
        for (const std::string& f : published_files(out_)) stats.removed += paths_.count(f) ? 0 : 1;
    }
    const bool out_exists = fs::is_directory(out_);
    if (stats.written == 0 && stats.removed == 0 && out_exists) {
        files::remove_tree(staging_);
        committed_ = true;
        return stats;
    }
    // In place, the staging folder holds only the changed files: every other
    // file of the new site is linked in from the output (a link costs no
    // copy, and keeps the file's time), so the swap below is of whole sites.
    std::sort(reused_.begin(), reused_.end());
    parallel_for(reused_.size(), [&](std::size_t i) {
        make_staging_folder(reused_[i]);
        files::link(out_ / reused_[i], staging_ / reused_[i]);
    });
    if (out_exists) {
        for (const std::string& name : files::list_folder(out_)) {
            if (name[0] != '.') continue;
            fs::copy(out_ / name, staging_ / name, fs::copy_options::recursive | fs::copy_options::create_hard_links);
        }
    }
    // The new site's bytes reach the disk before the swap makes it the site,
    // so that a power cut after it cannot leave files that were never written.
    if (!std::getenv("BULLETIN_NO_SYNC")) files::sync(staging_);
    if (out_exists) {
        if (!files::exchange(staging_, out_)) {
            // Filesystems without the exchange flag: two renames, a moment apart.
            const fs::path old = out_.parent_path() / (leftover_prefix(out_) + "old-" + std::to_string(::getpid()));
            files::rename(out_, old);
            files::rename(staging_, out_);
            staging_ = old;
        }
        committed_ = true;
        files::remove_tree(staging_);  // now the previous output
    } else {
        files::rename(staging_, out_);
        committed_ = true;
    }
    const int parent = ::open(out_.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (parent >= 0) {
        ::fsync(parent);  // the swap itself on disk
        ::close(parent);
    }
    stats.swapped = true;
    return stats;
}

}  // namespace bulletin
