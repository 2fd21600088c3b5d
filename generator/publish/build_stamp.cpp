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

// Relative paths of the regular files under `base` (symlinks to files count
// as files), sorted, with their SHA-256; false when something cannot be read.
bool hash_tree(const std::string& base, std::vector<std::pair<std::string, std::string>>& out) {
    std::vector<std::string> files;
    auto collect = [&](const std::string& rel, const struct stat& st) {
        struct stat target {};
        if (S_ISREG(st.st_mode) ||
            (S_ISLNK(st.st_mode) && ::stat((base + '/' + rel).c_str(), &target) == 0 && S_ISREG(target.st_mode))) {
            files.push_back(rel);
        }
    };
    struct stat st {};
    if (::stat(base.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && !walk(base, "", false, collect)) return false;
    std::sort(files.begin(), files.end());
    std::vector<std::string> digests(files.size());
    parallel_for(files.size(), [&](std::size_t i) { digests[i] = hash_file(base + '/' + files[i]); });
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (digests[i].empty()) return false;
        out.emplace_back(std::move(files[i]), std::move(digests[i]));
    }
    return true;
}

}  // namespace

InputKeys hash_inputs(const std::vector<std::string>& settings, const fs::path& content,
                      const std::vector<fs::path>& other_roots) {
    InputKeys keys;
    Sha256 global;
    global.add_field("bulletin-stamp 3");
    for (const std::string& s : settings) global.add_field(s);
    const std::string self = hash_file("/proc/self/exe");
    if (self.empty()) return {};  // cannot tell which generator this is: never skip or reuse
    global.add_field(self);
    for (const fs::path& root : other_roots) {
        std::vector<std::pair<std::string, std::string>> files;
        if (!hash_tree(root.string(), files)) return {};
        global.add_field(root.string());
        for (const auto& [rel, digest] : files) {
            global.add_field(rel);
            global.add_field(digest);
        }
    }
    std::vector<std::pair<std::string, std::string>> files;
    if (!hash_tree(content.string(), files)) return {};
    // Files at the top of the content folder belong to every page; the rest
    // to the folder they are in (paths are sorted, so each folder's files are
    // contiguous).
    global.add_field(content.string());
    for (const auto& [rel, digest] : files) {
        if (rel.find('/') != std::string::npos) continue;
        global.add_field(rel);
        global.add_field(digest);
    }
    keys.global = global.hex();
    std::map<std::string, Sha256> folders;
    for (const auto& [rel, digest] : files) {
        const std::size_t slash = rel.find('/');
        if (slash == std::string::npos) continue;
        auto [it, fresh] = folders.try_emplace(rel.substr(0, slash));
        if (fresh) it->second.add_field(keys.global);
        it->second.add_field(rel);
        it->second.add_field(digest);
    }
    Sha256 all;
    all.add_field(keys.global);
    for (auto& [name, sha] : folders) {
        keys.folders[name] = sha.hex();
        all.add_field(name);
        all.add_field(keys.folders[name]);
    }
    keys.all = all.hex();
    return keys;
}

std::string hash_output_listing(const fs::path& out_dir) {
    auto row = [](const std::string& rel, const struct stat& st) {
        return rel + '\0' + std::to_string(st.st_size) + ' ' + std::to_string(st.st_mtim.tv_sec) + '.' +
               std::to_string(st.st_mtim.tv_nsec) + ' ' + std::to_string(st.st_ino) + ' ' + std::to_string(st.st_mode);
    };
    struct stat st {};
    if (::stat(out_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return {};
    // The top-level files here, each top-level folder on a core of its own:
    // the stat calls are the cost (10^5 files at 100,000 projects).
    std::vector<std::string> rows;
    std::vector<std::string> folders;
    auto top = [&](const std::string& rel, const struct stat& entry) { rows.push_back(row(rel, entry)); };
    const std::string root = out_dir.string();
    DIR* d = ::opendir(root.c_str());
    if (!d) return {};
    while (const dirent* e = ::readdir(d)) {
        if (e->d_name[0] == '.') continue;  // ".", ".." and dot-files
        struct stat entry {};
        if (::fstatat(::dirfd(d), e->d_name, &entry, AT_SYMLINK_NOFOLLOW) != 0) {
            ::closedir(d);
            return {};
        }
        if (S_ISDIR(entry.st_mode)) {
            folders.emplace_back(e->d_name);
        } else {
            top(e->d_name, entry);
        }
    }
    ::closedir(d);
    std::vector<std::vector<std::string>> below(folders.size());
    std::vector<char> ok(folders.size(), 1);
    parallel_for(folders.size(), [&](std::size_t i) {
        auto add = [&](const std::string& rel, const struct stat& entry) { below[i].push_back(row(rel, entry)); };
        ok[i] = walk(root + '/' + folders[i], folders[i], true, add);
    });
    for (std::size_t i = 0; i < folders.size(); ++i) {
        if (!ok[i]) return {};
        rows.insert(rows.end(), std::make_move_iterator(below[i].begin()), std::make_move_iterator(below[i].end()));
    }
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

// The stamp file: a magic line, then "key value" lines; "folder NAME KEY"
// once per content folder. Names never hold spaces or newlines (edition ids
// are folder names checked by the loader; an odd name only costs its reuse).
std::optional<BuildStamp> read_stamp(const fs::path& file) {
    if (file.empty()) return std::nullopt;
    std::ifstream in(file);
    std::string line;
    if (!std::getline(in, line) || line != "bulletin-stamp-3") return std::nullopt;
    BuildStamp s;
    while (std::getline(in, line)) {
        std::istringstream row(line);
        std::string key;
        row >> key;
        if (key == "inputs") row >> s.inputs;
        else if (key == "outputs") row >> s.outputs;
        else if (key == "global") row >> s.global;
        else if (key == "counts") row >> s.editions >> s.projects >> s.files >> s.bytes;
        else if (key == "folder") {
            std::string name, value;
            if (row >> name >> value) s.folders[name] = value;
        }
    }
    if (s.inputs == "-") s.inputs.clear();
    if (s.outputs.empty()) return std::nullopt;
    return s;
}

void write_stamp(const fs::path& file, const BuildStamp& s) {
    if (file.empty()) return;
    std::error_code ec;
    if (s.outputs.empty() || s.global.empty()) {
        fs::remove(file, ec);
        return;
    }
    fs::create_directories(file.parent_path(), ec);
    const fs::path tmp = file.string() + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "bulletin-stamp-3\n"
            << "inputs " << (s.inputs.empty() ? "-" : s.inputs) << "\n"
            << "outputs " << s.outputs << "\n"
            << "counts " << s.editions << " " << s.projects << " " << s.files << " " << s.bytes << "\n"
            << "global " << s.global << "\n";
        for (const auto& [name, key] : s.folders) {
            if (name.find_first_of(" \t\r\n") == std::string::npos) out << "folder " << name << " " << key << "\n";
        }
        if (!out) {
            fs::remove(tmp, ec);
            return;
        }
    }
    fs::rename(tmp, file, ec);
    if (ec) fs::remove(tmp, ec);
}

}  // namespace bulletin
