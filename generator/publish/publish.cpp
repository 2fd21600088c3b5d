#include "publish.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

#include "parallel.h"
#include "sha256.h"

namespace fs = std::filesystem;

namespace bulletin {
namespace {

bool dot_name(const fs::path& p) {
    const std::string n = p.filename().string();
    return !n.empty() && n[0] == '.';
}

// Adds the files under `dir` (relative to the root as `rel`) to `out`: no
// dot-files, no folders (a link to a folder is neither listed nor entered).
// readdir and fstatat, not std::filesystem's iterator and fs::relative: over
// the 10^5 files of a large site this took most of a rebuild's serial time.
void list_files(const std::string& dir, const std::string& rel, std::vector<std::string>& out) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) throw std::runtime_error("cannot read " + dir + ": " + std::strerror(errno));
    while (const dirent* e = ::readdir(d)) {
        const char* name = e->d_name;
        if (name[0] == '.') continue;  // ".", ".." and dot-files
        struct stat st {};
        const bool is_link_or_unknown = e->d_type == DT_LNK || e->d_type == DT_UNKNOWN;
        if (e->d_type == DT_DIR || is_link_or_unknown) {
            if (::fstatat(::dirfd(d), name, &st, is_link_or_unknown ? 0 : AT_SYMLINK_NOFOLLOW) != 0) st = {};
        }
        std::string child = rel.empty() ? std::string(name) : rel + '/' + name;
        if (!S_ISDIR(st.st_mode)) {
            out.push_back(std::move(child));
            continue;
        }
        struct stat own {};
        if (::fstatat(::dirfd(d), name, &own, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(own.st_mode)) {
            list_files(dir + '/' + name, child, out);
        }
    }
    ::closedir(d);
}

// Files of a previous build, relative, without dot-files.
std::set<std::string> published_files(const fs::path& dir) {
    std::vector<std::string> files;
    if (fs::is_directory(dir)) list_files(dir.string(), "", files);
    return std::set<std::string>(std::make_move_iterator(files.begin()), std::make_move_iterator(files.end()));
}

// Removes a folder tree, its top-level entries on every core.
void remove_tree(const fs::path& dir) {
    std::vector<fs::path> entries;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) entries.push_back(entry.path());
    parallel_for(entries.size(), [&](std::size_t i) { fs::remove_all(entries[i]); });
    fs::remove_all(dir);
}

// A regular file's bytes; nothing when it is missing, not a regular file,
// not `expected_size` bytes long (when given) or cannot be read whole.
std::optional<std::string> read_regular_file(const fs::path& file, std::optional<std::size_t> expected_size = {}) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    const auto size = static_cast<std::size_t>(st.st_size);
    if (expected_size && size != *expected_size) return std::nullopt;
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::string bytes(size, '\0');
    std::size_t got = 0;
    while (got < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (got != bytes.size()) return std::nullopt;
    return bytes;
}

bool same_bytes(const fs::path& file, const std::string& bytes) {
    const auto old = read_regular_file(file, bytes.size());  // a size that differs is told by stat alone
    return old && *old == bytes;
}

void write_new_file(const fs::path& file, const std::string& bytes) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot create " + file.string() + ": " + std::strerror(errno));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            ::close(fd);
            throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
}

}  // namespace

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

void Publisher::prepare_out() {
    out_ = fs::absolute(out_).lexically_normal();
    if (out_.filename().empty()) out_ = out_.parent_path();
    if (out_ == out_.root_path()) throw std::runtime_error("refusing to publish into " + out_.string());
}

void Publisher::make_staging() {
    // Beside the output, so that renames into it stay on one filesystem.
    fs::create_directories(out_.parent_path());
    staging_ = out_.parent_path() / ("." + out_.filename().string() + ".staging-" + std::to_string(::getpid()));
    fs::remove_all(staging_);
    fs::create_directory(staging_);
}

Publisher::~Publisher() {
    if (!committed_) {
        std::error_code ec;
        fs::remove_all(staging_, ec);
    }
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
            return;  // the file in the output folder already holds these bytes
        }
    }
    const fs::path target = staging_ / file.path;
    // Each folder is made once: create_directories walks the whole path.
    const std::size_t slash = file.path.rfind('/');
    if (slash != std::string::npos) {
        const std::string folder = file.path.substr(0, slash);
        bool made;
        {
            std::lock_guard lock(mutex_);
            made = made_folders_.count(folder) > 0;
        }
        if (!made) {
            std::error_code ec;
            fs::create_directories(target.parent_path(), ec);
            if (ec && !fs::is_directory(target.parent_path())) {
                throw std::runtime_error("cannot create " + target.parent_path().string() + ": " + ec.message());
            }
            std::lock_guard lock(mutex_);
            made_folders_.insert(folder);
        }
    }
    if (!in_place_) {
        const fs::path old = out_ / file.path;
        if (same_bytes(old, file.bytes) && ::link(old.c_str(), target.c_str()) == 0) return;
    }
    written_ += 1;
    write_new_file(target, file.bytes);
}

void Publisher::keep(const std::string& path) {
    if (!in_place_) throw std::logic_error("keep() without a previous manifest: " + path);
    const auto old = previous_.find(path);
    if (old == previous_.end()) throw std::logic_error("keep() of a file the previous build did not make: " + path);
    std::lock_guard lock(mutex_);
    if (!paths_.insert(path).second) throw std::logic_error("two outputs for " + path);
    bytes_ += old->second.size;
}

bool Publisher::same_as_previous(const std::string& path, const std::string& bytes) const {
    return is_safe_site_path(path) && same_bytes(out_ / path, bytes);
}

std::optional<std::string> Publisher::previous(const std::string& path) const {
    if (!is_safe_site_path(path)) return std::nullopt;
    return read_regular_file(out_ / path);
}

PublishStats Publisher::commit() {
    PublishStats stats;
    stats.files = paths_.size();
    stats.bytes = bytes_;
    stats.written = written_;
    if (in_place_) return commit_in_place(stats);
    const auto old_files = published_files(out_);
    for (const std::string& f : old_files) stats.removed += paths_.count(f) ? 0 : 1;

    if (stats.written == 0 && stats.removed == 0 && fs::is_directory(out_)) {
        fs::remove_all(staging_);
        committed_ = true;
        return stats;
    }
    if (fs::is_directory(out_)) {
        for (const auto& entry : fs::directory_iterator(out_)) {
            if (dot_name(entry.path())) {
                fs::copy(entry.path(), staging_ / entry.path().filename(),
                         fs::copy_options::recursive | fs::copy_options::create_hard_links);
            }
        }
        if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0) {
            // Filesystems without the exchange flag: two renames, a moment apart.
            const fs::path old = out_.parent_path() / ("." + out_.filename().string() + ".old-" + std::to_string(::getpid()));
            fs::rename(out_, old);
            fs::rename(staging_, out_);
            staging_ = old;
        }
        remove_tree(staging_);  // now the previous output
    } else {
        fs::rename(staging_, out_);
    }
    committed_ = true;
    stats.swapped = true;
    return stats;
}

PublishStats Publisher::commit_in_place(PublishStats stats) {
    std::vector<std::string> removed;
    for (const auto& [path, entry] : previous_) {
        if (!paths_.count(path)) removed.push_back(path);
    }
    stats.removed = removed.size();
    // Files no longer made go first, so a new folder may take an old file's name.
    std::set<fs::path> emptied;
    for (const std::string& path : removed) {
        const fs::path file = out_ / path;
        if (::unlink(file.c_str()) != 0 && errno != ENOENT) {
            throw std::runtime_error("cannot remove " + file.string() + ": " + std::strerror(errno));
        }
        emptied.insert(file.parent_path());
    }
    // Then every written file, renamed over its old self; manifest.json last,
    // so a folder whose manifest is new holds everything it lists.
    std::vector<std::string> staged;
    list_files(staging_.string(), "", staged);
    std::stable_partition(staged.begin(), staged.end(), [](const std::string& p) { return p != "manifest.json"; });
    for (const std::string& path : staged) {
        const fs::path target = out_ / path;
        std::error_code ec;
        fs::create_directories(target.parent_path(), ec);
        if (::rename((staging_ / path).c_str(), target.c_str()) != 0) {
            throw std::runtime_error("cannot replace " + target.string() + ": " + std::strerror(errno));
        }
    }
    // Folders left empty by the removals (a removed project's), up to the root.
    for (auto it = emptied.rbegin(); it != emptied.rend(); ++it) {
        for (fs::path dir = *it; dir != out_ && dir.string().size() > out_.string().size(); dir = dir.parent_path()) {
            if (::rmdir(dir.c_str()) != 0) break;  // not empty (or already gone)
        }
    }
    fs::remove_all(staging_);
    committed_ = true;
    stats.swapped = stats.written > 0 || stats.removed > 0;
    return stats;
}

}  // namespace bulletin
