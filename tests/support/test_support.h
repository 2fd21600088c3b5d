#pragma once
// Helpers shared by the tests: temporary folders, writing and reading files
// and whole trees, running the CLI, and reading the text of built HTML.
#include <sys/stat.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace test {

namespace fs = std::filesystem;

/// The repository root and the built CLI, from tests/CMakeLists.txt.
inline fs::path source_dir() { return BULLETIN_SOURCE_DIR; }
inline fs::path cli_binary() { return BULLETIN_BINARY; }
inline fs::path themes_dir() { return source_dir() / "themes"; }

/// A fresh folder under the system temp folder, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "bulletin-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return path_; }
    fs::path operator/(const fs::path& rel) const { return path_ / rel; }

private:
    fs::path path_;
};

/// Writes `bytes` exactly (binary), creating parent folders.
inline void write_file(const fs::path& file, std::string_view bytes) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + file.string());
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Every regular file under `dir`: relative path ('/') → bytes.
using Tree = std::map<std::string, std::string>;

inline Tree read_tree(const fs::path& dir) {
    Tree tree;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) tree[fs::relative(entry.path(), dir).generic_string()] = read_file(entry.path());
    }
    return tree;
}

/// What tells a file that was left alone from one written again: its inode
/// and its modification time to the nanosecond.
struct Stamp {
    ino_t inode = 0;
    long long mtime_ns = 0;
    bool operator==(const Stamp&) const = default;
};

inline std::map<std::string, Stamp> stamps(const fs::path& dir) {
    std::map<std::string, Stamp> out;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        struct stat st {};
        if (::lstat(entry.path().c_str(), &st) != 0) throw std::runtime_error("stat " + entry.path().string());
        out[fs::relative(entry.path(), dir).generic_string()] =
            Stamp{st.st_ino, static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
    }
    return out;
}

/// Sets every file's modification time to one fixed moment long past, so a
/// file written again afterwards is told apart without any timing.
inline void age_files(const fs::path& dir) {
    const auto past = fs::file_time_type::clock::now() - std::chrono::hours(24 * 365 * 5);
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) fs::last_write_time(entry.path(), past);
    }
}

inline std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct CommandResult {
    int status = -1;  ///< the exit status, or -1 when the process did not exit normally
    std::string out;
    std::string err;
};

/// Runs the bulletin CLI with `args` (already quoted where needed) in `cwd`.
inline CommandResult run_cli(const std::string& args, const fs::path& cwd) {
    TempDir capture;
    const fs::path out = capture / "stdout";
    const fs::path err = capture / "stderr";
    const std::string command = "cd " + shell_quote(cwd.string()) + " && " + shell_quote(cli_binary().string()) +
                                " " + args + " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string());
    const int raw = std::system(command.c_str());
    CommandResult r;
    r.status = (raw != -1 && WIFEXITED(raw)) ? WEXITSTATUS(raw) : -1;
    r.out = fs::exists(out) ? read_file(out) : "";
    r.err = fs::exists(err) ? read_file(err) : "";
    return r;
}

/// A small valid content tree: site.toml, three departments and an empty
/// 2022 edition. Tests add project files (and break things) on top.
inline void write_minimal_site(const fs::path& content) {
    write_file(content / "site.toml",
               "title = \"测试通报\"\n"
               "base_url = \"https://www.example.gov.cn/bulletin/\"\n"
               "publisher = \"测试区纪委区监委\"\n");
    write_file(content / "departments.toml",
               "[[department]]\n"
               "slug = \"fagai\"\n"
               "name = \"区发改局\"\n"
               "\n"
               "[[department]]\n"
               "slug = \"jiaoyu\"\n"
               "name = \"区教育局\"\n"
               "\n"
               "[[department]]\n"
               "slug = \"zhujian\"\n"
               "name = \"区住建局\"\n");
    write_file(content / "2022" / "_index.md",
               "+++\n"
               "title = \"专项治理工作成果\"\n"
               "year = 2022\n"
               "published = 2023-01-20\n"
               "+++\n"
               "前言。\n");
}

/// A project file with the given front-matter lines (one per entry) and body.
inline std::string project_file(const std::vector<std::string>& fields, const std::string& body = "正文。\n") {
    std::string s = "+++\n";
    for (const std::string& f : fields) s += f + "\n";
    return s + "+++\n" + body;
}

/// `&amp;` `&lt;` `&gt;` `&quot;` `&#39;` back to characters.
inline std::string decode_entities(std::string s) {
    static const std::pair<std::string_view, std::string_view> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        bool replaced = false;
        if (s[i] == '&') {
            for (const auto& [from, to] : entities) {
                if (s.compare(i, from.size(), from) == 0) {
                    out += to;
                    i += from.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out += s[i++];
    }
    return out;
}

/// The text of an HTML page: tags removed, entities decoded, no white space at all.
inline std::string html_text(const std::string& html) {
    std::string text;
    bool in_tag = false;
    for (char c : html) {
        if (c == '<') in_tag = true;
        else if (c == '>' && in_tag) in_tag = false;
        else if (!in_tag) text += c;
    }
    text = decode_entities(text);
    std::string out;
    for (char c : text) {
        if (c != ' ' && c != '\n' && c != '\t' && c != '\r') out += c;
    }
    return out;
}

/// Every href="…" and src="…" value of a page, entities decoded.
inline std::vector<std::string> links_of(const std::string& html) {
    static const std::regex attr(R"re(\s(?:href|src)="([^"]*)")re");
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), attr); it != std::sregex_iterator(); ++it) {
        out.push_back(decode_entities((*it)[1].str()));
    }
    return out;
}

}  // namespace test
