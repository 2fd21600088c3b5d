#include "verify.h"

#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "compress.h"
#include "files.h"
#include "manifest.h"
#include "sha256.h"

namespace fs = std::filesystem;

namespace bulletin {

int run_verify(const std::string& dir, std::ostream& out, std::ostream& err, const std::string& manifest_file) {
    const fs::path root(dir);
    const fs::path manifest_path = manifest_file.empty() ? root / "manifest.json" : fs::path(manifest_file);
    std::string manifest_text;
    try {
        manifest_text = files::read_file(manifest_path);
    } catch (const files::FileError&) {
        err << fmt::format("{}: 找不到清单文件\n", manifest_path.generic_string());
        return 2;
    }
    Manifest expected;
    try {
        expected = parse_manifest(manifest_text);
    } catch (const std::exception& e) {
        err << manifest_path.generic_string() << ": " << e.what() << "\n";
        return 2;
    }
    // A symbolic link is reported wherever it is and whatever it points to:
    // a build never makes one, and through one a web server could hand out
    // any file of the machine. It is not followed.
    std::vector<std::string> changed, missing, extra, links;
    std::set<std::string> seen;
    try {
        files::walk(root, {}, [&](const files::Entry& entry) {
            const std::string& rel = entry.rel;
            if (entry.kind == files::Entry::symlink) {
                links.push_back(rel);
                seen.insert(rel);
                return;
            }
            if (rel == "manifest.json") return;
            const std::string b = files::read_file(entry.full);
            auto e = expected.find(rel);
            if (e == expected.end()) {
                // A precompressed twin the build did not list (a --no-gzip build
                // compressed later) passes only when it holds exactly the listed
                // bytes of its file: the web server hands it out in that file's place.
                const bool twin = rel.size() > 3 && rel.compare(rel.size() - 3, 3, ".gz") == 0;
                auto base = twin ? expected.find(rel.substr(0, rel.size() - 3)) : expected.end();
                if (base != expected.end()) {
                    const auto inflated = gunzip(b, base->second.size);
                    if (inflated && inflated->size() == base->second.size &&
                        sha256_hex(*inflated) == base->second.sha256) {
                        return;
                    }
                }
                extra.push_back(rel);
                return;
            }
            seen.insert(rel);
            if (b.size() != e->second.size || sha256_hex(b) != e->second.sha256) changed.push_back(rel);
        });
    } catch (const files::FileError& e) {
        err << "bulletin verify: " << e.what() << "\n";
        return 2;
    }
    for (const auto& [path, entry] : expected) {
        if (!seen.count(path)) missing.push_back(path);
    }
    // Checked against the release's own copy, the folder's manifest must be that copy too.
    if (!manifest_file.empty()) {
        const auto own = files::read_if_regular(root / "manifest.json");
        if (!own) {
            missing.push_back("manifest.json");
        } else if (*own != manifest_text) {
            changed.push_back("manifest.json");
        }
    }
    for (const auto& p : changed) out << "changed  " << p << "\n";
    for (const auto& p : missing) out << "missing  " << p << "\n";
    for (const auto& p : extra) out << "extra    " << p << "\n";
    for (const auto& p : links) out << "symlink  " << p << "\n";
    const bool ok = changed.empty() && missing.empty() && extra.empty() && links.empty();
    out << fmt::format("verify: {} 个文件；{} 个被改动，{} 个缺失，{} 个多余{} — {}\n", expected.size(), changed.size(),
                       missing.size(), extra.size(),
                       links.empty() ? std::string() : fmt::format("，{} 个符号链接", links.size()), ok ? "一致" : "不一致");
    return ok ? 0 : 1;
}

}  // namespace bulletin
