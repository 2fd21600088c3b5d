#include "manifest.h"

#include <filesystem>
#include <set>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "compress.h"
#include "files.h"

namespace fs = std::filesystem;

namespace bulletin {

namespace {
bool starts_with_id(std::string_view path, std::string_view prefix, const std::string& id, char after) {
    return path.size() > prefix.size() + id.size() && path.substr(0, prefix.size()) == prefix &&
           path.substr(prefix.size(), id.size()) == id && path[prefix.size() + id.size()] == after;
}

}  // namespace

const std::string& manifest_group(const std::string& path, const std::vector<std::string>& ids) {
    static const std::string site = "site";
    for (const std::string& id : ids) {
        if (starts_with_id(path, "", id, '/') || starts_with_id(path, "data/", id, '.')) return id;
    }
    return site;
}

std::string render_manifest(const Manifest& files, const std::vector<std::string>& edition_ids) {
    std::map<std::string, nlohmann::ordered_json> groups;
    for (const auto& [path, entry] : files) {
        // Paths come sorted and unique: append, without ordered_json's linear
        // key search, which made this quadratic (12 s at 100,000 projects).
        nlohmann::ordered_json& group = groups[manifest_group(path, edition_ids)];
        if (group.is_null()) group = nlohmann::ordered_json::object();
        group.get_ref<nlohmann::ordered_json::object_t&>().Container::emplace_back(
            path, nlohmann::ordered_json{{"sha256", entry.sha256}, {"size", entry.size}});
    }
    nlohmann::ordered_json doc;
    doc["format"] = "bulletin-manifest";
    doc["version"] = 1;
    doc["algorithm"] = "sha256";
    doc["groups"] = nlohmann::ordered_json::object();
    for (auto& [name, group] : groups) doc["groups"][name] = std::move(group);
    return doc.dump(1, '\t') + "\n";
}

Manifest parse_manifest(const std::string& text) {
    Manifest out;
    try {
        const auto doc = nlohmann::json::parse(text);
        if (doc.value("format", "") != "bulletin-manifest") throw std::runtime_error("not a bulletin manifest");
        for (const auto& [group, files] : doc.at("groups").items()) {
            for (const auto& [path, entry] : files.items()) {
                out[path] = {entry.at("sha256").get<std::string>(), entry.at("size").get<std::size_t>()};
            }
        }
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(std::string("malformed manifest.json: ") + e.what());
    }
    return out;
}

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
