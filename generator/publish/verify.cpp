#include "verify.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "compress.h"
#include "manifest.h"
#include "sha256.h"

namespace fs = std::filesystem;

namespace bulletin {

int run_verify(const std::string& dir, std::ostream& out, std::ostream& err, const std::string& manifest_file) {
    const fs::path root(dir);
    const fs::path manifest_path = manifest_file.empty() ? root / "manifest.json" : fs::path(manifest_file);
    std::ifstream in(manifest_path, std::ios::binary);
    if (!in) {
        err << fmt::format("{}: 找不到清单文件\n", manifest_path.generic_string());
        return 2;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    Manifest expected;
    try {
        expected = parse_manifest(ss.str());
    } catch (const std::exception& e) {
        err << manifest_path.generic_string() << ": " << e.what() << "\n";
        return 2;
    }
    std::vector<std::string> changed, missing, extra;
    std::set<std::string> seen;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (it->is_directory()) continue;
        const std::string rel = fs::relative(it->path(), root).generic_string();
        if (rel == "manifest.json") continue;
        std::ifstream f(it->path(), std::ios::binary);
        std::ostringstream bytes;
        bytes << f.rdbuf();
        const std::string b = bytes.str();
        auto e = expected.find(rel);
        if (e == expected.end()) {
            // A precompressed twin the build did not list (a --no-gzip build
            // compressed later) passes only when it holds exactly the listed
            // bytes of its file: the web server hands it out in that file's place.
            const bool twin = rel.size() > 3 && rel.compare(rel.size() - 3, 3, ".gz") == 0;
            auto base = twin ? expected.find(rel.substr(0, rel.size() - 3)) : expected.end();
            if (base != expected.end()) {
                const auto inflated = gunzip(b, base->second.size);
                if (inflated && inflated->size() == base->second.size && sha256_hex(*inflated) == base->second.sha256) {
                    continue;
                }
            }
            extra.push_back(rel);
            continue;
        }
        seen.insert(rel);
        if (b.size() != e->second.size || sha256_hex(b) != e->second.sha256) changed.push_back(rel);
    }
    for (const auto& [path, entry] : expected) {
        if (!seen.count(path)) missing.push_back(path);
    }
    // Checked against the release's own copy, the folder's manifest must be that copy too.
    if (!manifest_file.empty()) {
        std::ifstream own(root / "manifest.json", std::ios::binary);
        std::ostringstream own_bytes;
        own_bytes << own.rdbuf();
        if (!own) {
            missing.push_back("manifest.json");
        } else if (own_bytes.str() != ss.str()) {
            changed.push_back("manifest.json");
        }
    }
    for (const auto& p : changed) out << "changed  " << p << "\n";
    for (const auto& p : missing) out << "missing  " << p << "\n";
    for (const auto& p : extra) out << "extra    " << p << "\n";
    const bool ok = changed.empty() && missing.empty() && extra.empty();
    out << fmt::format("verify: {} 个文件；{} 个被改动，{} 个缺失，{} 个多余 — {}\n", expected.size(), changed.size(),
                       missing.size(), extra.size(), ok ? "一致" : "不一致");
    return ok ? 0 : 1;
}

}  // namespace bulletin
