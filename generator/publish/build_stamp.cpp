#include "build_stamp.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>


#include "files.h"
#include "parallel.h"
#include "sha256.h"

namespace fs = std::filesystem;

namespace bulletin {
namespace {

// SHA-256 of a file's bytes; empty when it cannot be read.
std::string hash_file(const std::string& file) {
    try {
        Sha256 sha;
        sha.add(files::read_file(file));
        return sha.hex();
    } catch (const std::exception&) {
        return {};
    }
}

// Relative paths of the files under `base`, sorted, with their SHA-256;
// false when something cannot be read. Links are followed, to files and to
// folders alike, as the loader follows them: a linked edition folder is
// hashed like one of its own, so the record sees every change made in it.
bool hash_tree(const std::string& base, std::vector<std::pair<std::string, std::string>>& out) {
    std::vector<std::string> found;
    struct stat st {};
    if (::stat(base.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
        try {
            files::WalkOptions options;
            options.skip_dot = false;
            options.follow_links = true;
            files::walk(base, options, [&](const files::Entry& e) {
                if (e.kind == files::Entry::file) found.push_back(e.rel);
            });
        } catch (const files::FileError&) {
            return false;
        }
    }
    std::vector<std::string> digests(found.size());
    parallel_for(found.size(), [&](std::size_t i) { digests[i] = hash_file(base + '/' + found[i]); });
    for (std::size_t i = 0; i < found.size(); ++i) {
        if (digests[i].empty()) return false;
        out.emplace_back(std::move(found[i]), std::move(digests[i]));
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
    auto row = [](const files::Entry& e) {
        return e.rel + '\0' + std::to_string(e.size) + ' ' + std::to_string(e.mtime_sec) + '.' +
               std::to_string(e.mtime_nsec) + ' ' + std::to_string(e.inode) + ' ' + std::to_string(e.mode);
    };
    struct stat st {};
    if (::stat(out_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return {};
    // The top-level files here, each top-level folder on a core of its own:
    // the stat calls are the cost (10^5 files at 100,000 projects).
    std::vector<std::string> rows;
    std::vector<std::string> folders;
    try {
        for (const std::string& name : files::list_folder(out_dir)) {
            if (name[0] == '.') continue;  // dot-files
            struct stat entry {};
            const fs::path full = out_dir / name;
            if (::lstat(full.c_str(), &entry) != 0) return {};
            if (S_ISDIR(entry.st_mode)) {
                folders.push_back(name);
            } else {
                files::Entry e;
                e.rel = name;
                e.size = static_cast<std::uint64_t>(entry.st_size);
                e.mtime_sec = entry.st_mtim.tv_sec;
                e.mtime_nsec = entry.st_mtim.tv_nsec;
                e.inode = entry.st_ino;
                e.mode = entry.st_mode;
                rows.push_back(row(e));
            }
        }
    } catch (const files::FileError&) {
        return {};
    }
    std::vector<std::vector<std::string>> below(folders.size());
    std::vector<char> ok(folders.size(), 1);
    parallel_for(folders.size(), [&](std::size_t i) {
        files::WalkOptions options;
        options.prefix = folders[i];
        try {
            files::walk(out_dir / folders[i], options, [&](const files::Entry& e) { below[i].push_back(row(e)); });
        } catch (const files::FileError&) {
            ok[i] = 0;
        }
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
    std::istringstream in(files::read_if_regular(file).value_or(""));
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
    std::ostringstream out;
    out << "bulletin-stamp-3\n"
        << "inputs " << (s.inputs.empty() ? "-" : s.inputs) << "\n"
        << "outputs " << s.outputs << "\n"
        << "counts " << s.editions << " " << s.projects << " " << s.files << " " << s.bytes << "\n"
        << "global " << s.global << "\n";
    for (const auto& [name, key] : s.folders) {
        if (name.find_first_of(" \t\r\n") == std::string::npos) out << "folder " << name << " " << key << "\n";
    }
    try {
        files::write_atomic(file, out.str());
    } catch (const std::exception&) {
        fs::remove(file, ec);  // no record is safe: the next build makes everything
    }
}

}  // namespace bulletin
