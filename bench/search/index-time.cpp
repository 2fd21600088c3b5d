// Times build_index alone on the documents of a built site, read back from
// its search index:
//   index-time <site-dir>   prints: <documents> <seconds, best of 3> <bytes> <manifest bytes>,
//                           then the same three without the forgiving search's structures
//   index-time <site-dir> cold on|off   one build in this process: <documents> <seconds>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "search_index.h"

namespace {

nlohmann::json read_json(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return nlohmann::json::parse(buffer.str());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2 && argc != 4) {
        std::cerr << "usage: index-time <site-dir>\n";
        return 2;
    }
    const std::filesystem::path site = argv[1];
    const auto manifest = read_json(site / "search-index.json");
    std::vector<nlohmann::json> list;
    if (manifest["docs"]["per_file"] == 0) {
        for (const auto& d : manifest["docs"]["list"]) list.push_back(d);
    } else {
        for (int f = 0; f < manifest["docs"]["files"].get<int>(); ++f) {
            const auto file = read_json(site / (manifest["docs"]["path"].get<std::string>() + std::to_string(f) + ".json"));
            for (const auto& d : file["docs"]) list.push_back(d);
        }
    }
    std::vector<bulletin::search::Document> docs;
    for (const auto& g : manifest["groups"]) {
        const auto& edition = manifest["editions"][g[0].get<int>()];
        const auto& department = manifest["departments"][g[1].get<int>()];
        for (int id = g[2].get<int>(); id < g[2].get<int>() + g[3].get<int>(); ++id) {
            const auto& d = list[static_cast<size_t>(id)];
            std::vector<std::string> tags, aliases;
            if (d.contains("tags")) tags = d["tags"].get<std::vector<std::string>>();
            if (department.contains("aliases")) aliases = department["aliases"].get<std::vector<std::string>>();
            docs.push_back({d["url"], d["title"], d["department"], department["slug"], d["edition"], edition["title"],
                            d["number"], tags, d["text"], aliases});
        }
    }
    // With and without the structures of the forgiving search (pinyin
    // readings, vocabulary), alternating so both see the same machine load.
    // The readings are read from ICU once per process: a first build pays
    // for them, so each variant is also timed once in a fresh process
    // (`index-time <site> cold on|off`).
    auto time_once = [&](bool forgiving, size_t& bytes, size_t& manifest_bytes) {
        bulletin::search::IndexOptions options;
        options.forgiving = forgiving;
        const auto start = std::chrono::steady_clock::now();
        const auto files = bulletin::search::build_index(docs, options);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        bytes = 0;
        for (const auto& f : files) {
            bytes += f.bytes.size();
            if (f.path == "search-index.json") manifest_bytes = f.bytes.size();
        }
        return seconds;
    };
    size_t bytes[2] = {0, 0}, manifests[2] = {0, 0};
    if (argc == 4) {
        const bool forgiving = std::string(argv[3]) == "on";
        std::cout << docs.size() << ' ' << time_once(forgiving, bytes[0], manifests[0]) << '\n';
        return 0;
    }
    double best[2] = {1e9, 1e9};
    for (int run = 0; run < 3; ++run)
        for (int forgiving = 1; forgiving >= 0; --forgiving)
            best[forgiving] = std::min(best[forgiving], time_once(forgiving, bytes[forgiving], manifests[forgiving]));
    // documents, seconds, bytes, manifest bytes (forgiving on), then the same without.
    std::cout << docs.size() << ' ' << best[1] << ' ' << bytes[1] << ' ' << manifests[1] << ' ' << best[0] << ' '
              << bytes[0] << ' ' << manifests[0] << '\n';
}
