// TOML typed with a Chinese input method (toml_ime.h): the character is
// named with its fix, at its own line and column, in the site's language;
// a curly quote inside a quoted text is content, not a mistake.
#include <catch2/catch.hpp>

#include "diagnostics.h"
#include "fields.h"
#include "front_matter.h"

namespace {

using bulletin::Diagnostic;
using bulletin::Diagnostics;

struct Parsed {
    Diagnostics diags;
    bool ok = false;
};

// Parses `toml` as the front matter of a file whose first line is +++.
Parsed parse(const std::string& toml, const std::string& language = "zh-CN") {
    Parsed p;
    const bulletin::SourceFile file{"content/2022/a.md", "+++\n" + toml + "+++\n正文。\n"};
    p.ok = bulletin::parse_toml(file, toml, 2, p.diags, language).has_value();
    return p;
}

Diagnostic only(const Parsed& p) {
    INFO(bulletin::format_diagnostics(p.diags, "zh-CN"));
    REQUIRE(p.diags.items().size() == 1);
    return p.diags.items()[0];
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("toml_ime: curly quotes around a text name the quote and the ASCII one") {
    const Diagnostic d = only(parse("number = 1\ntitle = “专项治理”\n"));
    CHECK(d.loc.line == 3);
    CHECK(d.loc.column == 9);
    CHECK(has(d.message, "“ 是中文左引号"));
    CHECK(d.hint == "请改用半角英文引号 \"（切换到英文输入法再输入）");
    CHECK(d.source_line == "title = “专项治理”");
    CHECK_FALSE(has(d.message, "Error"));
}

TEST_CASE("toml_ime: a text closed by a curly quote is reported at that quote") {
    const Diagnostic d = only(parse("title = \"专项治理”\nnumber = 1\n"));
    CHECK(d.loc.line == 2);
    CHECK(d.loc.column == 14);
    CHECK(has(d.message, "引号没有结束"));
    CHECK(has(d.message, "” 是中文右引号"));
}

TEST_CASE("toml_ime: full-width comma, colon, equals, parentheses and space") {
    struct Case {
        std::string toml;
        int column;
        std::string named;
        std::string fix;
    };
    for (const Case& c : std::vector<Case>{
             {"tags = [\"充电桩\"，\"老旧小区\"]\n", 14, "，", ","},
             {"number ＝ 1\n", 8, "＝", "="},
             {"number： 1\n", 7, "：", "="},
             {"number = （1）\n", 10, "（", "("},
             {"number　= 1\n", 7, "全角空格", "删去"},
         }) {
        INFO(c.toml);
        const Diagnostic d = only(parse(c.toml));
        CHECK(d.loc.line == 2);
        CHECK(d.loc.column == c.column);
        CHECK(has(d.message, c.named));
        CHECK(has(d.hint, c.fix));
    }
}

TEST_CASE("toml_ime: curly quotes and full-width punctuation inside a text are content") {
    CHECK(parse("title = \"“急难愁盼”问题，（一）\"\nnote = '他说：‘好’'\nsummary = \"\"\"\n“多行”，\n\"\"\"\n").ok);
    // A comment may hold anything.
    CHECK(parse("number = 1 # 编号（必填）：“一”\n").ok);
}

TEST_CASE("toml_ime: other mistakes keep the parser's explanation") {
    const Diagnostic d = only(parse("title = \"专项治理\nnumber = 1\n"));
    CHECK(has(d.message, "TOML 格式错误"));
}

TEST_CASE("toml_ime: an English site gets the message in English") {
    const Diagnostic d = only(parse("title = “x”\n", "en"));
    CHECK(has(d.message, "Chinese opening quote"));
    CHECK(has(d.hint, "ASCII quote \""));
}
