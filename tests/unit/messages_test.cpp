// The message catalogue (messages.h): every message in Chinese and English,
// each once, with the same placeholders in both, chosen by the site's language.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>

#include "live_site.h"
#include "messages.h"
#include "serve.h"
#include "../support/test_support.h"

namespace {

std::size_t placeholders(std::string_view s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '{')); }

}  // namespace

TEST_CASE("messages: every message is in the catalogue once, in both languages, with the same placeholders") {
    const std::vector<bulletin::Msg> ids = bulletin::catalogue();
    std::set<int> seen;
    for (bulletin::Msg m : ids) {
        INFO(static_cast<int>(m));
        CHECK(seen.insert(static_cast<int>(m)).second);
        const std::string_view zh = bulletin::text(m, "zh-CN");
        const std::string_view en = bulletin::text(m, "en");
        CHECK_FALSE(zh.empty());
        CHECK_FALSE(en.empty());
        CHECK(zh != "?");
        CHECK(placeholders(zh) == placeholders(en));
    }
    // No message of the enum is left out: the ids are 0 … n-1.
    REQUIRE_FALSE(seen.empty());
    CHECK(*seen.begin() == 0);
    CHECK(*seen.rbegin() == static_cast<int>(seen.size()) - 1);
}

TEST_CASE("messages: the language picks the text, Chinese unless English") {
    CHECK(bulletin::say("zh-CN", bulletin::Msg::verify_summary, 3, 1, 0, 0, "不一致") ==
          "verify: 3 个文件；1 个被改动，0 个缺失，0 个多余 — 不一致");
    CHECK(bulletin::say("en-GB", bulletin::Msg::import_summary, "a.txt", 13, "content/2022") ==
          "imported 13 project(s) from a.txt into content/2022/");
    CHECK(bulletin::text(bulletin::Msg::error_word, "fr") == "错误");
}

// ---------------------------------------------------------------------------
// An English site hears English: every line a command prints is English,
// except what it quotes from the editor's files (a diagnostic's source line,
// and text in quotes).

namespace {

using namespace test;

bool is_cjk(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3000 && c <= 0x303F) ||
           (c >= 0xFF00 && c <= 0xFFEF);
}

// The code points of UTF-8 `s` (a broken byte counts as itself).
std::u32string decode(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const int n = b < 0x80 ? 1 : b >> 5 == 6 ? 2 : b >> 4 == 14 ? 3 : b >> 3 == 30 ? 4 : 1;
        char32_t c = n == 1 ? b : b & (0x7F >> n);
        for (int k = 1; k < n && i + static_cast<std::size_t>(k) < s.size(); ++k) {
            c = (c << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
        }
        out.push_back(c);
        i += static_cast<std::size_t>(n);
    }
    return out;
}

// Chinese in `line` outside "…" and “…”.
bool chinese_outside_quotes(std::string_view line) {
    bool in_ascii = false, in_curly = false;
    for (const char32_t c : decode(line)) {
        if (!in_curly && c == U'"') {
            in_ascii = !in_ascii;
        } else if (!in_ascii && c == U'\u201C') {
            in_curly = true;
        } else if (in_curly && c == U'\u201D') {
            in_curly = false;
        } else if (!in_ascii && !in_curly && is_cjk(c)) {
            return true;
        }
    }
    return false;
}

// The lines of a command's output that speak Chinese. A diagnostic quotes
// the editor's line indented by four spaces (not its "= hint" or caret
// line); a draft's "# 待核对" mark is the word editors search the drafts for.
std::vector<std::string> chinese_lines(const std::string& output) {
    std::vector<std::string> out;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) {
        const bool quoted_line = line.starts_with("    ") && !line.starts_with("    = ") &&
                                 line.find_first_not_of(" ^") != std::string::npos;
        std::string words = line;
        for (std::size_t at; (at = words.find("# 待核对")) != std::string::npos;) words.erase(at, 11);
        if (!quoted_line && chinese_outside_quotes(words)) out.push_back(line);
    }
    return out;
}

// The small site in English, with one mistake of many kinds the checks find.
void write_english_site(const fs::path& content) {
    fs::copy(source_dir() / "tests/sites/small/content", content, fs::copy_options::recursive);
    auto edit = [&](const std::string& rel, const std::string& from, const std::string& to) {
        std::string text = read_file(content / rel);
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
        write_file(content / rel, text);
    };
    edit("site.toml", "language    = \"zh-CN\"", "language    = \"en\"");
    edit("site.toml", "site_code     = \"3309020001\"", "site_code     = \"330902\"");  // too short
    edit("2022/ev-charging.md", "完成目标(60个)的118%", "完成目标(60个)的120%");        // a percentage
    edit("2022/ev-charging.md", "tags = [", "tag = \"充电\"\ntags = [");             // an unknown field
    edit("2022/property.md", "number = 3", "number = 4");                           // a gap in the numbers
    edit("2022/school-fees.md", "department = \"jiaoyu\"", "department = \"区教育\"");      // an unknown department
    write_file(content / "2021/extra.md", project_file({"title = \"目前的项目\"", "department = \"区发改局\"", "number = 3"},
                                                       "目前已完成。下一步继续。\n\n![图](photo.jpg)\n"));  // a missing photo
    write_file(content / "2023/_index.md",  // the year twice, a date before it
               "+++\ntitle = \"2023年度成果\"\nyear = 2023\npublished = 2022-01-20\n+++\n前言。\n");
    write_file(content / "2023/a.md", "+++\ntitle = “充电”\n+++\n");                          // input-method mistakes
    write_file(content / "2023/b.md", "+++\ndepartment ＝ \"区发改局\"\n+++\n");
    write_file(content / "2023/c.md", "+++\ntags = [\"a\"，\"b\"]\n+++\n");
    write_file(content / "2023/d.md", "+++\ntitle　= \"x\"\n+++\n");
    write_file(content / "2023/e.md", "+++\nstatus = \"completed”\n+++\n");
    write_file(content / "2023/Bad_Name.md", project_file({"title = \"乙\"", "department = \"\"", "number = \"二\""}));
}

// The same site with its errors fixed: what is left are the warnings, which
// the checks of the whole site (the preamble, the archive) add only then.
void fix_english_site(const fs::path& content) {
    for (const char* name : {"a.md", "b.md", "c.md", "d.md", "e.md", "Bad_Name.md"}) fs::remove(content / "2023" / name);
    write_file(content / "2023/_index.md",  // counts and a figure that disagree with the edition, and 2022 not archived
               "+++\ntitle = \"成果\"\nyear = 2023\npublished = 2024-01-20\n[[figures]]\nlabel = \"监督检查\"\nvalue = "
               "64\nunit = \"次\"\n+++\n会同11家单位精选13个问题，开展监督检查97次。\n");
    write_file(content / "2023/a.md", project_file({"title = \"甲\"", "department = \"区发改局\"", "number = 1"}));
    auto edit = [&](const std::string& rel, const std::string& from, const std::string& to) {
        std::string text = read_file(content / rel);
        text.replace(text.find(from), from.size(), to);
        write_file(content / rel, text);
    };
    edit("site.toml", "site_code     = \"330902\"", "site_code     = \"3309020001\"");
    edit("2022/property.md", "number = 4", "number = 3");
    edit("2022/school-fees.md", "department = \"区教育\"", "department = \"jiaoyu\"");
    edit("2021/extra.md", "![图](photo.jpg)", "");
}

}  // namespace

TEST_CASE("messages: no English text of the catalogue speaks Chinese outside its quotes") {
    for (bulletin::Msg m : bulletin::catalogue()) {
        const std::string en(bulletin::text(m, "en"));
        INFO(static_cast<int>(m) << ": " << en);
        CHECK(chinese_lines(en).empty());
    }
}

TEST_CASE("messages: an English site's check, serve, new and import print English, quoting the editor's Chinese") {
    TempDir dir;
    write_english_site(dir / "content");
    std::vector<std::pair<std::string, std::string>> outputs;  // what was run → what it printed
    auto cli = [&](const std::string& args) {
        const CommandResult r = run_cli(args, dir.path());
        outputs.emplace_back(args, r.out + r.err);
        return r;
    };
    const std::string themes = " --themes " + shell_quote(themes_dir().string());

    // check: the content's errors and warnings of every kind above.
    const CommandResult checked = cli("check" + themes);
    CHECK(checked.status == 1);
    for (const char* word : {"error:", "warning:", "the numbers skip", "the text says 120%", "unknown department",
                             "here is a Chinese opening quote", "full-width equals sign", "full-width comma",
                             "full-width space", "the quoted text is not closed", "the site code", "the year would show twice",
                             "is before the edition's year", "unknown field", "the lead department is not filled in",
                             "must be a whole number", "cannot be used in a URL", "the linked file \"photo.jpg\" is missing",
                             "error(s)"}) {
        INFO(word);
        CHECK(checked.err.find(word) != std::string::npos);
    }
    fix_english_site(dir / "content");
    const CommandResult warned = cli("check" + themes);
    CHECK(warned.status == 0);
    for (const char* word : {"the preamble says 11 units", "the preamble says 13, but edition 2023 has 1 projects", "the preamble says \"97次\"",
                             "no longer says when", "a newer edition exists", "check: 3 edition(s)"}) {
        INFO(word);
        CHECK((warned.out + warned.err).find(word) != std::string::npos);
    }
    fs::remove_all(dir / "content");
    write_english_site(dir / "content");

    // serve: its terminal, before and after a save, and the box every page shows.
    const std::string serve_log = (dir / "serve.log").string();
    const std::string command = "cd " + shell_quote(dir.path().string()) + " && ( sleep 2; printf '\\n' >> content/2022/property.md ) & cd " +
                                shell_quote(dir.path().string()) + " && timeout -s INT 5 " + shell_quote(cli_binary().string()) +
                                " serve --port 0" + themes + " >" + shell_quote(serve_log) + " 2>&1";
    CHECK(std::system(command.c_str()) != -1);
    const std::string served = read_file(serve_log);
    CHECK(served.find("serve: previewing content at http://127.0.0.1:") != std::string::npos);
    CHECK(served.find("serve: after 2022/property.md was saved the content has errors (below); the last good site is still served") !=
          std::string::npos);
    CHECK(served.find("serve: stopped") != std::string::npos);
    outputs.emplace_back("serve", served);
    bulletin::BuildOptions options;
    options.content_dir = (dir / "content").string();
    options.themes_dir = themes_dir().string();
    bulletin::serve::LiveSite live(options);
    live.rebuild({});
    const std::string page = bulletin::serve::error_page(live.generation(), *live.diagnostics(), live.language());
    CHECK(page.find("The content has") != std::string::npos);
    std::string words_of_page;  // the box without the diagnostics it quotes in <pre>
    for (std::size_t at = 0; at < page.size();) {
        const std::size_t pre = page.find("<pre>", at);
        words_of_page += page.substr(at, pre == std::string::npos ? std::string::npos : pre - at) + "\n";
        if (pre == std::string::npos) break;
        at = page.find("</pre>", pre) + 6;
    }
    outputs.emplace_back("serve's page", words_of_page);

    // new: every answer it gives.
    cli("new edition Bad_Name");
    cli("new edition search");
    cli("new edition 2021");
    cli("new edition 2024");
    cli("new edition 2024");
    cli("new project 2030/x --department fagai");
    cli("new project x --department fagai");
    cli("new project 2024/ev --department 区发");
    cli("new project 2024/ev --department nosuch");
    cli("new project 2024/Bad_Name --department fagai");
    cli("new project 2024/ev --department fagai --title 充电");
    cli("new project 2024/ev --department fagai");
    cli("new project 2024/lunch");
    cli("new projekt 2024/x");
    cli("nwe");
    cli("serve --prot 1");
    cli("serve --port eighty");

    // import: the plan, a draft with its guesses, the repairs to the text, and the check after it.
    cli("import " + shell_quote((source_dir() / "tests/data/seed-bulletin-2022.txt").string()) + " --edition 2025 --dry-run");
    cli("import " + shell_quote((source_dir() / "tests/data/seed-bulletin-2022.txt").string()) + " --edition Bad_Name");
    write_file(dir / "pages.txt",
               "第 1 页\n\n公布 成果\n\n前言一句话，开展检查3次。\n\n一、治理甲问题\n牵头单位：区新局\n1. 做了一件事\n\n- 2 -\n\n"
               "二、治理乙问题\n做了很多，\n\n- 3 -\n\n还没说完。\n");
    // (--strict takes a text whose only gaps are facts it does not give.)
    const CommandResult imported = cli("import pages.txt --edition 2026 --strict");
    INFO(imported.out + imported.err);
    CHECK(imported.out.find("fixed: removed the page number") != std::string::npos);
    CHECK(imported.out.find("new department \"区新局\"") != std::string::npos);
    cli("import pages.txt --edition 2027");
    cli("import pages.txt --edition 2027");  // exists: not overwritten
    write_file(dir / "empty.txt", "\n\n");
    cli("import empty.txt --edition 2028");

    for (const auto& [args, printed] : outputs) {
        INFO(args << "\n" << printed);
        CHECK_FALSE(printed.empty());
        CHECK(chinese_lines(printed) == std::vector<std::string>{});
    }
    // The same commands on a Chinese site speak Chinese (the test above would pass on silence).
    std::string site = read_file(dir / "content/site.toml");
    site.replace(site.find("language    = \"en\""), std::string_view("language    = \"en\"").size(), "language    = \"zh-CN\"");
    write_file(dir / "content/site.toml", site);
    CHECK(run_cli("check" + themes, dir.path()).err.find("错误: 编号不连续") != std::string::npos);
    CHECK(run_cli("new project 2024/ev --department fagai", dir.path()).err.find("已经存在") != std::string::npos);
}
