// Validation (model.h load_site, load_config.h, fields.h): every problem an
// editor can cause is reported at its file, line and column, all of them in
// one run, with a message naming the field and a hint how to fix it.
#include <catch2/catch.hpp>

#include <algorithm>

#include "../support/test_support.h"
#include "diagnostics.h"
#include "load_site.h"

namespace {

using bulletin::Diagnostic;
using bulletin::Diagnostics;
using bulletin::Severity;
using test::project_file;
using test::write_file;

const std::string zh = "zh-CN";

// A content tree in a temp folder, loaded as load_site sees it.
struct Content {
    test::TempDir tmp;
    std::filesystem::path dir = tmp / "content";
    Diagnostics diags;

    Content() { test::write_minimal_site(dir); }
    void write(const std::string& rel, const std::string& bytes) const { write_file(dir / rel, bytes); }
    std::string shown(const std::string& rel) const { return (dir / rel).lexically_normal().generic_string(); }

    std::optional<bulletin::Site> load(bool drafts = false) {
        bulletin::LoadOptions options;
        options.drafts = drafts;
        return bulletin::load_site(dir.string(), options, diags);
    }
    std::string report() const { return bulletin::format_diagnostics(diags, zh); }

    // The diagnostics reported for one file.
    std::vector<Diagnostic> in(const std::string& rel) const {
        std::vector<Diagnostic> out;
        for (const Diagnostic& d : diags.items()) {
            if (d.loc.file == shown(rel)) out.push_back(d);
        }
        return out;
    }
    // The one diagnostic reported for a file.
    Diagnostic one(const std::string& rel) const {
        INFO(report());
        const auto found = in(rel);
        REQUIRE(found.size() == 1);
        return found[0];
    }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void check_at(const Diagnostic& d, Severity severity, int line, int column) {
    INFO(bulletin::format_diagnostic(d, zh));
    CHECK(d.severity == severity);
    CHECK(d.loc.line == line);
    CHECK(d.loc.column == column);
}

}  // namespace

TEST_CASE("validation: a valid tree loads with no diagnostic") {
    Content c;
    c.write("2022/ev-charging.md", project_file({"title = \"新能源汽车充电难问题专项治理\"", "department = \"区发改局\"",
                                                 "number = 1", "co_departments = [\"zhujian\"]"}));
    auto site = c.load();
    INFO(c.report());
    REQUIRE(site.has_value());
    CHECK(c.diags.items().empty());
    REQUIRE(site->projects.size() == 1);
    CHECK(site->departments[site->projects[0].department].slug == "fagai");
    REQUIRE(site->projects[0].co_departments.size() == 1);
    CHECK(site->departments[site->projects[0].co_departments[0]].name == "区住建局");
}

TEST_CASE("validation: each missing required field of a project is reported by name") {
    for (const std::string missing : {"title", "department", "number"}) {
        Content c;
        std::vector<std::string> fields;
        if (missing != "title") fields.push_back("title = \"甲\"");
        if (missing != "department") fields.push_back("department = \"区发改局\"");
        if (missing != "number") fields.push_back("number = 1");
        c.write("2022/a.md", project_file(fields));
        CHECK_FALSE(c.load().has_value());
        const Diagnostic d = c.one("2022/a.md");
        check_at(d, Severity::error, 1, 1);
        CHECK(d.message == "缺少必填字段“" + missing + "”");
        CHECK(has(d.hint, missing + " = "));
    }
}

TEST_CASE("validation: a number written as text is a wrong type at the value") {
    Content c;
    c.write("2022/a.md", project_file({"title = \"甲\"", "department = \"区发改局\"", "number = \"一\""}));
    CHECK_FALSE(c.load().has_value());
    const Diagnostic d = c.one("2022/a.md");
    check_at(d, Severity::error, 4, 10);
    CHECK(d.message == "字段“number”应为整数（不加引号），这里是文本");
    CHECK(d.source_line == "number = \"一\"");
    CHECK(d.hint == "例如：number = 1");
}

TEST_CASE("validation: other wrong types name the field and what it should be") {
    Content c;
    c.write("2022/a.md", project_file({"title = 1", "department = \"区发改局\"", "number = 1", "tags = \"充电桩\"",
                                       "draft = \"no\""}));
    CHECK_FALSE(c.load().has_value());
    INFO(c.report());
    const auto found = c.in("2022/a.md");
    REQUIRE(found.size() == 3);
    check_at(found[0], Severity::error, 2, 9);
    CHECK(has(found[0].message, "“title”"));
    check_at(found[1], Severity::error, 5, 8);
    CHECK(has(found[1].message, "“tags”"));
    check_at(found[2], Severity::error, 6, 9);
    CHECK(has(found[2].message, "“draft”"));
}

TEST_CASE("validation: an unknown department suggests the closest name") {
    Content c;
    c.write("2022/a.md", project_file({"title = \"甲\"", "department = \"区发改\"", "number = 1"}));
    c.write("2022/b.md", project_file({"title = \"乙\"", "department = \"市财政局\"", "number = 2"}));
    CHECK_FALSE(c.load().has_value());
    const Diagnostic a = c.one("2022/a.md");
    check_at(a, Severity::error, 3, 14);
    CHECK(has(a.message, "未知部门“区发改”"));
    CHECK(has(a.hint, "是否想写“区发改局”"));
    // Too far from any name: no guess, only where to add it.
    const Diagnostic b = c.one("2022/b.md");
    check_at(b, Severity::error, 3, 14);
    CHECK_FALSE(has(b.hint, "是否想写"));
    CHECK(has(b.hint, "departments.toml"));
}

TEST_CASE("validation: an unknown co-department is reported at its field") {
    Content c;
    c.write("2022/a.md", project_file({"title = \"甲\"", "department = \"区发改局\"", "number = 1",
                                       "co_departments = [\"zhujian\", \"区教育\"]"}));
    CHECK_FALSE(c.load().has_value());
    const Diagnostic d = c.one("2022/a.md");
    CHECK(d.loc.line == 5);
    CHECK(has(d.message, "“区教育”"));
    CHECK(has(d.hint, "区教育局"));
}

TEST_CASE("validation: a duplicate number in an edition points at the second file's number") {
    Content c;
    c.write("2022/a.md", project_file({"title = \"甲\"", "department = \"区发改局\"", "number = 3"}));
    c.write("2022/b.md", project_file({"title = \"乙\"", "department = \"区教育局\"", "number = 3"}));
    CHECK_FALSE(c.load().has_value());
    const Diagnostic d = c.one("2022/b.md");
    check_at(d, Severity::error, 4, 10);
    CHECK(has(d.message, "编号 3"));
    CHECK(has(d.message, c.shown("2022/a.md")));
    CHECK(d.source_line == "number = 3");
    CHECK(c.in("2022/a.md").empty());
}

TEST_CASE("validation: the same number in two editions is fine") {
    Content c;
    write_file(c.dir / "2021/_index.md", "+++\ntitle = \"工作成果\"\nyear = 2021\npublished = 2022-01-20\n+++\n");
    c.write("2021/a.md", project_file({"title = \"甲\"", "department = \"区发改局\"", "number = 1"}));
    c.write("2022/a.md", project_file({"title = \"乙\"", "department = \"区发改局\"", "number = 1"}));
    auto site = c.load();
    INFO(c.report());
    REQUIRE(site.has_value());
    REQUIRE(site->editions.size() == 2);
    CHECK(site->editions[0].id == "2022");  // newest first
}

TEST_CASE("validation: malformed TOML is reported at the file's line, after the front matter fence") {
    Content c;
    c.write("2022/a.md", project_file({"title = \"甲\"", "department = \"区发改局\"", "number 1"}));
    // The same mistake in a Windows file with a BOM is on the same line.
    c.write("2022/b.md", "\xEF\xBB\xBF+++\r\ntitle = \"乙乙乙\" x\r\n+++\r\n");
    CHECK_FALSE(c.load().has_value());
    const Diagnostic a = c.one("2022/a.md");
    check_at(a, Severity::error, 4, 8);
    CHECK(has(a.message, "TOML 格式错误"));
    CHECK(a.source_line == "number 1");
    const Diagnostic b = c.one("2022/b.md");
    check_at(b, Severity::error, 2, 15);  // columns are characters, not bytes
    CHECK(b.source_line == "title = \"乙乙乙\" x");
}

TEST_CASE("validation: a file that is not UTF-8 is reported where the bad bytes are") {
    Content c;
    c.write("2022/a.md", "+++\ntitle = \"\xB2\xE2\xCA\xD4\"\ndepartment = \"区发改局\"\nnumber = 1\n+++\n");
    CHECK_FALSE(c.load().has_value());
    const Diagnostic d = c.one("2022/a.md");
    check_at(d, Severity::error, 2, 10);
    CHECK(has(d.message, "UTF-8"));
}

TEST_CASE("validation: a file name that cannot be a URL suggests a slug") {
    Content c;
    c.write("2022/EV_Charging.md", project_file({"title = \"甲\"", "department = \"区发改局\"", "number = 1"}));
    CHECK_FALSE(c.load().has_value());
    const Diagnostic d = c.one("2022/EV_Charging.md");
    CHECK(d.severity == Severity::error);
    CHECK(d.loc.line == 0);  // the name, not a line, is wrong
    CHECK(has(d.message, "“EV_Charging”"));
    CHECK(d.hint == "请将其改名为“ev-charging”");
    CHECK(bulletin::format_diagnostic(d, zh).rfind(c.shown("2022/EV_Charging.md") + ": 错误: ", 0) == 0);
}

TEST_CASE("validation: an unknown field is a warning suggesting the known one") {
    Content c;
    c.write("2022/a.md", project_file({"titel = \"甲\"", "title = \"甲\"", "department = \"区发改局\"", "number = 1"}));
    auto site = c.load();
    INFO(c.report());
    REQUIRE(site.has_value());  // a warning does not stop the build
    const Diagnostic d = c.one("2022/a.md");
    CHECK(d.severity == Severity::warning);
    CHECK(d.loc.line == 2);
    CHECK(d.message == "未知字段“titel”，将被忽略");
    CHECK(d.hint == "是否想写“title”？");
}

TEST_CASE("validation: every problem of a run is reported, not only the first") {
    Content c;
    c.write("departments.toml", "[[department]]\nslug = \"fagai\"\nname = \"区发改局\"\n\n"
                                "[[department]]\nslug = \"fagai\"\nname = \"区教育局\"\n");
    c.write("2022/a.md", project_file({"title = \"甲\"", "department = \"区发改\"", "number = 1"}));
    c.write("2022/b.md", project_file({"department = \"区发改局\"", "number = \"二\""}));
    c.write("2022/c.md", "没有前置元数据\n");
    c.write("2022/d.md", project_file({"title = \"丁\"", "department = \"区发改局\"", "number = 4", "tag = []"}));
    CHECK_FALSE(c.load().has_value());
    INFO(c.report());
    CHECK(c.in("departments.toml").size() == 1);
    CHECK(c.in("2022/a.md").size() == 1);
    CHECK(c.in("2022/b.md").size() == 2);  // missing title and wrong number
    CHECK(c.in("2022/c.md").size() == 1);
    CHECK(c.in("2022/d.md").size() == 1);
    CHECK(c.diags.error_count() == 5);
    CHECK(c.diags.warning_count() == 1);
    CHECK(has(c.report(), "共 5 个错误，1 个警告"));
}

TEST_CASE("validation: a broken edition file does not hide the problems of its projects") {
    Content c;
    c.write("2022/_index.md", "+++\ntitle = \"工作成果\"\nyear = \"2022\"\npublished = 2023-01-20\n+++\n");
    c.write("2022/a.md", project_file({"title = \"甲\"", "department = \"区发改\"", "number = 1"}));
    write_file(c.dir / "2021/b.md", project_file({"department = \"区发改局\"", "number = 1"}));  // no _index.md
    CHECK_FALSE(c.load().has_value());
    INFO(c.report());
    CHECK(c.in("2022/_index.md").size() == 1);
    CHECK(c.in("2022/a.md").size() == 1);
    CHECK(c.in("2021/_index.md").size() == 1);
    CHECK(c.in("2021/b.md").size() == 1);
}

TEST_CASE("validation: drafts are left out unless asked for") {
    Content c;
    c.write("2022/a.md", project_file({"title = \"甲\"", "department = \"区发改局\"", "number = 1"}));
    c.write("2022/b.md", project_file({"title = \"乙\"", "department = \"区发改局\"", "number = 2", "draft = true"}));
    auto published = c.load(false);
    REQUIRE(published.has_value());
    REQUIRE(published->projects.size() == 1);
    CHECK(published->projects[0].slug == "a");
    auto with_drafts = c.load(true);
    REQUIRE(with_drafts.has_value());
    REQUIRE(with_drafts->projects.size() == 2);
    CHECK(with_drafts->projects[1].slug == "b");
    CHECK(with_drafts->projects[1].draft);
}

TEST_CASE("validation: an edition without its required fields is reported") {
    Content c;
    c.write("2022/_index.md", "+++\ntitle = \"工作成果\"\npublished = \"2023-01-20\"\n+++\n");
    CHECK_FALSE(c.load().has_value());
    INFO(c.report());
    const auto found = c.in("2022/_index.md");
    REQUIRE(found.size() == 2);
    CHECK(found[0].message == "缺少必填字段“year”");
    check_at(found[1], Severity::error, 3, 13);
    CHECK(has(found[1].message, "“published”"));
    CHECK(has(found[1].message, "日期"));
}

TEST_CASE("validation: a project number outside 1 to 9999 is an error at the value") {
    for (const int number : {0, 10000, -3}) {
        Content c;
        c.write("2022/a.md", project_file({"title = \"甲\"", "department = \"区发改局\"",
                                           "number = " + std::to_string(number)}));
        CHECK_FALSE(c.load().has_value());
        const Diagnostic d = c.one("2022/a.md");
        check_at(d, Severity::error, 4, 10);
        CHECK(d.message == "编号应为 1 到 9999 之间的整数，这里是 " + std::to_string(number));
    }
    for (const int number : {1, 9999}) {
        // In range: no range error (a lone 9999 is only a numbering gap, reported apart).
        Content c;
        c.write("2022/a.md", project_file({"title = \"甲\"", "department = \"区发改局\"",
                                           "number = " + std::to_string(number)}));
        INFO(number);
        const bool loaded = c.load().has_value();
        CHECK(loaded == (number == 1));
        for (const Diagnostic& d : c.diags.items()) CHECK_FALSE(has(d.message, "编号应为 1 到 9999"));
    }
}

TEST_CASE("validation: an empty title is an error at the value") {
    Content c;
    c.write("2022/a.md", project_file({"title = \"\"", "department = \"区发改局\"", "number = 1"}));
    CHECK_FALSE(c.load().has_value());
    const Diagnostic d = c.one("2022/a.md");
    check_at(d, Severity::error, 2, 9);
    CHECK(d.message == "字段“title”不能为空");
}

TEST_CASE("validation: files and folders whose names start with _ or . are not read, _index.md aside") {
    Content c;
    c.write("2022/a.md", project_file({"title = \"甲\"", "department = \"区发改局\"", "number = 1"}));
    // Notes an editor keeps beside the projects: not projects, not checked.
    c.write("2022/_notes.md", "待核实的数字：\n");
    c.write("2022/.a.md.swp", "\x01\x02");
    c.write("2022/_old/b.md", project_file({"title = \"乙\"", "department = \"区发改局\"", "number = 1"}));
    c.write("_drafts/2023/_index.md", "+++\n");
    auto site = c.load();
    INFO(c.report());
    REQUIRE(site.has_value());
    CHECK(c.diags.items().empty());
    REQUIRE(site->projects.size() == 1);
    CHECK(site->projects[0].slug == "a");
    CHECK(site->editions.size() == 1);
}
