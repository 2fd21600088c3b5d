#include "manifest.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "json_text.h"
#include "site_map.h"

namespace bulletin {

const std::string& manifest_group(const std::string& path, const std::vector<std::string>& ids) {
    return site_map::manifest_group(path, ids);
}

std::string render_manifest(const Manifest& files, const std::vector<std::string>& edition_ids) {
    // Paths come sorted and unique; each group keeps them in that order.
    std::map<std::string, std::vector<const Manifest::value_type*>> groups;
    for (const auto& file : files) groups[manifest_group(file.first, edition_ids)].push_back(&file);
    std::string out;
    JsonWriter j(out);
    j.begin_object();
    j.key("format").string("bulletin-manifest");
    j.key("version").integer(1);
    j.key("algorithm").string("sha256");
    j.key("groups").begin_object();
    for (const auto& [name, group] : groups) {
        j.key(name).begin_object();
        for (const auto* file : group) {
            j.key(file->first).begin_object();
            j.key("sha256").string(file->second.sha256);
            j.key("size").integer(static_cast<long long>(file->second.size));
            j.end_object();
        }
        j.end_object();
    }
    j.end_object();
    j.end_object();
    out += '\n';
    return out;
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

}  // namespace bulletin
