// Times build_index alone on the documents of a built site, read back from
// its search index (tags are not in the index, so they are left out):
//   index-time <site-dir>   prints: <documents> <seconds, best of 3> <bytes>
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
    if (argc != 2) {
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
            docs.push_back({d["url"], d["title"], d["department"], department["slug"], d["edition"], edition["title"],
                            d["number"], {}, d["text"]});
        }
    }
    double best = 1e9;
    size_t bytes = 0;
    for (int run = 0; run < 3; ++run) {
        const auto start = std::chrono::steady_clock::now();
        const auto files = bulletin::search::build_index(docs, {});
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        bytes = 0;
        for (const auto& f : files) bytes += f.bytes.size();
    }
    std::cout << docs.size() << ' ' << best << ' ' << bytes << '\n';
}
