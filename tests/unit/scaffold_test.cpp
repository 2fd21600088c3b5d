// bulletin new: files with every field of the content format and a comment
// on each, the next free number, the department checked; never overwrites;
// what it writes passes `bulletin check` once the blanks are filled.
#include <regex>
#include <sstream>

#include <catch2/catch.hpp>

#include "build.h"
#include "field_table.h"
#include "scaffold.h"
#include "../support/test_support.h"

using namespace bulletin;
using namespace test;

namespace {

int check(const fs::path& content, std::string* messages = nullptr) {
    BuildOptions o;
    o.content_dir = content.string();
    o.themes_dir = themes_dir().string();
    std::ostringstream out, err;
    const int code = run_check(o, out, err);
    if (messages) *messages = err.str();
    return code;
}

void fill(const fs::path& file, const std::string& from, const std::string& to) {
    std::string text = read_file(file);
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    write_file(file, text);
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("new edition and new project write every field, and pass check once the blanks are filled") {
    TempDir dir;
    const fs::path content = dir / "content";
    write_minimal_site(content);
    std::ostringstream out, err;

    REQUIRE(run_new_edition(content.string(), "2024", out, err) == 0);
    const fs::path edition = content / "2024/_index.md";
    const std::string e = read_file(edition);
    for (const char* field : {"title = \"\"", "year = 2024", "# published = 2025-01-20", "publisher = ", "archived = false",
                              "# [[figures]]", "label = ", "value = ", "unit  = "}) {
        INFO(field);
        CHECK(has(e, field));
    }
    CHECK(has(e, "# 本期标题（必填）"));
    CHECK(has(out.str(), "已写入"));

    REQUIRE(run_new_project(content.string(), "2024/ev-charging", "区住建局", std::nullopt, out, err) == 0);
    REQUIRE(run_new_project(content.string(), "2024/school-lunch", "jiaoyu", std::string("校园餐\"专项\"治理"), out, err) == 0);
    const std::string p1 = read_file(content / "2024/ev-charging.md");
    const std::string p2 = read_file(content / "2024/school-lunch.md");
    for (const char* field : {"title = \"\"", "department = \"区住建局\"", "co_departments = []", "number = 1",
                              "status = \"completed\"", "tags = []", "summary = \"\"", "draft = false", "# [[metrics]]",
                              "# target = 60", "# [[corrections]]", "# reason = "}) {
        INFO(field);
        CHECK(has(p1, field));
    }
    CHECK(has(p1, "# 牵头部门（必填）"));
    CHECK(has(p2, "number = 2"));                        // the next free number
    CHECK(has(p2, "department = \"区教育局\""));          // a slug is written as the department's name
    CHECK(has(p2, "title = \"校园餐\\\"专项\\\"治理\""));  // quoted for TOML

    // As written, check names the blanks to fill.
    std::string messages;
    CHECK(check(content, &messages) == exit_content_error);
    CHECK(has(messages, "2024/_index.md"));
    CHECK(has(messages, "published"));
    CHECK(has(messages, "2024/ev-charging.md:3:"));  // title = "" is an error
    // published is there, commented out: check points at that line and says so.
    CHECK(has(messages, "2024/_index.md:7:1: 错误: 缺少必填字段“published”\n    # published = 2025-01-20\n"));
    CHECK(has(messages, "这一行开头的“# ”把它变成了注释：填好后删去行首的“# ”"));
    // The message after `new project --title` does not ask for the title.
    CHECK(has(out.str(), "new: 已写入 " + (content / "2024/ev-charging.md").lexically_normal().generic_string() +
                             "（序号 1）。请填写 title"));
    CHECK(has(out.str(), "（序号 2）。请在第二个 +++ 之下写正文"));

    fill(edition, "title = \"\"", "title = \"漠视侵害群众利益问题专项治理工作成果\"");
    fill(edition, "# published = 2025-01-20", "published = 2025-01-20");
    fill(content / "2024/ev-charging.md", "title = \"\"", "title = \"新能源汽车充电难问题专项治理\"");
    // With a newer edition, the 2022 one is archived (check warns until it is).
    fill(content / "2022/_index.md", "published = 2023-01-20\n", "published = 2023-01-20\narchived = true\n");
    CHECK(check(content, &messages) == exit_ok);
    INFO(messages);
    CHECK(messages.find("警告") == std::string::npos);
}

TEST_CASE("new project suggests the nearest department and writes nothing for an unknown one") {
    TempDir dir;
    const fs::path content = dir / "content";
    write_minimal_site(content);
    std::ostringstream out, err;
    CHECK(run_new_project(content.string(), "2022/a-project", "区住建", std::nullopt, out, err) == 2);
    CHECK(has(err.str(), "未知部门“区住建”"));
    CHECK(has(err.str(), "是否想写“区住建局”？"));
    CHECK_FALSE(fs::exists(content / "2022/a-project.md"));
}

TEST_CASE("new never overwrites a file and names the missing edition") {
    TempDir dir;
    const fs::path content = dir / "content";
    write_minimal_site(content);
    std::ostringstream out, err;
    const std::string index = read_file(content / "2022/_index.md");
    CHECK(run_new_edition(content.string(), "2022", out, err) == 2);
    CHECK(has(err.str(), "已经存在"));
    CHECK(read_file(content / "2022/_index.md") == index);

    write_file(content / "2022/taken.md", "自己写的内容");
    CHECK(run_new_project(content.string(), "2022/taken", "区发改局", std::nullopt, out, err) == 2);
    CHECK(read_file(content / "2022/taken.md") == "自己写的内容");

    std::ostringstream err2;
    CHECK(run_new_project(content.string(), "2030/x", "区发改局", std::nullopt, out, err2) == 2);
    CHECK(has(err2.str(), "bulletin new edition 2030"));
    std::ostringstream err3;
    CHECK(run_new_project(content.string(), "2022/Bad Name", "区发改局", std::nullopt, out, err3) == 2);
    CHECK(has(err3.str(), "bad-name"));
    std::ostringstream err4;
    CHECK(run_new_edition(content.string(), "search", out, err4) == 2);
    CHECK_FALSE(fs::exists(content / "search"));
}

TEST_CASE("new project takes the smallest number no project of the edition uses") {
    TempDir dir;
    const fs::path content = dir / "content";
    write_minimal_site(content);
    CHECK(next_free_number((content / "2022").string()) == 1);
    write_file(content / "2022/a.md", project_file({"title = \"甲\"", "department = \"区发改局\"", "number = 1"}));
    write_file(content / "2022/c.md", project_file({"title = \"丙\"", "department = \"区发改局\"", "number = 3"}));
    CHECK(next_free_number((content / "2022").string()) == 2);
    write_file(content / "2022/b.md", project_file({"title = \"乙\"", "department = \"区发改局\"", "number = 2"}));
    CHECK(next_free_number((content / "2022").string()) == 4);
}

TEST_CASE("new through the command line") {
    TempDir dir;
    const fs::path content = dir / "content";
    write_minimal_site(content);
    CommandResult r = run_cli("new edition 2024 --content content", dir.path());
    CHECK(r.status == 0);
    r = run_cli("new project 2024/ev-charging --department 区住建局 --title 充电难问题 --content content", dir.path());
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(has(read_file(content / "2024/ev-charging.md"), "title = \"充电难问题\""));
    r = run_cli("new project 2024/ev-charging --department 区住建局 --content content", dir.path());
    CHECK(r.status == 2);
    CHECK(has(r.err, "已经存在"));
}

TEST_CASE("new writes every field of the field table, in its order, a [[…]] table's fields inside it") {
    TempDir dir;
    const fs::path content = dir / "content";
    write_minimal_site(content);
    std::ostringstream out, err;
    REQUIRE(run_new_edition(content.string(), "next", out, err) == 0);  // an id that is not a year
    REQUIRE(run_new_project(content.string(), "2022/new-one", "区发改局", std::nullopt, out, err) == 0);
    const std::pair<fs::path, const FieldTable*> files[] = {{content / "next/_index.md", &fields::edition_table},
                                                           {content / "2022/new-one.md", &fields::project_table}};
    for (const auto& [file, table] : files) {
        const std::string text = read_file(file);
        std::size_t last = 0;
        for (const FieldSpec* f : table->fields) {
            INFO(file << ": " << f->key);
            const std::string key(f->key);
            const std::regex line(f->type == FieldType::tables ? "\n# \\[\\[" + key + "\\]\\]\n"
                                                               : "\n(# )?" + key + " *= ");
            std::smatch m;
            REQUIRE(std::regex_search(text, m, line));
            CHECK(static_cast<std::size_t>(m.position(0)) > last);  // in table order
            last = static_cast<std::size_t>(m.position(0));
            const FieldTable* nested = key == "metrics"       ? &fields::metric_table
                                       : key == "corrections" ? &fields::correction_table
                                       : key == "figures"     ? &fields::figure_table
                                                              : nullptr;
            if (!nested) continue;
            const std::string rest = m.suffix();
            for (const FieldSpec* g : nested->fields) {
                INFO(g->key);
                CHECK(std::regex_search(rest, std::regex("^# " + std::string(g->key) + " *= ", std::regex::multiline)));
            }
        }
    }
}
