// The field table (field_table.h): README.md's content-format tables are the
// table itself, every field is read through its declaration (an unknown key
// is warned about with the table's keys), and the open data carries each
// field's member.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "../support/test_support.h"
#include "field_table.h"
#include "fields.h"
#include "load_site.h"
#include "open_data.h"

using namespace bulletin;

namespace {

std::string readme_tables() {
    std::string out;
    for (const FieldTable* t : fields::all_tables()) {
        if (!out.empty()) out += '\n';
        out += t->markdown();
    }
    return out;
}

}  // namespace

TEST_CASE("field table: README.md's content-format tables are the field table") {
    const std::string readme = test::read_file(test::source_dir() / "README.md");
    const std::string begin = "<!-- fields: made from generator/content/field_table.h -->\n";
    const std::string end = "<!-- /fields -->";
    const auto from = readme.find(begin);
    const auto to = readme.find(end);
    REQUIRE(from != std::string::npos);
    REQUIRE(to != std::string::npos);
    const std::string shown = readme.substr(from + begin.size(), to - from - begin.size());
    if (std::getenv("UPDATE_GOLDEN") && shown != readme_tables()) {  // rewrites README.md's tables, as golden files are
        test::write_file(test::source_dir() / "README.md",
                         readme.substr(0, from + begin.size()) + readme_tables() + readme.substr(to));
    }
    INFO("README.md should hold, between the markers:\n" << readme_tables());
    CHECK(shown == readme_tables());
}

TEST_CASE("field table: keys are unique within a table and each has an example naming it") {
    for (const FieldTable* t : fields::all_tables()) {
        const auto keys = t->keys();
        CHECK(std::set<std::string>(keys.begin(), keys.end()).size() == keys.size());
        for (const FieldSpec* f : t->fields) {
            INFO(f->key);
            CHECK(f->example.find(f->key) != std::string_view::npos);
            CHECK_FALSE(f->meaning.empty());
        }
    }
}

TEST_CASE("field table: an unknown project key is warned about with the closest declared key") {
    test::TempDir tmp;
    const auto content = tmp / "content";
    test::write_minimal_site(content);
    test::write_file(content / "2022/a.md", test::project_file({"title = \"甲\"", "department = \"区发改局\"",
                                                                "number = 1", "sumary = \"摘要\""}));
    Diagnostics diags;
    REQUIRE(load_site(content.string(), {}, diags));
    const std::string report = format_diagnostics(diags, "zh-CN");
    CHECK(report.find("sumary") != std::string::npos);
    CHECK(report.find("summary") != std::string::npos);
}

TEST_CASE("field table: the open data has a member for every field that declares one") {
    Diagnostics diags;
    auto site = load_site((test::source_dir() / "tests/sites/small/content").string(), {}, diags);
    auto theme = Theme::load(test::themes_dir() / "default", "zh-CN", diags);
    REQUIRE(site);
    REQUIRE(theme);
    const auto files = render_open_data(*site, *theme);
    const auto doc = nlohmann::json::parse(files.at(0).bytes);
    for (const FieldSpec* f : fields::edition_table.fields) {
        if (!f->open_data.empty()) CHECK(doc["edition"].contains(f->open_data) != doc.contains(f->open_data));
    }
    for (const FieldSpec* f : fields::project_table.fields) {
        INFO(f->key);
        if (!f->open_data.empty()) CHECK(doc["projects"][0].contains(f->open_data));
    }
    for (const FieldSpec* f : fields::project_table.fields) {
        if (f->csv.empty()) continue;
        INFO(f->key);
        CHECK(files.at(1).bytes.find(theme->string(std::string(f->csv))) != std::string::npos);
    }
}

namespace {

// Reads `toml` as a front matter table with `table`'s plain fields into `model`; the report.
template <typename Model>
std::string read_plain(const FieldTable& table, const std::string& toml, Model& model) {
    const SourceFile file{"content/2022/a.md", toml};
    Diagnostics diags;
    auto parsed = parse_toml(file, toml, 1, diags, "zh-CN");
    REQUIRE(parsed);
    FieldReader reader(*parsed, file, 1, diags, "zh-CN", {file.path, 1, 1});
    table.read(reader, model);
    return format_diagnostics(diags, "zh-CN");
}

template <typename Model>
void check_plain_fields(const FieldTable& table) {
    for (const FieldSpec* f : table.fields) {
        if (std::holds_alternative<std::monostate>(f->plain)) continue;
        INFO(table.name << " " << f->key);
        REQUIRE(std::holds_alternative<FieldMember<Model>>(f->plain));
        // The example is read without a word: the member has the field's declared type.
        Model from_example;
        CHECK(read_plain(table, std::string(f->example) + "\n", from_example).find("错误") == std::string::npos);
        // A value of no field's type is reported at that key: the field is read by its own key.
        Model wrong;
        const std::string report = read_plain(table, std::string(f->key) + " = { x = 1 }\n", wrong);
        CHECK(report.find("content/2022/a.md:1:") != std::string::npos);
        CHECK(report.find(std::string(f->key)) != std::string::npos);
    }
}

}  // namespace

TEST_CASE("field table: each plain field is read by its key into a member of its declared type") {
    check_plain_fields<Project>(fields::project_table);
    check_plain_fields<Metric>(fields::metric_table);
    check_plain_fields<Correction>(fields::correction_table);
    check_plain_fields<Edition>(fields::edition_table);
    check_plain_fields<Figure>(fields::figure_table);
    // The values themselves reach the model.
    Project p;
    CHECK(read_plain(fields::project_table, "tags = [\"甲\", \"乙\"]\ndraft = true\ntitle = \"不是平铺字段\"\n", p).empty());
    CHECK(p.tags == std::vector<std::string>{"甲", "乙"});
    CHECK(p.draft);
    CHECK(p.title.empty());  // read by the loader itself, not by the table
    Edition e;
    e.publisher = "site.toml 的发布机关";
    CHECK(read_plain(fields::edition_table, "archived = true\n", e).empty());
    CHECK(e.archived);
    CHECK(e.publisher == "site.toml 的发布机关");  // a missing plain field leaves the member as it was
    Metric m;
    CHECK(read_plain(fields::metric_table, "unit = \"个\"\ntarget = 60\n", m).empty());
    CHECK(m.unit == "个");
    CHECK(m.target == 60.0);
}

TEST_CASE("field table: two loads are the same when every plain field is") {
    Project a, b;
    a.tags = b.tags = {"甲"};
    CHECK(fields::project_table.same(a, b));
    b.draft = true;
    CHECK_FALSE(fields::project_table.same(a, b));
    b.draft = false;
    b.tags.push_back("乙");
    CHECK_FALSE(fields::project_table.same(a, b));
    Metric x, y;
    y.target = 5;
    CHECK_FALSE(fields::metric_table.same(x, y));
    Correction c, d;
    d.reason = "统计口径调整";
    CHECK_FALSE(fields::correction_table.same(c, d));
}
