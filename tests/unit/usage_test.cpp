// Mistakes on the command line: an unknown command or option is named as
// such, with the nearest valid one, in the site's language.
#include <catch2/catch.hpp>

#include "../support/test_support.h"

using namespace test;

namespace {
bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("usage an unknown command is named with the nearest command, in Chinese by default") {
    TempDir dir;
    CommandResult r = run_cli("serv", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "未知命令“serv”，是否想写“serve”？"));
    r = run_cli("biuld --content content", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "未知命令“biuld”，是否想写“build”？"));
    r = run_cli("publish", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "未知命令“publish”。可用的命令："));
    CHECK(has(r.err, "serve"));
    r = run_cli("new editon 2024", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "“editon”，是否想写“edition”？"));
    r = run_cli("", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "请写明命令"));
}

TEST_CASE("usage an unknown option is named with the nearest option of that command") {
    TempDir dir;
    CommandResult r = run_cli("serve --prot 8081", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "未知选项“--prot”（bulletin serve），是否想写“--port”？"));
    r = run_cli("build --drafs", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "是否想写“--drafts”？"));
    r = run_cli("check --frobnicate", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "未知选项“--frobnicate”"));
    // Known options, negated flags and joined values are not mistakes.
    write_minimal_site(dir / "content");
    r = run_cli("check --content=content --drafts", dir.path());
    CHECK(r.status == 0);
    r = run_cli("build --content content --out public --no-gzip --themes " + shell_quote(themes_dir().string()), dir.path());
    INFO(r.err);
    CHECK(r.status == 0);
}

TEST_CASE("usage mistakes follow the site's language") {
    TempDir dir;
    write_minimal_site(dir / "site");
    write_file(dir / "site/site.toml",
               "title = \"Test\"\nbase_url = \"https://www.example.gov.cn/bulletin/\"\nlanguage = \"en\"\n");
    CommandResult r = run_cli("serv --content site", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "unknown command \"serv\"; did you mean \"serve\"?"));
    r = run_cli("serve --content site --prot 1", dir.path());
    CHECK(has(r.err, "unknown option \"--prot\" for bulletin serve; did you mean \"--port\"?"));
    r = run_cli("new project 2024/a --content site", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "bulletin new project: the option --department is missing; for example  bulletin new project"));
}

TEST_CASE("usage what a command needs and was not given is named, with an example") {
    TempDir dir;
    CommandResult r = run_cli("new project 2024/a", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "bulletin new project：缺少选项 --department。例如  bulletin new project 2024/ev-charging --department 区发改局"));
    r = run_cli("new project --department 区发改局", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "bulletin new project：缺少“期/名称”（如 2024/ev-charging）"));
    r = run_cli("new project 2024/a --department", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "bulletin new project：--department 后面缺少值"));
    r = run_cli("import --edition 2023", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "bulletin import：缺少要导入的文本文件"));
    r = run_cli("serve --port eighty", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "bulletin serve：--port 的值应为数字，这里是“eighty”"));
    // No English from the command-line parser on a Chinese site.
    for (const char* args : {"new project 2024/a", "new project", "import", "verify", "serve --port x", "new edition"}) {
        INFO(args);
        r = run_cli(args, dir.path());
        CHECK(r.status == 2);
        CHECK_FALSE(has(r.err, "required"));
        CHECK_FALSE(has(r.err, "Run with --help"));
    }
    // --help is never a mistake, whatever is missing.
    r = run_cli("new project --help", dir.path());
    CHECK(r.status == 0);
    CHECK(has(r.out, "--department"));
}
