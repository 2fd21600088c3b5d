// Scores the importer on the real bulletins of tests/import/real: for each
// text, the fields an editor reads in it (NN-name.expected.json: the edition
// title, and each project's title, lead units and outcome count) against
// what the importer recovers, the departments it names that the text does
// not contain, and the pieces of source text missing from the draft it
// writes, and the sentences the draft shows more often than the text has
// them (comments aside). Prints one row per text; with --check, exits 1
// unless at least --min percent of the fields are recovered, no department
// is invented, nothing is lost and nothing is written twice.
//
//   import_score DIR [--check] [--min 90]
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "import_parse.h"
#include "import_text.h"
#include "import_write.h"
#include "text.h"

using namespace bulletin;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The text with white space, Markdown escapes and emphasis removed, so a
/// piece of the source can be looked up in a draft.
std::string normalised(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\\' || c == '*' || c == '"') continue;
        out += c;
    }
    for (std::string_view ws : {"\u3000", "\u00A0"}) {
        for (std::size_t at = out.find(ws); at != std::string::npos; at = out.find(ws)) out.erase(at, ws.size());
    }
    return out;
}

/// The pieces of a line between punctuation: every one must be in the draft.
std::vector<std::string> pieces(const std::string& line) {
    static const std::vector<std::string> breaks{"。", "！", "？", "；", ";", "，", ",", "：", ":", "、", "（", "）",
                                                 "(",  ")",  "“",  "”",  "《", "》", " ", "\u3000", "—", "…", "/", "|"};
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < line.size();) {
        bool hit = false;
        for (const std::string& b : breaks) {
            if (line.compare(i, b.size(), b) == 0) {
                if (!cur.empty()) out.push_back(cur);
                cur.clear();
                i += b.size();
                hit = true;
                break;
            }
        }
        if (!hit) cur += line[i++];
    }
    if (!cur.empty()) out.push_back(cur);
    // Markers and bare numbers are structure, not text an editor would miss.
    std::erase_if(out, [](const std::string& p) {
        return utf8_length(p) < 2 || std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
    });
    return out;
}

std::optional<int> year_in(const std::string& s) {
    for (std::size_t at = s.find("年"); at != std::string::npos; at = s.find("年", at + 1)) {
        if (at >= 4 && std::all_of(s.begin() + static_cast<std::ptrdiff_t>(at - 4), s.begin() + static_cast<std::ptrdiff_t>(at),
                                   [](char c) { return c >= '0' && c <= '9'; })) {
            return std::stoi(s.substr(at - 4, 4));
        }
    }
    return std::nullopt;
}

struct Row {
    std::string name;
    int fields = 0;
    int recovered = 0;
    int invented = 0;
    int lost = 0;
    int doubled = 0;  ///< sentences written more often than the text has them (comments aside)
    std::vector<std::string> remarks;
};

/// The draft without its comment lines: the places a reader sees.
std::string without_comments(const std::string& draft) {
    std::string out;
    std::istringstream in(draft);
    for (std::string line; std::getline(in, line);) {
        if (!line.starts_with("#")) out += line + "\n";
    }
    return out;
}

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
    return n;
}

/// Whole sentences of a line (split at 。！？；;), at least six characters long.
std::vector<std::string> sentences(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < line.size();) {
        bool hit = false;
        for (std::string_view b : {"。", "！", "？", "；", ";"}) {
            if (std::string_view(line).substr(i).starts_with(b)) {
                if (utf8_length(cur) >= 6) out.push_back(cur);
                cur.clear();
                i += b.size();
                hit = true;
                break;
            }
        }
        if (!hit) cur += line[i++];
    }
    if (utf8_length(cur) >= 6) out.push_back(cur);
    return out;
}

Row score(const fs::path& text_path) {
    Row row;
    row.name = text_path.stem().string();
    const std::string source = decode_import_text(read_file(text_path))->text;
    const nlohmann::json expected = nlohmann::json::parse(read_file(fs::path(text_path).replace_extension(".expected.json")));
    const ParseResult parsed = parse_bulletin(source);
    if (!parsed.bulletin) {
        row.remarks.push_back("no draft: " + parsed.error.message);
        row.fields = 1;
        return row;
    }
    const ImportedBulletin& b = *parsed.bulletin;
    ImportTarget target;
    target.edition = "e";
    target.year = year_in(b.title).value_or(0);
    const ImportPlan plan = plan_import(b, target, SlugMaker());

    // Fields.
    if (!expected["title"].is_null()) {
        ++row.fields;
        const std::string got = b.title_missing ? "" : title_without_year(b.title, target.year);
        if (got == expected["title"].get<std::string>()) {
            ++row.recovered;
        } else {
            row.remarks.push_back("title: " + got);
        }
    }
    const auto& want = expected["projects"];
    const std::size_t n = std::max(want.size(), b.projects.size());
    for (std::size_t i = 0; i < n; ++i) {
        row.fields += 3;
        if (i >= want.size()) {
            row.remarks.push_back(fmt::format("extra project {}: {}", i + 1, b.projects[i].title));
            continue;
        }
        if (i >= b.projects.size()) {
            row.remarks.push_back(fmt::format("missing project {}: {}", i + 1, want[i]["title"].get<std::string>()));
            continue;
        }
        const ImportedProject& p = b.projects[i];
        if (p.title == want[i]["title"].get<std::string>()) {
            ++row.recovered;
        } else {
            row.remarks.push_back(fmt::format("project {} title: {}", i + 1, p.title));
        }
        if (p.departments == want[i]["departments"].get<std::vector<std::string>>()) {
            ++row.recovered;
        } else {
            std::string got;
            for (const std::string& d : p.departments) got += d + " ";
            row.remarks.push_back(fmt::format("project {} lead: {}", i + 1, got));
        }
        if (p.outcomes.size() == want[i]["outcomes"].get<std::size_t>()) {
            ++row.recovered;
        } else {
            row.remarks.push_back(fmt::format("project {} outcomes: {}", i + 1, p.outcomes.size()));
        }
    }
    // Departments the text does not contain.
    const std::string flat = normalised(source);
    for (const ImportedProject& p : b.projects) {
        for (const std::string& d : p.departments) {
            if (flat.find(normalised(d)) == std::string::npos) {
                ++row.invented;
                row.remarks.push_back("invented department: " + d);
            }
        }
    }
    // Every piece of every line (page numbers aside) is in the draft.
    std::string draft;
    for (const PlannedFile& f : plan.files) {
        if (f.path != "departments.toml") draft += f.bytes;  // a department must be in its project's file
    }
    const std::string drafted = normalised(draft);
    const std::string shown = normalised(without_comments(draft));
    const std::string flat_source = normalised(source);
    for (const TextLine& line : split_import_lines(source)) {
        if (line.text.empty() || is_page_number(line.text, false)) continue;
        // A marker (1、 一、 （一）) and a label (牵头单位：) are structure: the draft keeps what they mark.
        std::string text = line.text;
        const std::size_t digits = text.find_first_not_of("0123456789");
        if (digits > 0 && digits != std::string::npos && text[digits] == ' ') text = std::string(trim_text(text.substr(digits)));
        const LineInfo info = classify_line(text);
        if (info.kind == LineKind::section || info.kind == LineKind::numbered || info.kind == LineKind::label) {
            text = info.rest;
        }
        for (const std::string& piece : pieces(text)) {
            if (classify_line(piece + "：x").kind == LineKind::label && classify_line(piece).bare) continue;  // a field name
            if (drafted.find(normalised(piece)) == std::string::npos) {
                ++row.lost;
                row.remarks.push_back(fmt::format("lost (line {}): {}", line.number, piece));
            }
        }
        for (const std::string& sentence : sentences(text)) {
            const std::string n = normalised(sentence);
            if (occurrences(shown, n) > occurrences(flat_source, n)) {
                ++row.doubled;
                row.remarks.push_back(fmt::format("written twice (line {}): {}", line.number, sentence));
            }
        }
    }
    return row;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: import_score DIR [--check] [--min PERCENT] [--verbose]\n";
        return 2;
    }
    const fs::path dir = argv[1];
    bool check = false;
    bool verbose = false;
    double min_percent = 90;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--check") check = true;
        if (a == "--verbose") verbose = true;
        if (a == "--min" && i + 1 < argc) min_percent = std::stod(argv[++i]);
    }
    std::vector<fs::path> texts;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".txt") texts.push_back(e.path());
    }
    std::sort(texts.begin(), texts.end());
    int fields = 0, recovered = 0, invented = 0, lost = 0, doubled = 0;
    std::cout << fmt::format("{:<22} {:>6} {:>9} {:>6} {:>21} {:>12} {:>14}\n", "text", "fields", "recovered", "%",
                             "invented departments", "pieces lost", "written twice");
    for (const fs::path& t : texts) {
        const Row r = score(t);
        fields += r.fields;
        recovered += r.recovered;
        invented += r.invented;
        lost += r.lost;
        doubled += r.doubled;
        std::cout << fmt::format("{:<22} {:>6} {:>9} {:>6.1f} {:>21} {:>12} {:>14}\n", r.name, r.fields, r.recovered,
                                 r.fields ? 100.0 * r.recovered / r.fields : 100.0, r.invented, r.lost, r.doubled);
        if (verbose) {
            for (const std::string& m : r.remarks) std::cout << "    " << m << "\n";
        }
    }
    const double percent = fields ? 100.0 * recovered / fields : 0;
    std::cout << fmt::format("{:<22} {:>6} {:>9} {:>6.1f} {:>21} {:>12} {:>14}\n", "total", fields, recovered, percent,
                             invented, lost, doubled);
    std::cout << fmt::format("{} texts\n", texts.size());
    if (!check) return 0;
    const bool ok = texts.size() >= 20 && percent >= min_percent && invented == 0 && lost == 0 && doubled == 0;
    if (!ok) {
        std::cout << fmt::format("FAILED: need >= 20 texts, >= {}% of fields, no invented department, nothing lost, "
                                 "nothing written twice\n",
                                 min_percent);
    }
    return ok ? 0 : 1;
}
