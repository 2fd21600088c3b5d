// Open data (open_data.h), on the small golden site: the JSON carries the
// numbers as numbers and every field, and the CSV opens in Excel.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include "../support/test_support.h"
#include "load_site.h"
#include "open_data.h"

namespace {

struct Small {
    bulletin::Site site;
    bulletin::Theme theme;
};

const Small& small() {
    static const Small s = [] {
        bulletin::Diagnostics diags;
        auto site = bulletin::load_site((test::source_dir() / "tests/sites/small/content").string(), {}, diags);
        auto theme = bulletin::Theme::load(test::themes_dir() / "default", "zh-CN", diags);
        if (!site || !theme) throw std::runtime_error(bulletin::format_diagnostics(diags, "zh-CN"));
        return Small{std::move(*site), std::move(*theme)};
    }();
    return s;
}

const bulletin::OutputFile& file(const bulletin::OutputFiles& files, const std::string& path) {
    for (const auto& f : files) {
        if (f.path == path) return f;
    }
    throw std::runtime_error("no " + path);
}

}  // namespace

TEST_CASE("open data: open data JSON keeps numbers as numbers and every field") {
    const auto files = bulletin::render_open_data(small().site, small().theme);
    CHECK(files.size() == 4);  // JSON and CSV for each of the two editions
    const auto doc = nlohmann::json::parse(file(files, "data/2022.json").bytes);
    CHECK(doc["edition"]["id"] == "2022");
    CHECK(doc["edition"]["published"] == "2023-01-20");
    REQUIRE(doc["projects"].size() == 3);
    const auto& ev = doc["projects"][0];
    CHECK(ev["number"] == 1);
    CHECK(ev["co_departments"] == nlohmann::json::array({"区住建局"}));
    CHECK(ev["metrics"][0]["value"] == 71);
    CHECK(ev["metrics"][0]["target"] == 60);
    CHECK(ev["corrections"][0]["date"] == "2023-03-01");
    CHECK(doc["projects"][1]["metrics"][0]["value"] == 8.98);
    CHECK(doc["projects"][2]["status"] == "ongoing");
    CHECK(nlohmann::json::parse(file(files, "data/2021.json").bytes)["edition"]["archived"] == true);
}

TEST_CASE("open data: the CSV has a BOM, CRLF line ends and a header from the theme") {
    const auto files = bulletin::render_open_data(small().site, small().theme);
    const std::string csv = file(files, "data/2022.csv").bytes;
    CHECK(csv.rfind("\xEF\xBB\xBF序号,治理项目,牵头部门,", 0) == 0);
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 4);
    CHECK(std::count(csv.begin(), csv.end(), '\r') == 4);
    CHECK(csv.find("\r\n2,教育乱收费专项治理,区教育局,,已完成,") != std::string::npos);
}

TEST_CASE("open data: open data JSON is laid out as nlohmann writes it, odd text and numbers too") {
    // Control characters, quotes, backslashes, broken UTF-8 (replaced by
    // U+FFFD), formula-like and quoted CSV cells, and doubles nlohmann
    // writes in its own shortest form.
    bulletin::Site site = small().site;
    bulletin::Project& p = site.projects.edit(site.editions[0].projects[0]);
    p.title = "=\"引号\"\\反斜杠\b\f\n\r\t\x01\x1f\x7f,逗号";
    p.summary = std::string("坏的\xE4\xB8 字节\xFF");
    p.body_text = "-1, \"正文\"\r\n";
    p.tags = {"@标签", "a\"b"};
    p.metrics.push_back({"小", 1e-7, "个", 0.1});
    p.metrics.push_back({"大", 1e21, "", 12345678901234567.0});
    p.metrics.push_back({"负", -0.0, "", -2.5});
    // A surrogate, an overlong form, past U+10FFFF, a good emoji, a cut one.
    p.metrics.push_back({"\xED\xA0\x80|\xC0\xAF|\xF4\x90\x80\x80|😀|\xF0\x9F\x98", 1, "", std::nullopt});
    const auto files = bulletin::render_open_data(site, small().theme);
    const std::string& json = file(files, "data/2022.json").bytes;
    CHECK(nlohmann::ordered_json::parse(json).dump(1, '\t', false) + "\n" == json);
    CHECK(json.find(R"("title": "=\"引号\"\\反斜杠\b\f\n\r\t\u0001\u001f)" "\x7f" R"(,逗号")") != std::string::npos);
    CHECK(json.find("\"summary\": \"坏的\xEF\xBF\xBD 字节\xEF\xBF\xBD\"") != std::string::npos);
    CHECK(json.find("|😀|") != std::string::npos);
    const std::string& csv = file(files, "data/2022.csv").bytes;
    CHECK(csv.find("\r\n1,\"'=\"\"引号\"\"\\反斜杠\b\f\n\r\t\x01\x1f\x7f,逗号\",") != std::string::npos);
    CHECK(csv.find(",'@标签、a\"b,") == std::string::npos);
    CHECK(csv.find(",\"'@标签、a\"\"b\",") != std::string::npos);
    CHECK(csv.find(",\"'-1, \"\"正文\"\"\r\n\",") != std::string::npos);
}

namespace {

// The cells of an RFC 4180 text (quoted cells may hold commas, quotes and line ends).
std::vector<std::vector<std::string>> parse_csv(const std::string& csv) {
    std::vector<std::vector<std::string>> rows(1);
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < csv.size(); ++i) {
        const char c = csv[i];
        if (quoted) {
            if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') cell += csv[++i];
            else if (c == '"') quoted = false;
            else cell += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(cell));
            cell.clear();
        } else if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
            rows.back().push_back(std::move(cell));
            cell.clear();
            rows.emplace_back();
            ++i;
        } else {
            cell += c;
        }
    }
    if (rows.back().empty() && cell.empty()) rows.pop_back();
    return rows;
}

}  // namespace

TEST_CASE("open data: every CSV cell an editor fills is guarded on its own against formulas") {
    // OWASP's list: a spreadsheet may read a cell starting with = + - @, a tab
    // or a carriage return as a formula. Each is put alone at the start of
    // one cell (not joined to another value, which would hide it).
    for (const std::string lead : {"=", "+", "-", "@", "\t", "\r"}) {
        bulletin::Site site = small().site;
        bulletin::Project& p = site.projects.edit(site.editions[0].projects[0]);
        p.title = lead + "SUM(A1)";
        site.departments[p.department].name = lead + "局";
        p.co_departments = {};
        p.tags = {lead + "标签"};
        p.metrics = {{lead + "指标", 1, "个", std::nullopt}};
        p.body_text = lead + "正文";
        const auto rows = parse_csv(file(bulletin::render_open_data(site, small().theme), "data/2022.csv").bytes);
        REQUIRE(rows.size() == 4);
        const auto& row = rows[1];
        REQUIRE(row.size() == 9);
        INFO("cell lead " << (lead == "\t" ? "TAB" : lead == "\r" ? "CR" : lead));
        CHECK(row[0] == "1");  // a plain number is left alone
        CHECK(row[1] == "'" + lead + "SUM(A1)");
        CHECK(row[2] == "'" + lead + "局");
        CHECK(row[3].empty());
        CHECK(row[5] == "'" + lead + "标签");
        CHECK(row[6] == "'" + lead + "指标 1个");
        CHECK(row[7] == "'" + lead + "正文");
        CHECK(row[8].rfind("https://", 0) == 0);
    }
}
