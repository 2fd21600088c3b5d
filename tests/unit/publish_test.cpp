// Publishing (publish.h, build.h, the CLI): the output folder changes only
// when a build succeeds, only where something changed, the same content
// gives the same bytes, and the exit codes say what went wrong.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <sstream>

#include "../support/test_support.h"
#include "build.h"
#include "files.h"
#include "manifest.h"
#include "verify.h"
#include "publish.h"

namespace {

namespace fs = std::filesystem;
using test::project_file;
using test::write_file;

// A content folder with two projects and a build that publishes it.
struct Workspace {
    test::TempDir tmp;
    fs::path content = tmp / "content";
    fs::path out = tmp / "public";
    std::string summary;  // the last build's stdout
    std::string errors;   // the last build's stderr

    Workspace() {
        test::write_minimal_site(content);
        write_file(content / "2022/ev-charging.md",
                   project_file({"title = \"新能源汽车充电难问题专项治理\"", "department = \"区发改局\"", "number = 1"},
                                "建成公共充电桩71个。\n"));
        write_file(content / "2022/school-fees.md",
                   project_file({"title = \"教育乱收费专项治理\"", "department = \"区教育局\"", "number = 2"},
                                "退还8.98万元。\n"));
    }

    int build(const fs::path& to) {
        bulletin::BuildOptions options;
        options.content_dir = content.string();
        options.out_dir = to.string();
        options.themes_dir = test::themes_dir().string();
        std::ostringstream o, e;
        const int status = bulletin::run_build(options, o, e);
        summary = o.str();
        errors = e.str();
        return status;
    }
    int build() { return build(out); }

    // "写入 N 个" from the summary line.
    int written() const {
        std::smatch m;
        if (!std::regex_search(summary, m, std::regex("写入 (\\d+) 个"))) return -1;
        return std::stoi(m[1].str());
    }
};

// Nothing but the named folders in `dir`: no staging or old copies left behind.
std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("publish: a build with content errors leaves the output folder exactly as it was") {
    Workspace w;
    REQUIRE(w.build() == 0);
    test::age_files(w.out);
    const auto before = test::read_tree(w.out);
    const auto stamps = test::stamps(w.out);
    write_file(w.content / "2022/school-fees.md", project_file({"title = \"教育乱收费专项治理\"", "number = 2"}));
    write_file(w.content / "2022/new.md", project_file({"title = \"新项目\"", "department = \"区发改局\"", "number = 3"}));
    CHECK(w.build() == bulletin::exit_content_error);
    CHECK(w.errors.find("缺少必填字段“department”") != std::string::npos);
    CHECK(w.summary.empty());
    CHECK(test::read_tree(w.out) == before);
    CHECK(test::stamps(w.out) == stamps);
    CHECK(names_in(w.tmp.path()) == std::vector<std::string>{"content", "public"});
}

TEST_CASE("publish: two builds of the same content give byte-identical trees") {
    Workspace w;
    REQUIRE(w.build(w.tmp / "a") == 0);
    REQUIRE(w.build(w.tmp / "b") == 0);
    const auto a = test::read_tree(w.tmp / "a");
    const auto b = test::read_tree(w.tmp / "b");
    CHECK(a.size() > 10);
    CHECK(a == b);
}

TEST_CASE("publish: a rebuild with nothing changed writes no file") {
    Workspace w;
    REQUIRE(w.build() == 0);
    CHECK(w.written() > 10);
    test::age_files(w.out);
    const auto stamps = test::stamps(w.out);
    REQUIRE(w.build() == 0);
    CHECK(w.written() == 0);
    CHECK(w.summary.find("删除 0 个") != std::string::npos);
    CHECK(test::stamps(w.out) == stamps);
}

TEST_CASE("publish: a changed project rewrites what shows it and links the rest unchanged") {
    Workspace w;
    REQUIRE(w.build() == 0);
    test::age_files(w.out);
    const auto before = test::stamps(w.out);
    write_file(w.content / "2022/school-fees.md",
               project_file({"title = \"教育乱收费专项治理\"", "department = \"区教育局\"", "number = 2"},
                            "退还8.98万元，已全部退还。\n"));
    REQUIRE(w.build() == 0);
    const auto after = test::stamps(w.out);
    CHECK(after.at("2022/school-fees/index.html") != before.at("2022/school-fees/index.html"));
    CHECK(after.at("2022/index.html") != before.at("2022/index.html"));
    CHECK(after.at("data/2022.json") != before.at("data/2022.json"));
    // Pages that do not show the body keep their file, inode and time.
    CHECK(after.at("2022/ev-charging/index.html") == before.at("2022/ev-charging/index.html"));
    CHECK(after.at("departments/index.html") == before.at("departments/index.html"));
    CHECK(after.at("assets/style.css") == before.at("assets/style.css"));
    CHECK(w.written() > 0);
    CHECK(w.written() < static_cast<int>(before.size()) / 2);
}

TEST_CASE("publish: a removed project's pages disappear") {
    Workspace w;
    REQUIRE(w.build() == 0);
    REQUIRE(fs::exists(w.out / "2022/school-fees/index.html"));
    fs::remove(w.content / "2022/school-fees.md");
    REQUIRE(w.build() == 0);
    CHECK_FALSE(fs::exists(w.out / "2022/school-fees"));
    CHECK(fs::exists(w.out / "2022/ev-charging/index.html"));
    CHECK(w.summary.find("删除 0 个") == std::string::npos);
    CHECK(test::read_file(w.out / "2022/index.html").find("school-fees") == std::string::npos);
    CHECK(test::read_file(w.out / "sitemap.xml").find("school-fees") == std::string::npos);
}

// A second, older edition beside 2022.
static void add_2021(const fs::path& content) {
    write_file(content / "2021" / "_index.md",
               "+++\ntitle = \"专项治理工作成果\"\nyear = 2021\npublished = 2022-01-20\n+++\n前言。\n");
    write_file(content / "2021/heating.md",
               project_file({"title = \"供暖问题专项治理\"", "department = \"区住建局\"", "number = 1"}, "整改12处。\n"));
}

// Builds with BULLETIN_TIMINGS=1 and returns the line saying what was reused.
static std::string build_reporting_reuse(Workspace& w) {
    ::setenv("BULLETIN_TIMINGS", "1", 1);
    const int status = w.build();
    ::unsetenv("BULLETIN_TIMINGS");
    REQUIRE(status == 0);
    std::smatch m;
    const std::string errors = w.errors;
    return std::regex_search(errors, m, std::regex("reused: [^\n]*")) ? m.str() : std::string();
}

TEST_CASE("publish: a rebuild after a change keeps the other editions' files unrendered and updates in place") {
    Workspace w;
    add_2021(w.content);
    REQUIRE(w.build() == 0);
    const auto before = test::stamps(w.out);
    write_file(w.content / "2022/school-fees.md",
               project_file({"title = \"教育乱收费专项治理\"", "department = \"区教育局\"", "number = 2"},
                            "退还8.98万元，已全部退还。\n"));
    CHECK(build_reporting_reuse(w) == "reused: 1 of 2 editions, output updated in place");
    const auto after = test::stamps(w.out);
    for (const auto& [path, stamp] : after) {
        INFO(path);
        if (fs::is_directory(w.out / path)) continue;  // folders are new: the site is swapped in whole
        if (path.rfind("2021", 0) == 0 || path.rfind("data/2021.", 0) == 0) CHECK(stamp == before.at(path));
    }
    CHECK(after.at("2022/school-fees/index.html") != before.at("2022/school-fees/index.html"));
    CHECK(after.at("2022/ev-charging/index.html") == before.at("2022/ev-charging/index.html"));
    CHECK(w.written() > 0);
    // The same bytes as a build from nothing, and no staging folder left behind.
    REQUIRE(w.build(w.tmp / "fresh") == 0);
    CHECK(test::read_tree(w.out) == test::read_tree(w.tmp / "fresh"));
    CHECK(names_in(w.tmp.path()) == std::vector<std::string>{"content", "fresh", "public"});
    // A project moved out of 2021: its folder goes, 2022 is reused this time.
    fs::remove(w.content / "2021/heating.md");
    write_file(w.content / "2021/roads.md",
               project_file({"title = \"道路问题专项治理\"", "department = \"区住建局\"", "number = 1"}, "修复3处。\n"));
    CHECK(build_reporting_reuse(w) == "reused: 1 of 2 editions, output updated in place");
    CHECK_FALSE(fs::exists(w.out / "2021/heating"));
    CHECK(w.summary.find("删除 0 个") == std::string::npos);
    fs::remove_all(w.tmp / "fresh");
    REQUIRE(w.build(w.tmp / "fresh") == 0);
    CHECK(test::read_tree(w.out) == test::read_tree(w.tmp / "fresh"));
}

TEST_CASE("publish: an in-place rebuild writes a file whose edit kept its size") {
    Workspace w;
    add_2021(w.content);
    REQUIRE(w.build() == 0);
    // 71 → 17: every file that shows the figure keeps its size, not its bytes.
    write_file(w.content / "2022/ev-charging.md",
               project_file({"title = \"新能源汽车充电难问题专项治理\"", "department = \"区发改局\"", "number = 1"},
                            "建成公共充电桩17个。\n"));
    CHECK(build_reporting_reuse(w) == "reused: 1 of 2 editions, output updated in place");
    CHECK(test::read_file(w.out / "2022/ev-charging/index.html").find("充电桩17个") != std::string::npos);
    REQUIRE(w.build(w.tmp / "fresh") == 0);
    CHECK(test::read_tree(w.out) == test::read_tree(w.tmp / "fresh"));
}

TEST_CASE("publish: a stray file in the output where the new site needs a folder does not stop a full build") {
    // The whole new site is made beside the output and swapped in: nothing of
    // the old folder stands in its way, and a build that could only write
    // into the output itself would stop halfway, at 2021/.
    Workspace w;
    REQUIRE(w.build() == 0);
    write_file(w.out / "2021", "留在输出目录里的文件\n");
    add_2021(w.content);
    REQUIRE(w.build() == 0);
    INFO(w.errors);
    REQUIRE(w.build(w.tmp / "fresh") == 0);
    CHECK(test::read_tree(w.out) == test::read_tree(w.tmp / "fresh"));
}

TEST_CASE("publish: nothing is reused after a site-wide change, or when the output was touched") {
    Workspace w;
    add_2021(w.content);
    REQUIRE(w.build() == 0);
    // site.toml, departments.toml and the theme are on every page.
    write_file(w.content / "site.toml",
               "title = \"测试通报（新）\"\nbase_url = \"https://www.example.gov.cn/bulletin/\"\npublisher = \"测试区纪委区监委\"\n");
    CHECK(build_reporting_reuse(w) == "reused: 0 of 2 editions, output updated in place");
    CHECK(test::read_file(w.out / "2021/heating/index.html").find("测试通报（新）") != std::string::npos);
    // A file changed by hand: the folder is no longer what the stamp describes,
    // so the build makes everything and puts the file right.
    const std::string page = test::read_file(w.out / "2021/heating/index.html");
    write_file(w.out / "2021/heating/index.html", "<p>改过</p>\n");
    write_file(w.content / "2022/ev-charging.md",
               project_file({"title = \"新能源汽车充电难问题专项治理\"", "department = \"区发改局\"", "number = 1"},
                            "建成公共充电桩72个。\n"));
    CHECK(build_reporting_reuse(w) == "reused: 0 of 2 editions");
    CHECK(test::read_file(w.out / "2021/heating/index.html") == page);
    REQUIRE(w.build(w.tmp / "fresh") == 0);
    CHECK(test::read_tree(w.out) == test::read_tree(w.tmp / "fresh"));
}

TEST_CASE("publish: dot-files in the output folder survive a build") {
    Workspace w;
    REQUIRE(w.build() == 0);
    write_file(w.out / ".gitignore", "*.gz\n");
    write_file(w.out / ".well-known/security.txt", "Contact: mailto:a@example.gov.cn\n");
    write_file(w.content / "2022/school-fees.md",
               project_file({"title = \"教育乱收费专项治理（更新）\"", "department = \"区教育局\"", "number = 2"}));
    REQUIRE(w.build() == 0);
    CHECK(test::read_file(w.out / "2022/school-fees/index.html").find("（更新）") != std::string::npos);
    CHECK(test::read_file(w.out / ".gitignore") == "*.gz\n");
    CHECK(test::read_file(w.out / ".well-known/security.txt") == "Contact: mailto:a@example.gov.cn\n");
}

TEST_CASE("publish: a folder holding files no build made is refused (exit 2) and left alone") {
    Workspace w;
    write_file(w.out / "notes.txt", "私人文件\n");
    const auto r = test::run_cli("build --content " + test::shell_quote(w.content.string()) + " --out " +
                                     test::shell_quote(w.out.string()),
                                 test::source_dir());
    CHECK(r.status == 2);
    CHECK(r.err.find("manifest.json") != std::string::npos);
    CHECK(test::read_tree(w.out) == test::Tree{{"notes.txt", "私人文件\n"}});
    CHECK(names_in(w.tmp.path()) == std::vector<std::string>{"content", "public"});
    // An empty folder is fine.
    fs::remove(w.out / "notes.txt");
    CHECK(w.build() == 0);
}

TEST_CASE("publish: safe site paths stay inside the site") {
    CHECK(bulletin::is_safe_site_path("2022/ev-charging/index.html"));
    CHECK(bulletin::is_safe_site_path("feed.xml"));
    for (const char* bad : {"", "/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", "a/", "a\\b"}) {
        INFO(bad);
        CHECK_FALSE(bulletin::is_safe_site_path(bad));
    }
}

TEST_CASE("CLI: exit 0 on success with one summary line") {
    Workspace w;
    const auto r = test::run_cli("build --content " + test::shell_quote(w.content.string()) + " --out " +
                                     test::shell_quote(w.out.string()),
                                 test::source_dir());
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
    CHECK(r.out.find("2 个项目") != std::string::npos);
    const auto c = test::run_cli("check --content " + test::shell_quote(w.content.string()), test::source_dir());
    CHECK(c.status == 0);
    CHECK(c.out.find("没有错误") != std::string::npos);
}

TEST_CASE("CLI: exit 1 on content errors, for build and check") {
    Workspace w;
    write_file(w.content / "2022/bad.md", project_file({"title = \"甲\"", "department = \"区发改局\"", "number = \"三\""}));
    const std::string content = test::shell_quote(w.content.string());
    const auto check = test::run_cli("check --content " + content, test::source_dir());
    CHECK(check.status == 1);
    CHECK(check.err.find("bad.md:4:10: 错误: ") != std::string::npos);
    const auto build = test::run_cli("build --content " + content + " --out " + test::shell_quote(w.out.string()),
                                     test::source_dir());
    CHECK(build.status == 1);
    CHECK_FALSE(fs::exists(w.out));
}

TEST_CASE("CLI: exit 2 on usage and environment errors") {
    test::TempDir tmp;
    for (const std::string& args : std::vector<std::string>{"", "build --no-such-option", "check --no-such-option", "frobnicate",
                                   "build --content", "build --content " + test::shell_quote((tmp / "none").string())}) {
        INFO(args);
        const auto r = test::run_cli(args, tmp.path());
        CHECK(r.status == 2);
        CHECK_FALSE(r.err.empty());
    }
}

TEST_CASE("CLI: --help for build and check lists their options") {
    const auto build = test::run_cli("build --help", test::source_dir());
    CHECK(build.status == 0);
    for (const char* option : {"--content", "--out", "--drafts", "--base-url"}) {
        INFO(option);
        CHECK(build.out.find(option) != std::string::npos);
    }
    const auto check = test::run_cli("check --help", test::source_dir());
    CHECK(check.status == 0);
    CHECK(check.out.find("--content") != std::string::npos);
    CHECK(check.out.find("--out") == std::string::npos);
    const auto top = test::run_cli("--help", test::source_dir());
    CHECK(top.status == 0);
    CHECK(top.out.find("build") != std::string::npos);
    CHECK(top.out.find("check") != std::string::npos);
}

// ---- Interrupted, failed and concurrent builds (issue 15) ----

namespace {

using bulletin::files::testing::Op;

// Builds `w` with the Nth operation of kind `op` failing; true when the build
// succeeded (it ran fewer such operations, or the one that failed came after
// the new site was in place: the build record's), false when it failed.
bool build_failing_at(Workspace& w, Op op, std::size_t n) {
    bulletin::files::testing::fail_nth(op, n);
    int status = -1;
    try {
        status = w.build();
    } catch (const std::exception& e) {
        status = -2;
        w.errors = e.what();
    }
    const std::size_t ran = bulletin::files::testing::count(op);
    bulletin::files::testing::reset();
    if (status == 0) {
        INFO("operation " << n << " of " << ran);
        std::ostringstream out, err;
        CHECK(bulletin::run_verify(w.out.string(), out, err) == 0);
        return true;
    }
    REQUIRE(status == -2);
    CHECK(w.errors.find("Input/output error") != std::string::npos);
    return false;
}

void retitle(Workspace& w, int round) {
    write_file(w.content / "site.toml", "title = \"测试通报 第" + std::to_string(round) +
                                            "版\"\nbase_url = \"https://www.example.gov.cn/bulletin/\"\n"
                                            "publisher = \"测试区纪委区监委\"\n");
}

}  // namespace

TEST_CASE("publish: a write, rename, link or folder that fails at any point leaves the whole old site, in place or not") {
    Workspace w;
    add_2021(w.content);
    int round = 0;
    for (const bool in_place : {true, false}) {
        if (!in_place) ::setenv("BULLETIN_NO_STAMP", "1", 1);
        for (const Op op : {Op::write, Op::rename, Op::link, Op::mkdir}) {
            REQUIRE(w.build() == 0);
            const test::Tree site = test::read_tree(w.out);
            retitle(w, ++round);  // every page changes
            std::size_t failures = 0;
            for (std::size_t n = 1;; ++n) {
                INFO((in_place ? "in place, " : "full, ") << "operation kind " << static_cast<int>(op) << " number " << n);
                if (build_failing_at(w, op, n)) break;
                ++failures;
                // The output is the previous site, every byte, nothing added.
                REQUIRE(test::read_tree(w.out) == site);
                CHECK(names_in(w.tmp.path()) == std::vector<std::string>{"content", "public"});
                // Failing at the very first writes is enough to show the
                // pattern; past them, every fifth point keeps the test short.
                if (n > 12) n += 4;
            }
            // A full build writes the bytes when it cannot link an unchanged file.
            if (in_place || op != Op::link) CHECK(failures > 0);
            // The build that got through made the new site.
            CHECK(test::read_file(w.out / "2021/heating/index.html").find("第" + std::to_string(round) + "版") !=
                  std::string::npos);
            std::ostringstream out, err;
            CHECK(bulletin::run_verify(w.out.string(), out, err) == 0);
        }
    }
    ::unsetenv("BULLETIN_NO_STAMP");
}

TEST_CASE("publish: the output lock speaks the site's language") {
    Workspace w;
    std::string site = test::read_file(w.content / "site.toml");
    site.insert(0, "language = \"en\"\n");
    write_file(w.content / "site.toml", site);
    const bulletin::OutputLock held(w.out, "zh-CN");
    const auto r = test::run_cli("build --content " + test::shell_quote(w.content.string()) + " --out " +
                                     test::shell_quote(w.out.string()),
                                 test::source_dir());
    CHECK(r.status == 2);
    CHECK(r.err.find("is being written by another build (process " + std::to_string(::getpid())) != std::string::npos);
    CHECK(r.err.find("进程") == std::string::npos);
    // A link to nowhere as the output folder: named, in English too.
    fs::create_symlink(w.tmp / "gone", w.tmp / "dangling");
    const auto d = test::run_cli("build --content " + test::shell_quote(w.content.string()) + " --out " +
                                     test::shell_quote((w.tmp / "dangling").string()),
                                 test::source_dir());
    CHECK(d.status == 2);
    CHECK(d.err.find("is a symbolic link to nowhere") != std::string::npos);
}

TEST_CASE("publish: a second build of the same output folder stops and names the process holding it") {
    Workspace w;
    REQUIRE(w.build() == 0);
    const test::Tree site = test::read_tree(w.out);
    {
        const bulletin::OutputLock held(w.out);
        CHECK(fs::exists(w.tmp / ".public.lock"));
        CHECK(test::read_file(w.tmp / ".public.lock") == std::to_string(::getpid()) + "\n");
        retitle(w, 1);
        try {
            w.build();
            FAIL("the second build ran");
        } catch (const std::runtime_error& e) {
            const std::string what = e.what();
            CHECK(what.find("进程 " + std::to_string(::getpid())) != std::string::npos);
            CHECK(what.find("请等它结束后再运行") != std::string::npos);
        }
        CHECK(test::read_tree(w.out) == site);
        // The CLI says so too, with exit 2.
        const auto r = test::run_cli("build --content " + test::shell_quote(w.content.string()) + " --out " +
                                         test::shell_quote(w.out.string()),
                                     test::source_dir());
        CHECK(r.status == 2);
        CHECK(r.err.find("进程 " + std::to_string(::getpid())) != std::string::npos);
    }
    // Released: no lock file is left, and the next build runs.
    CHECK_FALSE(fs::exists(w.tmp / ".public.lock"));
    REQUIRE(w.build() == 0);
    CHECK(test::read_file(w.out / "index.html").find("第1版") != std::string::npos);
}

TEST_CASE("publish: a lock left by a build that died is taken over") {
    Workspace w;
    // What a killed build leaves: the file, with a pid that no longer runs, and nobody's flock.
    write_file(w.tmp / ".public.lock", "999999999\n");
    REQUIRE(w.build() == 0);
    CHECK_FALSE(fs::exists(w.tmp / ".public.lock"));
}

TEST_CASE("publish: staging and old copies a killed build left beside the output are removed by the next build") {
    Workspace w;
    REQUIRE(w.build() == 0);
    write_file(w.tmp / ".public.staging-424242/2022/index.html", "半成品\n");
    write_file(w.tmp / ".public.old-424243/index.html", "旧的\n");
    write_file(w.tmp / ".other.staging-1/x", "another output's, left alone\n");
    retitle(w, 1);
    REQUIRE(w.build() == 0);
    CHECK(names_in(w.tmp.path()) == std::vector<std::string>{".other.staging-1", "content", "public"});
    // Also when there is nothing to rebuild.
    write_file(w.tmp / ".public.staging-424244/x", "x\n");
    REQUIRE(w.build() == 0);
    CHECK(w.written() == 0);
    CHECK_FALSE(fs::exists(w.tmp / ".public.staging-424244"));
}

TEST_CASE("publish: a symlinked output folder is followed, its target updated and the link kept") {
    Workspace w;
    const fs::path target = w.tmp / "srv/site";
    fs::create_directories(target.parent_path());
    REQUIRE(w.build(target) == 0);
    fs::create_directory_symlink(target, w.out);
    retitle(w, 1);
    for (int i = 0; i < 2; ++i) {  // a full build, then (with the record) in place
        INFO(i);
        REQUIRE(w.build() == 0);
        CHECK(fs::is_symlink(w.out));
        CHECK(fs::read_symlink(w.out) == target);
        CHECK(test::read_file(target / "index.html").find("第" + std::to_string(i + 1) + "版") != std::string::npos);
        CHECK(names_in(target.parent_path()) == std::vector<std::string>{"site"});
        retitle(w, i + 2);
    }
    std::ostringstream out, err;
    CHECK(bulletin::run_verify(target.string(), out, err) == 0);
}

TEST_CASE("publish: a symlinked edition folder in the content is built, and a change inside it is seen") {
    Workspace w;
    REQUIRE(w.build() == 0);
    const fs::path elsewhere = w.tmp / "elsewhere/2021";
    add_2021(w.tmp / "elsewhere");
    fs::create_directory_symlink(elsewhere, w.content / "2021");
    REQUIRE(w.build() == 0);
    CHECK(w.written() > 0);
    CHECK(test::read_file(w.out / "2021/heating/index.html").find("供暖问题专项治理") != std::string::npos);
    // An edit behind the link is a change like any other.
    write_file(elsewhere / "heating.md",
               project_file({"title = \"供暖问题专项治理（更新）\"", "department = \"区住建局\"", "number = 1"}, "整改13处。\n"));
    REQUIRE(w.build() == 0);
    CHECK(w.written() > 0);
    CHECK(test::read_file(w.out / "2021/heating/index.html").find("（更新）") != std::string::npos);
    // A link that leads back into the content is refused, not followed forever.
    fs::create_directory_symlink(w.content, elsewhere / "loop");
    write_file(elsewhere / "heating.md",
               project_file({"title = \"供暖问题专项治理（再更新）\"", "department = \"区住建局\"", "number = 1"}));
    REQUIRE(w.build() == 0);  // nothing can be recorded: the whole site is built
    CHECK(test::read_file(w.out / "2021/heating/index.html").find("（再更新）") != std::string::npos);
}
