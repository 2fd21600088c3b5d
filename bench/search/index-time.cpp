// Times build_index alone on the documents of a built site, read back from
// its search index, with and without the structures of the forgiving search
// (IndexOptions::forgiving: readings, vocabulary, sound table):
//   index-time <site-dir> once on|off   one build in this fresh process:
//                                       <documents> <seconds> <cpu seconds> <bytes> <manifest bytes>
//   index-time <site-dir> warm <runs>   <runs> pairs in this process, alternating
//                                       which goes first: one line per build,
//                                       "on <seconds> <cpu seconds>" or "off ..."
// Seconds are wall-clock; cpu seconds are those of every thread (user and
// system), less disturbed by other work on a shared machine.
// A fresh process is what `bulletin build` is: its first build also reads
// the readings from ICU. run.mjs interleaves fresh processes of both kinds
// and compares medians.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/resource.h>

#include "search_index.h"

namespace {

nlohmann::json read_json(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return nlohmann::json::parse(buffer.str());
}

std::vector<bulletin::search::Document> read_documents(const std::filesystem::path& site) {
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
    return docs;
}

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc == 4 ? argv[2] : "";
    if (mode != "once" && mode != "warm") {
        std::cerr << "usage: index-time <site-dir> once on|off\n       index-time <site-dir> warm <runs>\n";
        return 2;
    }
    const auto docs = read_documents(argv[1]);
    size_t bytes = 0, manifest_bytes = 0;
    double cpu = 0;
    auto time_once = [&](bool forgiving) {
        bulletin::search::IndexOptions options;
        options.forgiving = forgiving;
        const double cpu_start = cpu_seconds();
        const auto start = std::chrono::steady_clock::now();
        const auto files = bulletin::search::build_index(docs, options);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        cpu = cpu_seconds() - cpu_start;
        bytes = 0;
        for (const auto& f : files) {
            bytes += f.bytes.size();
            if (f.path == "search-index.json") manifest_bytes = f.bytes.size();
        }
        return seconds;
    };
    if (mode == "once") {
        const double seconds = time_once(std::string(argv[3]) == "on");
        std::cout << docs.size() << ' ' << seconds << ' ' << cpu << ' ' << bytes << ' ' << manifest_bytes << '\n';
        return 0;
    }
    const int runs = std::max(1, std::atoi(argv[3]));
    for (int run = 0; run < runs; ++run)
        for (int k = 0; k < 2; ++k) {
            const bool forgiving = (run + k) % 2 == 0;  // on, off; then off, on; ...
            const double seconds = time_once(forgiving);
            std::cout << (forgiving ? "on " : "off ") << seconds << ' ' << cpu << '\n';
        }
}
