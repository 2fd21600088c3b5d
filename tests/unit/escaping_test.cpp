// Escaping through the whole build (build.h): markup typed into any field or
// body never reaches a page, the feed or the sitemap as markup; open data
// keeps it as data; a CSV cell never starts a spreadsheet formula.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../support/test_support.h"
#include "build.h"

namespace {

using test::write_file;

const std::string script = "<script>alert(1)</script>";
const std::string img = "\"><img src=x onerror=alert(1)>";
const std::string formula = "=HYPERLINK(\"https://evil.example\",\"点击\")";

// TOML basic string of `s`.
std::string q(const std::string& s) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\\\"") : std::string(1, c);
    return out + "\"";
}

void write_hostile_site(const std::filesystem::path& content) {
    write_file(content / "site.toml", "title = " + q("通报" + script) + "\nbase_url = \"https://www.example.gov.cn/bulletin/\"\n"
                                      "publisher = " + q("纪委" + img) + "\ndescription = " + q(script + img) + "\n");
    write_file(content / "departments.toml",
               "[[department]]\nslug = \"fagai\"\nname = " + q("区" + script + "局") + "\nfull_name = " + q(img) +
                   "\n\n[[department]]\nslug = \"jiaoyu\"\nname = " + q("区教育局" + img) + "\n");
    write_file(content / "2022/_index.md",
               "+++\ntitle = " + q("成果" + script) + "\nyear = 2022\npublished = 2023-01-20\npublisher = " + q(img) +
                   "\n\n[[figures]]\nlabel = " + q(script) + "\nvalue = 97\nunit = " + q(img) + "\n+++\n" + script +
                   "\n\n前言 " + img + "\n");
    write_file(content / "2022/hostile.md",
               "+++\ntitle = " + q("充电" + script) + "\ndepartment = \"fagai\"\nco_departments = [\"jiaoyu\"]\n"
               "number = 1\ntags = [" + q(script) + ", " + q(img) + "]\nsummary = " + q(img) + "\n\n"
               "[[metrics]]\nlabel = " + q(script) + "\nvalue = 71\nunit = " + q(img) + "\ntarget = 60\n\n"
               "[[corrections]]\ndate = 2023-03-01\nnote = " + q(script + img) + "\n+++\n" +
               script + "\n\n1. 正文 " + script + " 与 " + img + "\n2. [点我](javascript:alert(1)) <b>粗</b>\n\n"
               "| " + script + " | x |\n| --- | --- |\n| " + img + " | y |\n");
    write_file(content / "2022/formula.md",
               "+++\ntitle = " + q(formula) + "\ndepartment = \"jiaoyu\"\nnumber = 2\ntags = [\"+1\", \"@SUM(A1)\"]\n\n"
               "[[metrics]]\nlabel = \"-2+3\"\nvalue = 1\n+++\n=1+2 正文。\n");
}

struct Built {
    test::TempDir tmp;
    test::Tree files;
    std::string err;
};

// Built once per process; the folder goes when the process ends.
const Built& hostile_build() {
    static const std::unique_ptr<Built> built = [] {
        auto b = std::make_unique<Built>();
        write_hostile_site(b->tmp / "content");
        bulletin::BuildOptions options;
        options.content_dir = (b->tmp / "content").string();
        options.out_dir = (b->tmp / "public").string();
        options.themes_dir = test::themes_dir().string();
        std::ostringstream out, err;
        const int status = bulletin::run_build(options, out, err);
        b->err = err.str();
        if (status != 0) throw std::runtime_error("build failed: " + b->err);
        b->files = test::read_tree(b->tmp / "public");
        return b;
    }();
    return *built;
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// RFC 4180 rows of a CSV file (after its BOM).
std::vector<std::vector<std::string>> parse_csv(std::string text) {
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back() += '"', ++i;
            else if (c == '"') quoted = false;
            else rows.back().back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().emplace_back();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            ++i;
            if (i + 1 < text.size()) rows.emplace_back(1);
        } else {
            rows.back().back() += c;
        }
    }
    return rows;
}

}  // namespace

TEST_CASE("escaping: the hostile site builds, with every page") {
    const Built& b = hostile_build();
    CHECK(b.files.count("index.html"));
    CHECK(b.files.count("2022/hostile/index.html"));
    CHECK(b.files.count("2022/formula/index.html"));
    CHECK(b.files.count("departments/fagai/index.html"));
    CHECK(b.files.count("feed.xml"));
    CHECK(b.files.count("sitemap.xml"));
    CHECK(b.files.count("data/2022.json"));
    CHECK(b.files.count("data/2022.csv"));
}

TEST_CASE("escaping: no page, feed or sitemap holds the markup as markup") {
    std::size_t checked = 0;
    for (const auto& [path, bytes] : hostile_build().files) {
        if (!ends_with(path, ".html") && !ends_with(path, ".xml")) continue;
        INFO(path);
        ++checked;
        CHECK(bytes.find("<script>alert") == std::string::npos);
        CHECK(bytes.find("<img src=x") == std::string::npos);
        CHECK(bytes.find("<b>") == std::string::npos);
        CHECK(bytes.find("javascript:") == std::string::npos);
        for (const std::string& link : test::links_of(bytes)) CHECK(link.find("alert") == std::string::npos);
    }
    CHECK(checked >= 10);
}

TEST_CASE("escaping: the markup is still shown, as text, where the editor typed it") {
    const auto& files = hostile_build().files;
    const std::string page = files.at("2022/hostile/index.html");
    const std::string text = test::html_text(page);
    const auto no_spaces = [](std::string s) {
        s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
        return s;
    };
    CHECK(text.find("充电" + script) != std::string::npos);        // title
    CHECK(text.find("区" + script + "局") != std::string::npos);   // department
    CHECK(text.find("区教育局" + no_spaces(img)) != std::string::npos);  // co-department
    CHECK(text.find("正文" + script + "与" + no_spaces(img)) != std::string::npos);  // body
    CHECK(text.find("点我") != std::string::npos);                    // the dropped link's text
    CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    const std::string feed = files.at("feed.xml");
    CHECK(feed.find("<title>充电&lt;script&gt;alert(1)&lt;/script&gt;</title>") != std::string::npos);
}

TEST_CASE("escaping: open data keeps what the editor typed as data") {
    const auto& files = hostile_build().files;
    const auto doc = nlohmann::json::parse(files.at("data/2022.json"));
    REQUIRE(doc["projects"].size() == 2);
    const auto& p = doc["projects"][0];
    CHECK(p["title"] == "充电" + script);
    CHECK(p["department"] == "区" + script + "局");
    CHECK(p["tags"] == nlohmann::json::array({script, img}));
    CHECK(p["metrics"][0]["label"] == script);
    CHECK(p["corrections"][0]["note"] == script + img);
    CHECK(doc["projects"][1]["title"] == formula);
    for (const auto& [path, bytes] : files) {
        if (!ends_with(path, ".json")) continue;
        INFO(path);
        CHECK_NOTHROW(nlohmann::json::parse(bytes));
    }
}

TEST_CASE("escaping: no CSV cell starts a spreadsheet formula") {
    const auto rows = parse_csv(hostile_build().files.at("data/2022.csv"));
    REQUIRE(rows.size() == 3);  // header and two projects
    for (const auto& row : rows) {
        CHECK(row.size() == rows[0].size());
        for (const std::string& cell : row) {
            INFO(cell);
            CHECK((cell.empty() || std::string("=+-@").find(cell[0]) == std::string::npos));
        }
    }
    const auto& formula_row = rows[2];
    CHECK(formula_row[1] == "'" + formula);
    CHECK(formula_row[5] == "'+1、@SUM(A1)");
    CHECK(formula_row[6].rfind("'-2+3", 0) == 0);
    CHECK(formula_row[7] == "'=1+2 正文。");
    // The hostile row keeps its text intact inside a quoted cell.
    CHECK(rows[1][1] == "充电" + script);
}
