#include "files.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include "parallel.h"

#include <sys/inotify.h>

namespace fs = std::filesystem;

namespace bulletin::files {
namespace {

// The fault hook: per kind, the operation number that fails (0: none) and
// how many ran. Relaxed atomics: the publisher writes from every core.
constexpr std::size_t op_kinds = 5;
std::array<std::atomic<std::size_t>, op_kinds> fail_at{};
std::array<std::atomic<std::size_t>, op_kinds> done{};

// Counts one operation of `op`; true when the hook says it fails.
bool injected(testing::Op op) {
    const auto k = static_cast<std::size_t>(op);
    const std::size_t n = done[k].fetch_add(1, std::memory_order_relaxed) + 1;
    const std::size_t at = fail_at[k].load(std::memory_order_relaxed);
    return at != 0 && n == at;
}

[[noreturn]] void fail(const std::string& doing, const fs::path& path, int error) {
    throw FileError(doing + " " + path.string() + ": " + std::strerror(error), error);
}

class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }

private:
    int fd_;
};

// Reads all of fd into `out` (up to `limit` bytes, then one more to tell);
// false on a read error (errno set).
bool read_all(int fd, std::string& out, std::uint64_t limit) {
    out.clear();
    std::size_t got = 0;
    for (;;) {
        if (got == out.size()) out.resize(std::max<std::size_t>(4096, 2 * out.size()));
        const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
        if (n > 0) {
            got += static_cast<std::size_t>(n);
            if (got > limit) break;
        } else if (n == 0) {
            break;
        } else if (errno != EINTR) {
            return false;
        }
    }
    out.resize(got);
    return true;
}

void write_all(int fd, const std::string& bytes, const fs::path& file) {
    if (injected(testing::Op::write)) fail("cannot write", file, EIO);
    std::size_t done_bytes = 0;
    while (done_bytes < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done_bytes, bytes.size() - done_bytes);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("cannot write", file, errno);
        }
        done_bytes += static_cast<std::size_t>(n);
    }
}

Entry::Kind kind_of(mode_t mode) {
    if (S_ISREG(mode)) return Entry::file;
    if (S_ISDIR(mode)) return Entry::folder;
    if (S_ISLNK(mode)) return Entry::symlink;
    return Entry::other;
}

struct Walker {
    const WalkOptions& options;
    const std::function<void(const Entry&)>& fn;
    std::set<std::pair<dev_t, ino_t>> open_folders;  // the folders being walked, for loops through links

    void folder(const std::string& dir, const std::string& rel, const struct stat& own) {
        if (!open_folders.emplace(own.st_dev, own.st_ino).second) fail("a link leads back into", dir, ELOOP);
        DIR* d = ::opendir(dir.c_str());
        if (!d) fail("cannot read folder", dir, errno);
        std::vector<std::string> names;
        errno = 0;
        while (const dirent* e = ::readdir(d)) {
            const char* name = e->d_name;
            if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
            if (options.skip_dot && name[0] == '.') continue;
            names.emplace_back(name);
        }
        const int read_error = errno;
        ::closedir(d);
        if (read_error != 0) fail("cannot read folder", dir, read_error);
        std::sort(names.begin(), names.end());
        for (const std::string& name : names) {
            Entry entry;
            entry.full = dir + '/' + name;
            entry.rel = rel.empty() ? name : rel + '/' + name;
            struct stat st {};
            if (::lstat(entry.full.c_str(), &st) != 0) fail("cannot read", entry.full, errno);
            if (S_ISLNK(st.st_mode) && options.follow_links) {
                if (::stat(entry.full.c_str(), &st) != 0) fail("cannot follow the link", entry.full, errno);
                entry.via_link = true;
            }
            entry.kind = kind_of(st.st_mode);
            entry.size = static_cast<std::uint64_t>(st.st_size);
            entry.mtime_sec = st.st_mtim.tv_sec;
            entry.mtime_nsec = st.st_mtim.tv_nsec;
            entry.inode = st.st_ino;
            entry.mode = st.st_mode;
            if (entry.kind == Entry::folder) {
                if (options.folders) fn(entry);
                folder(entry.full, entry.rel, st);
            } else {
                fn(entry);
            }
        }
        open_folders.erase({own.st_dev, own.st_ino});
    }
};

}  // namespace

std::string read_file(const fs::path& file, std::uint64_t max_bytes) {
    Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) fail("cannot read", file, errno);
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) fail("cannot read", file, errno);
    if (S_ISDIR(st.st_mode)) fail("cannot read", file, EISDIR);
    if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > max_bytes) {
        throw TooLarge(file.string() + " is too large", static_cast<std::uint64_t>(st.st_size));
    }
    std::string bytes;
    if (!read_all(fd.get(), bytes, max_bytes)) fail("cannot read", file, errno);
    if (bytes.size() > max_bytes) throw TooLarge(file.string() + " is too large", bytes.size());
    return bytes;
}

std::optional<std::string> read_if_regular(const fs::path& file, std::optional<std::uint64_t> expected_size) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (expected_size && size != *expected_size) return std::nullopt;
    Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return std::nullopt;
    std::string bytes(size, '\0');
    std::size_t got = 0;
    while (got < bytes.size()) {
        const ssize_t n = ::read(fd.get(), bytes.data() + got, bytes.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    if (got != bytes.size()) return std::nullopt;
    return bytes;
}

void walk(const fs::path& root, const WalkOptions& options, const std::function<void(const Entry&)>& fn) {
    struct stat st {};
    if (::stat(root.c_str(), &st) != 0) fail("cannot read folder", root, errno);
    if (!S_ISDIR(st.st_mode)) fail("cannot read folder", root, ENOTDIR);
    Walker w{options, fn, {}};
    w.folder(root.string(), options.prefix, st);
}

std::vector<std::string> list_folder(const fs::path& dir) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) fail("cannot read folder", dir, errno);
    std::vector<std::string> names;
    errno = 0;
    while (const dirent* e = ::readdir(d)) {
        const char* name = e->d_name;
        if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
        names.emplace_back(name);
    }
    const int read_error = errno;
    ::closedir(d);
    if (read_error != 0) fail("cannot read folder", dir, read_error);
    std::sort(names.begin(), names.end());
    return names;
}

void write_new(const fs::path& file, const std::string& bytes) {
    Fd fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (fd.get() < 0) fail("cannot create", file, errno);
    write_all(fd.get(), bytes, file);
    if (::close(fd.release()) != 0) fail("cannot write", file, errno);
}

void write_atomic(const fs::path& file, const std::string& bytes) {
    const fs::path parent = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    make_folders(parent);
    fs::path temp = file;
    temp += ".tmp-" + std::to_string(::getpid());
    {
        Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (fd.get() < 0) fail("cannot create", temp, errno);
        try {
            write_all(fd.get(), bytes, temp);
            if (::fsync(fd.get()) != 0) fail("cannot write", temp, errno);
        } catch (...) {
            ::unlink(temp.c_str());
            throw;
        }
        if (::close(fd.release()) != 0) {
            const int e = errno;
            ::unlink(temp.c_str());
            fail("cannot write", temp, e);
        }
    }
    try {
        files::rename(temp, file);
    } catch (...) {
        ::unlink(temp.c_str());
        throw;
    }
    Fd dir(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0) ::fsync(dir.get());  // the rename itself on disk; a failure here loses nothing
}

void make_folders(const fs::path& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return;
    if (dir.has_parent_path() && dir.parent_path() != dir) make_folders(dir.parent_path());
    if (injected(testing::Op::mkdir)) fail("cannot create folder", dir, EIO);
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) fail("cannot create folder", dir, errno);
}

void rename(const fs::path& from, const fs::path& to) {
    if (injected(testing::Op::rename)) fail("cannot rename " + from.string() + " to", to, EIO);
    if (::rename(from.c_str(), to.c_str()) != 0) fail("cannot rename " + from.string() + " to", to, errno);
}

bool exchange(const fs::path& a, const fs::path& b) {
    if (injected(testing::Op::rename)) fail("cannot exchange " + a.string() + " and", b, EIO);
    if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return true;
    if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) return false;
    fail("cannot exchange " + a.string() + " and", b, errno);
}

void link(const fs::path& from, const fs::path& to) {
    if (injected(testing::Op::link)) fail("cannot link " + from.string() + " to", to, EIO);
    if (::link(from.c_str(), to.c_str()) != 0) fail("cannot link " + from.string() + " to", to, errno);
}

void sync(const fs::path& path) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) fail("cannot open", path, errno);
    if (::syncfs(fd.get()) != 0) fail("cannot flush", path, errno);
}

void remove_tree(const fs::path& dir) {
    std::error_code ec;
    std::vector<fs::path> entries;
    for (const auto& entry : fs::directory_iterator(dir, ec)) entries.push_back(entry.path());
    parallel_for(entries.size(), [&](std::size_t i) {
        std::error_code e;
        fs::remove_all(entries[i], e);
    });
    fs::remove_all(dir, ec);
}

int watch_folder(int inotify_fd, const fs::path& dir, std::uint32_t mask) {
    if (injected(testing::Op::watch)) fail("cannot watch folder", dir, ENOSPC);
    const int wd = ::inotify_add_watch(inotify_fd, dir.c_str(), mask);
    if (wd >= 0) return wd;
    if (errno == ENOENT || errno == ENOTDIR) return -1;
    fail("cannot watch folder", dir, errno);
}

namespace testing {

void fail_nth(Op op, std::size_t nth) {
    const auto k = static_cast<std::size_t>(op);
    done[k] = 0;
    fail_at[k] = nth;
}

void reset() {
    for (std::size_t k = 0; k < op_kinds; ++k) {
        done[k] = 0;
        fail_at[k] = 0;
    }
}

std::size_t count(Op op) { return done[static_cast<std::size_t>(op)].load(); }

}  // namespace testing

}  // namespace bulletin::files
