#include "verify.h"

#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "compress.h"
#include "files.h"
#include "manifest.h"
#include "messages.h"
#include "sha256.h"

namespace fs = std::filesystem;

namespace bulletin {

namespace {

// The language of a deployed site, from its home page's <html lang="…">: verify
// speaks it as the build did. Chinese when there is no page to ask.
std::string deployed_language(const fs::path& root) {
    std::string head;
    try {
        head = files::read_file(root / "index.html");
    } catch (const files::FileError&) {
        return "zh-CN";
    }
    const std::size_t at = head.find("<html lang=\"");
    if (at == std::string::npos) return "zh-CN";
    const std::size_t start = at + 12;
    return head.substr(start, head.find('"', start) - start);
}

}  // namespace

int run_verify(const std::string& dir, std::ostream& out, std::ostream& err, const std::string& manifest_file) {
    const fs::path root(dir);
    const std::string lang = deployed_language(root);
    const fs::path manifest_path = manifest_file.empty() ? root / "manifest.json" : fs::path(manifest_file);
    std::string manifest_text;
    try {
        manifest_text = files::read_file(manifest_path);
    } catch (const files::FileError&) {
        err << say(lang, Msg::verify_no_manifest, manifest_path.generic_string()) << "\n";
        return 2;
    }
    Manifest expected;
    try {
        expected = parse_manifest(manifest_text);
    } catch (const std::exception& e) {
        err << say(lang, Msg::verify_bad_manifest, manifest_path.generic_string(), e.what()) << "\n";
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
    const std::string verdict(text(ok ? Msg::verify_same : Msg::verify_differs, lang));
    if (links.empty()) {
        out << say(lang, Msg::verify_summary, expected.size(), changed.size(), missing.size(), extra.size(), verdict) << "\n";
    } else {
        out << say(lang, Msg::verify_summary_links, expected.size(), changed.size(), missing.size(), extra.size(),
                   links.size(), verdict) << "\n";
    }
    return ok ? 0 : 1;
}

}  // namespace bulletin
