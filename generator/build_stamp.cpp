#include "build_stamp.h"

#include <algorithm>
#include <dirent.h>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>


#include "parallel.h"
#include "sha256.h"

namespace fs = std::filesystem;

namespace bulletin {
namespace {

// SHA-256 of a file's bytes; empty when it cannot be read.
std::string hash_file(const std::string& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    thread_local std::string bytes;
    bytes.clear();
    for (;;) {
        const std::size_t have = bytes.size();
        bytes.resize(have + (1 << 16));
        const ssize_t n = ::read(fd, bytes.data() + have, 1 << 16);
        bytes.resize(have + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
        if (n < 0) {
            ::close(fd);
            return {};
        }
        if (n == 0) break;
    }
    ::close(fd);
    Sha256 sha;
    sha.add(bytes);
    return sha.hex();
}

// Every entry below `dir` (recursively, directories themselves left out):
// fn(path relative to the root, lstat of it). Names starting with '.' are
// skipped when `skip_dot`. Much cheaper than std::filesystem's iterator
// and fs::relative over 10^5 files. False when a folder cannot be read.
template <typename Fn>
bool walk(const std::string& dir, const std::string& rel, bool skip_dot, Fn& fn) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) return false;
    bool ok = true;
    while (const dirent* e = ::readdir(d)) {
        const char* name = e->d_name;
        if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
        if (skip_dot && name[0] == '.') continue;
        struct stat st {};
        if (::fstatat(::dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            ok = false;
            break;
        }
        std::string child_rel = rel.empty() ? std::string(name) : rel + '/' + name;
        if (S_ISDIR(st.st_mode)) {
            if (!walk(dir + '/' + name, child_rel, skip_dot, fn)) {
                ok = false;
                break;
            }
        } else {
            fn(child_rel, st);
        }
    }
    ::closedir(d);
    return ok;
}

}  // namespace

std::string hash_inputs(const std::vector<std::string>& settings, const std::vector<fs::path>& roots) {
    Sha256 sha;
    sha.add_field("bulletin-stamp 2");
    for (const std::string& s : settings) sha.add_field(s);
    const std::string self = hash_file("/proc/self/exe");
    if (self.empty()) return {};  // cannot tell which generator this is: never skip
    sha.add_field(self);
    for (const fs::path& root : roots) {
        const std::string base = root.string();
        sha.add_field(base);
        std::vector<std::string> files;  // relative paths of regular files (symlinks to files count as files)
        auto collect = [&](const std::string& rel, const struct stat& st) {
            struct stat target {};
            if (S_ISREG(st.st_mode) || (S_ISLNK(st.st_mode) && ::stat((base + '/' + rel).c_str(), &target) == 0 &&
                                        S_ISREG(target.st_mode))) {
                files.push_back(rel);
            }
        };
        struct stat st {};
        if (::stat(base.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && !walk(base, "", false, collect)) return {};
        std::sort(files.begin(), files.end());
        std::vector<std::string> digests(files.size());
        parallel_for(files.size(), [&](std::size_t i) { digests[i] = hash_file(base + '/' + files[i]); });
        for (std::size_t i = 0; i < files.size(); ++i) {
            if (digests[i].empty()) return {};
            sha.add_field(files[i]);
            sha.add_field(digests[i]);
        }
    }
    return sha.hex();
}

std::string hash_output_listing(const fs::path& out_dir) {
    std::vector<std::string> rows;
    auto add = [&](const std::string& rel, const struct stat& st) {
        rows.push_back(rel + '\0' + std::to_string(st.st_size) + ' ' + std::to_string(st.st_mtim.tv_sec) + '.' +
                       std::to_string(st.st_mtim.tv_nsec) + ' ' + std::to_string(st.st_ino) + ' ' +
                       std::to_string(st.st_mode));
    };
    struct stat st {};
    if (::stat(out_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || !walk(out_dir.string(), "", true, add)) return {};
    std::sort(rows.begin(), rows.end());
    Sha256 sha;
    for (const std::string& r : rows) sha.add_field(r);
    return sha.hex();
}

fs::path stamp_path(const fs::path& out_dir) {
    fs::path cache;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
        cache = xdg;
    } else if (const char* home = std::getenv("HOME"); home && *home == '/') {
        cache = fs::path(home) / ".cache";
    } else {
        return {};
    }
    fs::path out = fs::absolute(out_dir).lexically_normal();
    if (out.filename().empty()) out = out.parent_path();
    Sha256 name;
    name.add(out.string());
    return cache / "bulletin" / "stamps" / name.hex();
}

std::optional<BuildStamp> read_stamp(const fs::path& file) {
    if (file.empty()) return std::nullopt;
    std::ifstream in(file);
    std::string magic;
    BuildStamp s;
    if (!(in >> magic >> s.inputs >> s.outputs >> s.editions >> s.projects >> s.files >> s.bytes) ||
        magic != "bulletin-stamp-1") {
        return std::nullopt;
    }
    if (s.inputs.empty() || s.outputs.empty()) return std::nullopt;
    return s;
}

void write_stamp(const fs::path& file, const BuildStamp& s) {
    if (file.empty()) return;
    std::error_code ec;
    if (s.inputs.empty() || s.outputs.empty()) {
        fs::remove(file, ec);
        return;
    }
    fs::create_directories(file.parent_path(), ec);
    const fs::path tmp = file.string() + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "bulletin-stamp-1\n" << s.inputs << "\n" << s.outputs << "\n" << s.editions << " " << s.projects << " "
            << s.files << " " << s.bytes << "\n";
        if (!out) {
            fs::remove(tmp, ec);
            return;
        }
    }
    fs::rename(tmp, file, ec);
    if (ec) fs::remove(tmp, ec);
}

}  // namespace bulletin
