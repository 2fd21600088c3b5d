// Reading content files (front_matter.h): bytes → checked UTF-8 text with
// LF line ends → TOML front matter and Markdown body, with file line numbers.
#include <catch2/catch.hpp>

#include <algorithm>

#include "../support/test_support.h"
#include "front_matter.h"

namespace {

using bulletin::Diagnostics;
using bulletin::FrontMatter;
using bulletin::Severity;
using bulletin::SourceFile;

const std::string zh = "zh-CN";

SourceFile decoded(const std::string& bytes, Diagnostics& diags) {
    auto file = bulletin::decode_source("content/2022/x.md", bytes, diags, zh);
    REQUIRE(file.has_value());
    return *file;
}

FrontMatter split(const std::string& bytes) {
    Diagnostics diags;
    const SourceFile file = decoded(bytes, diags);
    auto fm = bulletin::split_front_matter(file, diags, zh);
    INFO(bulletin::format_diagnostics(diags, zh));
    REQUIRE(fm.has_value());
    REQUIRE(diags.items().empty());
    return *fm;
}

// The one diagnostic a broken file produces.
bulletin::Diagnostic only_error(const Diagnostics& diags) {
    REQUIRE(diags.items().size() == 1);
    REQUIRE(diags.items()[0].severity == Severity::error);
    return diags.items()[0];
}

}  // namespace

TEST_CASE("front matter: a plain file splits into TOML and body with their file lines") {
    const FrontMatter fm = split("+++\ntitle = \"甲\"\nnumber = 1\n+++\n第一段。\n\n第二段。\n");
    CHECK(fm.toml == "title = \"甲\"\nnumber = 1\n");
    CHECK(fm.toml_line == 2);
    CHECK(fm.body == "第一段。\n\n第二段。\n");
    CHECK(fm.body_line == 5);
}

TEST_CASE("front matter: the body line follows the closing fence however long the TOML is") {
    CHECK(split("+++\n+++\nbody\n").body_line == 3);
    CHECK(split("+++\n+++\nbody\n").toml.empty());
    CHECK(split("+++\na = 1\n\n# note\nb = 2\n\n+++\nbody\n").body_line == 8);
}

TEST_CASE("front matter: a file that ends at the closing fence has an empty body") {
    const FrontMatter fm = split("+++\na = 1\n+++");
    CHECK(fm.toml == "a = 1\n");
    CHECK(fm.body.empty());
    CHECK(fm.body_line == 4);
}

TEST_CASE("front matter: a UTF-8 byte order mark is removed and shifts nothing") {
    Diagnostics diags;
    const SourceFile file = decoded("\xEF\xBB\xBF+++\ntitle = \"甲\"\n+++\n正文\n", diags);
    CHECK(file.text == "+++\ntitle = \"甲\"\n+++\n正文\n");
    const FrontMatter fm = split("\xEF\xBB\xBF+++\ntitle = \"甲\"\n+++\n正文\n");
    CHECK(fm.toml == "title = \"甲\"\n");
    CHECK(fm.body == "正文\n");
    CHECK(fm.body_line == 4);
}

TEST_CASE("front matter: CRLF line ends (Windows editors) become LF with the same lines") {
    Diagnostics diags;
    CHECK(decoded("+++\r\na = 1\r\n+++\r\nx\r\ny\r\n", diags).text == "+++\na = 1\n+++\nx\ny\n");
    const FrontMatter fm = split("\xEF\xBB\xBF+++\r\ntitle = \"甲\"\r\nnumber = 1\r\n+++\r\n第一行\r\n第二行\r\n");
    CHECK(fm.toml == "title = \"甲\"\nnumber = 1\n");
    CHECK(fm.body == "第一行\n第二行\n");
    CHECK(fm.body_line == 5);
}

TEST_CASE("front matter: lone CR line ends (old Mac editors) become LF with the same lines") {
    Diagnostics diags;
    CHECK(decoded("+++\ra = 1\r+++\rx\r\ry", diags).text == "+++\na = 1\n+++\nx\n\ny");
    const FrontMatter fm = split("+++\ra = 1\rb = 2\r+++\rbody\r");
    CHECK(fm.toml == "a = 1\nb = 2\n");
    CHECK(fm.body == "body\n");
    CHECK(fm.body_line == 5);
}

TEST_CASE("front matter: spaces and tabs after a fence are allowed") {
    const FrontMatter fm = split("+++  \na = 1\n+++\t \nbody\n");
    CHECK(fm.toml == "a = 1\n");
    CHECK(fm.body == "body\n");
    CHECK(fm.body_line == 4);
}

TEST_CASE("front matter: a line that only starts with +++ does not close it") {
    const FrontMatter fm = split("+++\ntext = \"\"\"\n+++ not a fence\n\"\"\"\n+++\nbody\n");
    CHECK(fm.toml == "text = \"\"\"\n+++ not a fence\n\"\"\"\n");
    CHECK(fm.body_line == 6);
}

TEST_CASE("front matter: a missing opening +++ is an error at line 1 naming the problem") {
    Diagnostics diags;
    const SourceFile file = decoded("title = \"甲\"\n+++\n正文\n", diags);
    CHECK_FALSE(bulletin::split_front_matter(file, diags, zh).has_value());
    const auto d = only_error(diags);
    CHECK(d.loc.file == "content/2022/x.md");
    CHECK(d.loc.line == 1);
    CHECK(d.loc.column == 1);
    CHECK(d.message == "文件开头缺少前置元数据（第一行应为 +++）");
    CHECK(d.source_line == "title = \"甲\"");
    CHECK(d.hint.find("+++") != std::string::npos);
}

TEST_CASE("front matter: an indented or decorated first fence is not a fence") {
    for (const std::string bytes : {" +++\na = 1\n+++\n", "++++\na = 1\n+++\n", "---\na: 1\n---\n"}) {
        Diagnostics diags;
        const SourceFile file = decoded(bytes, diags);
        CHECK_FALSE(bulletin::split_front_matter(file, diags, zh).has_value());
        CHECK(only_error(diags).message == "文件开头缺少前置元数据（第一行应为 +++）");
    }
}

TEST_CASE("front matter: a missing closing +++ is an error at line 1 naming the problem") {
    Diagnostics diags;
    const SourceFile file = decoded("+++\ntitle = \"甲\"\nnumber = 1\n正文第一段。\n", diags);
    CHECK_FALSE(bulletin::split_front_matter(file, diags, zh).has_value());
    const auto d = only_error(diags);
    CHECK(d.loc.file == "content/2022/x.md");
    CHECK(d.loc.line == 1);
    CHECK(d.loc.column == 1);
    CHECK(d.message == "前置元数据没有结束：找不到第二个 +++ 行");
    CHECK(bulletin::format_diagnostic(d, zh).rfind("content/2022/x.md:1:1: 错误: 前置元数据没有结束", 0) == 0);
}

TEST_CASE("front matter: an empty file or a lone fence is reported, not crashed on") {
    for (const std::string bytes : {"", "+++", "+++\n", "\xEF\xBB\xBF"}) {
        Diagnostics diags;
        const SourceFile file = decoded(bytes, diags);
        CHECK_FALSE(bulletin::split_front_matter(file, diags, zh).has_value());
        CHECK(only_error(diags).loc.line == 1);
    }
}

TEST_CASE("front matter: messages follow the site language") {
    Diagnostics diags;
    auto file = bulletin::decode_source("content/2022/x.md", "+++\na = 1\n", diags, "en");
    REQUIRE(file.has_value());
    CHECK_FALSE(bulletin::split_front_matter(*file, diags, "en").has_value());
    CHECK(only_error(diags).message == "the front matter is not closed: no second +++ line");
}

TEST_CASE("front matter: bytes that are not UTF-8 are reported at their line and column") {
    struct Case {
        std::string bytes;
        int line;
        int column;
    };
    const std::vector<Case> cases = {
        {"+++\ntitle = \"\xB2\xE2\xCA\xD4\"\n+++\n", 2, 10},         // GBK "测试" in a title
        {"\xFF", 1, 1},                                              // the very first byte
        {"甲乙\xFF", 1, 3},                                          // columns count characters
        {"\xEF\xBB\xBF" "ab\xFF", 1, 3},                             // the BOM is not a column
        {"+++\r\na = 1\r\n+++\r\n正文\xE4\xB8\r\n", 4, 3},            // a cut-off sequence, CRLF
        {"+++\ra = 1\r+++\r\r正文\xC0\x80\r", 5, 3},                  // an overlong NUL, lone CR
        {"a\nb\nc\xED\xA0\x80\n", 3, 2},                             // a UTF-16 surrogate
    };
    for (const Case& c : cases) {
        Diagnostics diags;
        CHECK_FALSE(bulletin::decode_source("content/2022/x.md", c.bytes, diags, zh).has_value());
        const auto d = only_error(diags);
        INFO(bulletin::format_diagnostic(d, zh));
        CHECK(d.loc.file == "content/2022/x.md");
        CHECK(d.loc.line == c.line);
        CHECK(d.loc.column == c.column);
        CHECK(d.message == "文件不是 UTF-8 编码（第一个无效字节在此处）");
        CHECK(d.hint.find("UTF-8") != std::string::npos);
    }
}

TEST_CASE("front matter: read_source reads the file from disk and shows the given path") {
    test::TempDir dir;
    test::write_file(dir / "x.md", "\xEF\xBB\xBF+++\r\na = 1\r\n+++\r\n");
    Diagnostics diags;
    auto file = bulletin::read_source(dir / "x.md", "content/2022/x.md", diags, zh);
    REQUIRE(file.has_value());
    CHECK(file->path == "content/2022/x.md");
    CHECK(file->text == "+++\na = 1\n+++\n");
    CHECK_THROWS_AS(bulletin::read_source(dir / "missing.md", "missing.md", diags, zh), std::runtime_error);
}

TEST_CASE("front matter: read_source reads a file of any length, and a folder as an empty file") {
    test::TempDir dir;
    std::string long_text = "+++\na = 1\n+++\n";
    while (long_text.size() < 300 * 1024) long_text += "一行正文，足够长的正文。\r\n";
    test::write_file(dir / "long.md", long_text);
    Diagnostics diags;
    auto file = bulletin::read_source(dir / "long.md", "long.md", diags, zh);
    REQUIRE(file.has_value());
    CHECK(file->text.size() == long_text.size() - std::count(long_text.begin(), long_text.end(), '\r'));
    CHECK(file->text.substr(0, 17) == "+++\na = 1\n+++\n一");

    std::filesystem::create_directory(dir / "folder.md");
    auto folder = bulletin::read_source(dir / "folder.md", "folder.md", diags, zh);
    REQUIRE(folder.has_value());
    CHECK(folder->text.empty());
    CHECK(diags.items().empty());
}

// ---- Limits an editor never reaches (issue 15, point 7) ----

TEST_CASE("front matter: a file past the size limit is refused at once with a Chinese message") {
    test::TempDir tmp;
    const std::string head = "+++\ntitle = \"甲\"\n+++\n";
    std::string body(bulletin::max_source_bytes, 'x');  // head + body: just past the limit
    test::write_file(tmp / "big.md", head + body);
    Diagnostics diags;
    CHECK_FALSE(bulletin::read_source(tmp / "big.md", "content/2022/big.md", diags, zh).has_value());
    const auto e = only_error(diags);
    CHECK(e.loc.file == "content/2022/big.md");
    CHECK(e.message.find("文件太大") != std::string::npos);
    CHECK(e.message.find("最多 1 MB") != std::string::npos);
    CHECK_FALSE(e.hint.empty());
    // One byte less is read.
    body.resize(bulletin::max_source_bytes - head.size());
    test::write_file(tmp / "fits.md", head + body);
    Diagnostics fine;
    CHECK(bulletin::read_source(tmp / "fits.md", "content/2022/fits.md", fine, zh).has_value());
    CHECK(fine.items().empty());
}

TEST_CASE("front matter: a table wider than the limit is refused at its first row, before Markdown sees it") {
    std::string header = "|", delimiter = "|";
    for (std::size_t i = 0; i < 5000; ++i) {
        header += " 列 |";
        delimiter += " --- |";
    }
    std::string bytes = "+++\ntitle = \"甲\"\n+++\n说明。\n\n" + header + "\n" + delimiter + "\n";
    for (int row = 0; row < 200; ++row) bytes += header + "\n";
    Diagnostics diags;
    const SourceFile file = decoded(bytes, diags);
    CHECK_FALSE(bulletin::split_front_matter(file, diags, zh).has_value());
    const auto e = only_error(diags);
    CHECK(e.loc.line == 6);
    CHECK(e.message == "表格有 5000 列，最多 100 列");
    CHECK(e.hint.find("拆成几张") != std::string::npos);
    // A table of the limit's width, and lines of pipes and dashes that are no delimiter row, pass.
    std::string fits = "|", fits_delimiter = "|";
    for (std::size_t i = 0; i < bulletin::max_table_columns; ++i) {
        fits += " a |";
        fits_delimiter += ":--:|";
    }
    split("+++\ntitle = \"甲\"\n+++\n" + fits + "\n" + fits_delimiter + "\n\n---\n");
    split("+++\ntitle = \"甲\"\n+++\n没有表格的文件里，一行竖线不算表格：\n" + std::string(300, '|') + "\n");
}

TEST_CASE("front matter: table rows with far more cells than the table has columns are refused") {
    // cmark-gfm's work on such rows grows with the square of their cells (46 s for 90 rows of 5,000).
    std::string bytes = "+++\ntitle = \"甲\"\n+++\n| 指标 | 数值 |\n|---|---|\n| 充电桩 | 71 |\n";
    for (int row = 0; row < 90; ++row) {
        for (int cell = 0; cell < 5000; ++cell) bytes += "|a";
        bytes += "|\n";
    }
    Diagnostics diags;
    const SourceFile file = decoded(bytes, diags);
    CHECK_FALSE(bulletin::split_front_matter(file, diags, zh).has_value());
    const auto e = only_error(diags);
    CHECK(e.loc.line == 7);
    CHECK(e.message == "表格有 5000 列，最多 100 列");
}

TEST_CASE("front matter: tables of more cells in all than the limit are refused at the first table") {
    // 100 columns by 4,900 rows fit in 1 MB and took 9 s and 430 MB.
    std::string row = "|", delimiter = "|";
    for (int i = 0; i < 100; ++i) {
        row += "a|";
        delimiter += "-|";
    }
    std::string bytes = "+++\ntitle = \"甲\"\n+++\n说明。\n\n" + row + "\n" + delimiter + "\n";
    for (int i = 0; i < 4900; ++i) bytes += row + "\n";
    Diagnostics diags;
    const SourceFile file = decoded(bytes, diags);
    CHECK_FALSE(bulletin::split_front_matter(file, diags, zh).has_value());
    const auto e = only_error(diags);
    CHECK(e.loc.line == 7);
    CHECK(e.message.find("最多 20000 格") != std::string::npos);
    // 150 rows of that table are fine.
    bytes = "+++\ntitle = \"甲\"\n+++\n" + row + "\n" + delimiter + "\n";
    for (int i = 0; i < 150; ++i) bytes += row + "\n";
    split(bytes);
}
