// Checks (checks.h) on what a reader holds the commission to: each one has a
// content tree that triggers it, at the file, line and column of the words
// that disagree, and one that must not.
#include <catch2/catch.hpp>

#include <sstream>

#include "../support/test_support.h"
#include "build.h"
#include "checks.h"
#include "load_site.h"
#include "verify.h"
#include "diagnostics.h"
#include "model.h"

namespace {

using bulletin::Diagnostic;
using bulletin::Diagnostics;
using bulletin::Severity;
using test::project_file;

const std::string zh = "zh-CN";

struct Content {
    test::TempDir tmp;
    std::filesystem::path dir = tmp / "content";
    Diagnostics diags;

    Content() { test::write_minimal_site(dir); }
    void write(const std::string& rel, const std::string& bytes) const { test::write_file(dir / rel, bytes); }
    std::string shown(const std::string& rel) const { return (dir / rel).lexically_normal().generic_string(); }
    std::optional<bulletin::Site> load(bool drafts = false) {
        diags = {};
        bulletin::LoadOptions options;
        options.drafts = drafts;
        return bulletin::load_site(dir.string(), options, diags);
    }
    std::string report() const { return bulletin::format_diagnostics(diags, zh); }
    // An edition _index.md with this preamble and these extra front-matter lines.
    void edition(const std::string& id, int year, const std::string& preamble, const std::string& extra = "") const {
        write(id + "/_index.md", "+++\ntitle = \"专项治理工作成果\"\nyear = " + std::to_string(year) + "\npublished = " +
                                     std::to_string(year + 1) + "-01-20\n" + extra + "+++\n" + preamble + "\n");
    }
    void project(const std::string& rel, int number, const std::string& body = "正文。\n",
                 const std::vector<std::string>& more = {}) const {
        std::vector<std::string> fields = {"title = \"项目" + std::to_string(number) + "\"", "department = \"区发改局\"",
                                           "number = " + std::to_string(number)};
        fields.insert(fields.end(), more.begin(), more.end());
        write(rel, project_file(fields, body));
    }
    std::vector<Diagnostic> all() const { return diags.sorted(); }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void check_one(const Content& c, const std::string& file, Severity severity, int line, int column,
               const std::string& part) {
    INFO(c.report());
    const auto found = c.all();
    REQUIRE(found.size() == 1);
    CHECK(found[0].loc.file == c.shown(file));
    CHECK(found[0].severity == severity);
    CHECK(found[0].loc.line == line);
    CHECK(found[0].loc.column == column);
    CHECK(has(found[0].message, part));
    CHECK_FALSE(found[0].hint.empty());
    CHECK_FALSE(found[0].source_line.empty());
}

void check_none(Content& c, bool drafts = false) {
    auto site = c.load(drafts);
    INFO(c.report());
    CHECK(site.has_value());
    CHECK(c.diags.items().empty());
}

const std::vector<std::string> kChargers = {"[[metrics]]", "label = \"公共充电桩\"", "value = 71", "unit = \"个\"",
                                            "target = 60"};
const std::vector<std::string> kRate = {"[[metrics]]", "label = \"任务完成率\"", "value = 120.30", "unit = \"%\""};

}  // namespace

TEST_CASE("checks: read_number reads Arabic and Chinese numerals") {
    std::size_t len = 0;
    CHECK(bulletin::read_number("13个", len) == 13);
    CHECK(len == 2);
    CHECK(bulletin::read_number("6.6525万人", len) == 6.6525);
    CHECK(bulletin::read_number("十三个", len) == 13);
    CHECK(len == 6);
    CHECK(bulletin::read_number("两家", len) == 2);
    CHECK(bulletin::read_number("二十", len) == 20);
    CHECK(bulletin::read_number("一百零一", len) == 101);
    CHECK(bulletin::read_number("一百一十", len) == 110);
    CHECK_FALSE(bulletin::read_number("个", len).has_value());
}

TEST_CASE("checks: numbers 1, 2, 4 are an error at the number after the gap") {
    Content c;
    c.project("2022/a.md", 1);
    c.project("2022/b.md", 2);
    c.project("2022/d.md", 4);
    CHECK_FALSE(c.load().has_value());
    check_one(c, "2022/d.md", Severity::error, 4, 10, "缺少 3");
    CHECK(has(c.all()[0].hint, "number = 4 改为 3"));
}

TEST_CASE("checks: numbers starting at 2 are a gap too, 1 to n is none") {
    Content c;
    c.project("2022/b.md", 2);
    c.project("2022/c.md", 3);
    CHECK_FALSE(c.load().has_value());
    check_one(c, "2022/b.md", Severity::error, 4, 10, "缺少 1");
    c.project("2022/a.md", 1);
    check_none(c);
}

TEST_CASE("checks: a gap filled by a draft left out is a warning, and none with --drafts") {
    Content c;
    c.project("2022/a.md", 1);
    c.project("2022/b.md", 2, "正文。\n", {"draft = true"});
    c.project("2022/c.md", 3);
    REQUIRE(c.load().has_value());
    check_one(c, "2022/c.md", Severity::warning, 4, 10, "草稿");
    check_none(c, true);
}

TEST_CASE("checks: a percentage of a target must agree with the metric to the precision written") {
    Content c;
    c.project("2022/a.md", 1, "1. 建成公共充电桩71个，完成目标的120%，超额完成。\n", kChargers);
    REQUIRE(c.load().has_value());
    check_one(c, "2022/a.md", Severity::warning, 11, 20, "120%");
    CHECK(has(c.all()[0].message, "71 ÷ 目标 60 = 118%"));
    CHECK(has(c.all()[0].hint, "118%"));

    for (const std::string ok : {"目标(60个)的118%", "完成目标的118%", "目标(60个)的118.3%", "目标(60个)的118.33%",
                                 "同比下降3.8%"}) {
        c.project("2022/a.md", 1, "1. 建成公共充电桩71个，" + ok + "，超额完成。\n", kChargers);
        INFO(ok);
        check_none(c);
    }
    c.project("2022/a.md", 1, "1. 建成公共充电桩71个，完成目标(60个)的118.4%。\n", kChargers);
    REQUIRE(c.load().has_value());
    check_one(c, "2022/a.md", Severity::warning, 11, 25, "118.4%");

    // 2 of 3 is 66.666…%: rounded (67%, 66.7%) or cut (66%, 66.6%) at the places written, both agree.
    const std::vector<std::string> two_of_three = {"[[metrics]]", "label = \"改造老旧小区\"", "value = 2",
                                                   "unit = \"个\"", "target = 3"};
    for (const std::string ok : {"67%", "66.7%", "66%", "66.6%", "66.67%"}) {
        c.project("2022/a.md", 1, "改造老旧小区2个，为目标(3个)的" + ok + "。\n", two_of_three);
        INFO(ok);
        check_none(c);
    }
    c.project("2022/a.md", 1, "改造老旧小区2个，为目标(3个)的68%。\n", two_of_three);
    REQUIRE(c.load().has_value());
    check_one(c, "2022/a.md", Severity::warning, 11, 18, "68%");
}

TEST_CASE("checks: with two targets, the one written next to the percentage is the one compared") {
    Content c;
    std::vector<std::string> two = kChargers;
    for (const char* l : {"[[metrics]]", "label = \"老旧小区充电桩\"", "value = 10", "unit = \"个\"", "target = 8"}) two.push_back(l);
    c.project("2022/a.md", 1, "老旧小区充电桩10个，为目标(8个)的125%；公共充电桩为目标(60个)的118%。\n", two);
    check_none(c);
    c.project("2022/a.md", 1, "老旧小区充电桩10个，为目标(8个)的118%。\n", two);
    REQUIRE(c.load().has_value());
    check_one(c, "2022/a.md", Severity::warning, 16, 20, "老旧小区充电桩");
}

TEST_CASE("checks: a rate written in the text must agree with a metric in per cent") {
    Content c;
    c.project("2022/a.md", 1, "全区共完成体检6.6525万人，任务完成率120.30%。\n", kRate);
    check_none(c);
    c.project("2022/a.md", 1, "全区共完成体检6.6525万人，完成率120.3%。\n", kRate);
    check_none(c);
    c.project("2022/a.md", 1, "全区共完成体检6.6525万人，任务完成率121.30%。\n", kRate);
    REQUIRE(c.load().has_value());
    check_one(c, "2022/a.md", Severity::warning, 10, 22, "121.30%");
}

TEST_CASE("checks: counts in the preamble must match the edition, Chinese numerals too") {
    Content c;
    c.project("2022/a.md", 1, "正文。\n", {"co_departments = [\"区住建局\"]"});
    c.project("2022/b.md", 2);
    c.edition("2022", 2022, "会同3家单位精选十三个群众反映强烈的问题开展专项治理。");
    REQUIRE(c.load().has_value());
    INFO(c.report());
    const auto found = c.all();
    REQUIRE(found.size() == 2);
    CHECK(found[0].loc.line == 6);
    CHECK(found[0].loc.column == 3);
    CHECK(has(found[0].message, "“3”家单位"));
    CHECK(found[1].loc.column == 9);
    CHECK(has(found[1].message, "共 2 个项目"));

    // The lead department alone (1) or with the co-department (2) both match.
    for (const std::string ok : {"会同1家单位精选两个群众反映强烈的问题开展专项治理。",
                                 "会同2家单位精选2个问题，整改问题27个，发现15个问题。", "共2个项目。"}) {
        c.edition("2022", 2022, ok);
        INFO(ok);
        check_none(c);
    }
}

TEST_CASE("checks: a figure repeated in the preamble must match its [[figures]] entry") {
    Content c;
    c.project("2022/a.md", 1);
    const std::string figures = "[[figures]]\nlabel = \"下沉式监督检查\"\nvalue = 64\nunit = \"次\"\n";
    c.edition("2022", 2022, "开展下沉式监督检查97次，助推整改问题27个。", figures);
    REQUIRE(c.load().has_value());
    check_one(c, "2022/_index.md", Severity::warning, 10, 10, "97次");
    CHECK(has(c.all()[0].message, "64次"));
    c.edition("2022", 2022, "开展下沉式监督检查64次，助推整改问题27个。", figures);
    check_none(c);
}

TEST_CASE("checks: an edition title starting with its year is a warning, a published date before the year an error") {
    Content c;
    c.project("2022/a.md", 1);
    c.write("2022/_index.md", "+++\ntitle = \"2022年度专项治理工作成果\"\nyear = 2022\npublished = 2023-01-20\n+++\n前言。\n");
    REQUIRE(c.load().has_value());
    check_one(c, "2022/_index.md", Severity::warning, 2, 9, "2022年度");
    CHECK(has(c.all()[0].hint, "title = \"专项治理工作成果\""));

    c.write("2022/_index.md", "+++\ntitle = \"专项治理工作成果\"\nyear = 2022\npublished = 2021-01-20\n+++\n前言。\n");
    CHECK_FALSE(c.load().has_value());
    check_one(c, "2022/_index.md", Severity::error, 4, 13, "2021-01-20");

    c.write("2022/_index.md", "+++\ntitle = \"专项治理工作成果\"\nyear = 2022\npublished = 2022-12-30\n+++\n前言。\n");
    check_none(c);
}

TEST_CASE("checks: an older edition not archived is a warning, and archived, its relative time words are") {
    Content c;
    c.project("2022/a.md", 1);
    c.edition("2021", 2021, "前言。", "archived = false\n");
    c.project("2021/a.md", 1, "目前已建成充电桩10个。\n");
    REQUIRE(c.load().has_value());
    check_one(c, "2021/_index.md", Severity::warning, 5, 12, "2022");

    c.edition("2021", 2021, "今年以来，区纪委区监委开展专项治理。", "archived = true\n");
    c.project("2021/a.md", 1, "1. 截至目前已建成充电桩10个。\n2. 目前已完成，预计明年……目前。\n");
    REQUIRE(c.load().has_value());
    INFO(c.report());
    const auto found = c.all();
    REQUIRE(found.size() == 5);
    CHECK(found[0].loc.file == c.shown("2021/_index.md"));
    CHECK(found[0].loc.line == 7);
    CHECK(has(found[0].message, "“今年”"));
    CHECK(found[1].loc.file == c.shown("2021/a.md"));
    CHECK(found[1].loc.line == 6);
    CHECK(found[1].loc.column == 4);
    CHECK(has(found[1].message, "“截至目前”"));
    // Published text is changed in the open: the hint asks for a correction entry.
    CHECK(has(found[1].hint, "“截至目前”改为具体的日期"));
    CHECK(has(found[1].hint, "[[corrections]]"));
    CHECK_FALSE(has(found[0].hint, "[[corrections]]"));  // an edition's preamble has none
    CHECK(has(found[0].hint, "“今年”改为具体的日期"));
    CHECK(has(found[2].message, "“目前”"));
    CHECK(has(found[2].message, "共 2 处"));
    CHECK(found[2].loc.line == 7);

    // The newest edition may say 目前.
    c.project("2021/a.md", 1, "正文。\n");
    c.edition("2021", 2021, "前言。", "archived = true\n");
    c.project("2022/a.md", 1, "目前已建成充电桩10个，预计明年完成。\n");
    check_none(c);
}

TEST_CASE("checks: --strict makes warnings errors, and check then exits 1") {
    Content c;
    c.project("2022/a.md", 1, "1. 建成公共充电桩71个，完成目标的120%。\n", kChargers);
    bulletin::BuildOptions options;
    options.content_dir = c.dir.string();
    options.themes_dir = test::themes_dir().string();
    std::ostringstream out, err;
    CHECK(bulletin::run_check(options, out, err) == 0);
    CHECK(has(err.str(), "警告: 正文写的 120%"));
    CHECK(has(out.str(), "1 个警告"));
    options.strict = true;
    std::ostringstream out2, err2;
    CHECK(bulletin::run_check(options, out2, err2) == 1);
    CHECK(has(err2.str(), "错误: 正文写的 120%"));
    options.out_dir = (c.tmp / "public").string();
    std::ostringstream out3, err3;
    CHECK(bulletin::run_build(options, out3, err3) == 1);
    CHECK_FALSE(std::filesystem::exists(c.tmp / "public"));
}

TEST_CASE("checks: messages of check, build and verify follow the site's language") {
    Content c;
    test::write_file(c.dir / "site.toml",
                     "title = \"Test\"\nbase_url = \"https://www.example.gov.cn/bulletin/\"\nlanguage = \"en\"\n");
    c.project("2022/a.md", 1, "1. 建成公共充电桩71个，完成目标的120%。\n", kChargers);
    bulletin::BuildOptions options;
    options.content_dir = c.dir.string();
    options.out_dir = (c.tmp / "public").string();
    options.themes_dir = test::themes_dir().string();
    std::ostringstream out, err;
    CHECK(bulletin::run_check(options, out, err) == 0);
    CHECK(has(err.str(), "warning: the text says 120% but the metric \"公共充电桩\" gives 71 ÷ target 60 = 118%"));
    CHECK(has(out.str(), "no errors, 1 warning(s)"));
    std::ostringstream bout, berr;
    CHECK(bulletin::run_build(options, bout, berr) == 0);
    CHECK(has(bout.str(), "build: 1 edition(s), 1 project(s)"));
    std::ostringstream vout, verr;
    CHECK(bulletin::run_verify(options.out_dir, vout, verr, "") == 0);
    CHECK(has(vout.str(), "0 changed, 0 missing, 0 extra — identical"));
    test::write_file(c.tmp / "public" / "extra.txt", "x");
    std::ostringstream vout2, verr2;
    CHECK(bulletin::run_verify(options.out_dir, vout2, verr2, "") == 1);
    CHECK(has(vout2.str(), "1 extra — different"));
}

TEST_CASE("checks: messages of a Chinese site stay Chinese") {
    Content c;
    c.project("2022/a.md", 1);
    bulletin::BuildOptions options;
    options.content_dir = c.dir.string();
    options.out_dir = (c.tmp / "public").string();
    options.themes_dir = test::themes_dir().string();
    std::ostringstream out, err, vout, verr;
    CHECK(bulletin::run_build(options, out, err) == 0);
    CHECK(has(out.str(), "build: 1 期 1 个项目"));
    CHECK(bulletin::run_verify(options.out_dir, vout, verr, "") == 0);
    CHECK(has(vout.str(), "0 个多余 — 一致"));
}

// tests/checks/editor-mistakes/2023 is a next edition made from the real 2022
// bulletin with the mistakes editors make planted in it (each file says
// which); beside the real content/2022, left without archived = true.
TEST_CASE("checks: the planted editor mistakes are each reported, and nothing else") {
    test::TempDir tmp;
    const std::filesystem::path content = tmp / "content";
    std::filesystem::copy(test::source_dir() / "content", content, std::filesystem::copy_options::recursive);
    std::filesystem::copy(test::source_dir() / "tests/checks/editor-mistakes/2023", content / "2023");
    const auto r = test::run_cli("check --content " + test::shell_quote(content.string()), tmp.path());
    INFO(r.err);
    CHECK(r.status == 0);
    const std::string expected = test::read_file(test::source_dir() / "tests/checks/editor-mistakes/expected-warnings.txt");
    std::string got = r.err;
    for (std::size_t at; (at = got.find(content.string())) != std::string::npos;) got.replace(at, content.string().size(), "content");
    if (std::getenv("UPDATE_GOLDEN") && std::string(std::getenv("UPDATE_GOLDEN")) == "1") {
        test::write_file(test::source_dir() / "tests/checks/editor-mistakes/expected-warnings.txt", got);
    } else {
        CHECK(got == expected);
    }
    CHECK(has(got, "共 0 个错误，6 个警告"));
}
