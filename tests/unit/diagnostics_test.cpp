// Diagnostics (diagnostics.h): errors are values with a place, printed like
// a compiler's, sorted by place, counted, in the site's language.
#include <catch2/catch.hpp>

#include "diagnostics.h"

namespace {

using bulletin::Diagnostic;
using bulletin::Diagnostics;
using bulletin::Severity;

const std::string zh = "zh-CN";

}  // namespace

TEST_CASE("diagnostics: format_diagnostic prints place, severity, the source line, a caret and the hint") {
    Diagnostic d;
    d.loc = {"content/2022/x.md", 4, 14};
    d.message = "未知部门“区发改”：departments.toml 中没有这个名称或 slug";
    d.hint = "是否想写“区发改局”？";
    d.source_line = "department = \"区发改\"";
    CHECK(bulletin::format_diagnostic(d, zh) ==
          "content/2022/x.md:4:14: 错误: 未知部门“区发改”：departments.toml 中没有这个名称或 slug\n"
          "    department = \"区发改\"\n"
          "                 ^\n"
          "    = 是否想写“区发改局”？\n");
    // The caret counts Chinese characters as two terminal cells.
    d.loc = {"content/2022/x.md", 2, 15};
    d.severity = Severity::warning;
    d.message = "m";
    d.hint.clear();
    d.source_line = "title = \"乙乙乙\" x";
    CHECK(bulletin::format_diagnostic(d, zh) ==
          "content/2022/x.md:2:15: 警告: m\n"
          "    title = \"乙乙乙\" x\n" +
              std::string(4 + 17, ' ') + "^\n");  // 9 + 3 × 2 + 2 cells before the x
    // A whole-file problem has no line, no column and no caret.
    d.loc = {"content/2022/x.md", 0, 0};
    CHECK(bulletin::format_diagnostic(d, "en") == "content/2022/x.md: warning: m\n");
}

TEST_CASE("diagnostics: a caret at column 1 sits under the first character") {
    Diagnostic d;
    d.loc = {"content/2022/x.md", 1, 1};
    d.message = "缺少必填字段“title”";
    d.source_line = "+++";
    CHECK(bulletin::format_diagnostic(d, zh) == "content/2022/x.md:1:1: 错误: 缺少必填字段“title”\n    +++\n    ^\n");
    d.loc.column = 0;  // no column known: shown as 1
    CHECK(bulletin::format_diagnostic(d, zh).rfind("content/2022/x.md:1:1: ", 0) == 0);
}

TEST_CASE("diagnostics: every problem is kept, sorted by file, line and column, and counted") {
    Diagnostics ds;
    ds.warning({"content/2022/b.md", 5, 9}, "w");
    ds.error({"content/2022/b.md", 4, 10}, "e2");
    ds.error({"content/2022/a.md", 3, 14}, "e1");
    ds.error({"content/2022/b.md", 4, 2}, "e3");
    CHECK(ds.has_errors());
    CHECK(ds.error_count() == 3);
    CHECK(ds.warning_count() == 1);
    std::vector<std::string> order;
    for (const Diagnostic& d : ds.sorted()) order.push_back(d.message);
    CHECK(order == std::vector<std::string>{"e1", "e3", "e2", "w"});
    CHECK(ds.items()[0].message == "w");  // the record itself keeps the order of the run
    CHECK(bulletin::format_diagnostics(ds, zh) ==
          "content/2022/a.md:3:14: 错误: e1\n"
          "content/2022/b.md:4:2: 错误: e3\n"
          "content/2022/b.md:4:10: 错误: e2\n"
          "content/2022/b.md:5:9: 警告: w\n"
          "共 3 个错误，1 个警告\n");
}

TEST_CASE("diagnostics: nothing to report prints nothing") {
    Diagnostics ds;
    CHECK_FALSE(ds.has_errors());
    CHECK(bulletin::format_diagnostics(ds, zh).empty());
}

TEST_CASE("diagnostics: warnings alone are not errors, and append keeps both runs") {
    Diagnostics a, b;
    a.warning({"site.toml", 2, 1}, "w");
    CHECK_FALSE(a.has_errors());
    b.error({"departments.toml", 3, 8}, "e");
    a.append(b);
    CHECK(a.has_errors());
    CHECK(a.items().size() == 2);
}

TEST_CASE("diagnostics: an English site gets English words") {
    Diagnostics ds;
    ds.error({"content/2022/x.md", 2, 3}, "the required field \"title\" is missing", "add a line: title = \"…\"");
    CHECK(bulletin::format_diagnostics(ds, "en") ==
          "content/2022/x.md:2:3: error: the required field \"title\" is missing\n"
          "    = add a line: title = \"…\"\n"
          "1 error(s), 0 warning(s)\n");
}
