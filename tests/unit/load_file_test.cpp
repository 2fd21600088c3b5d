// One content file read into the model (content/load_file.h): a project
// file or an edition's _index.md, with what it reports. The whole folder's
// loading, and every message at its line, are in load_site_test.cpp and
// validation_test.cpp.
#include <catch2/catch.hpp>

#include "../support/test_support.h"
#include "load_file.h"

namespace {

using bulletin::Diagnostics;
using bulletin::loading::Context;
using bulletin::loading::load_edition;
using bulletin::loading::load_project;
using test::project_file;
using test::write_file;

struct Files {
    test::TempDir tmp;
    std::string content = (tmp / "content").string();
    std::string language = "zh-CN";
    std::vector<bulletin::Department> departments{{"fagai", "区发改局", "", {}}, {"jiaoyu", "区教育局", "", {}}};
    Context ctx{content, language, departments, {{"区发改局", 0}, {"fagai", 0}, {"区教育局", 1}, {"jiaoyu", 1}},
                {"区发改局", "区教育局"}};

    bulletin::loading::LoadedProject project(const std::string& text, bool drafts = false, bool archived = false) {
        const std::filesystem::path file = tmp / "content/2022/ev-charging.md";
        write_file(file, text);
        return load_project(ctx, file, "content/2022/ev-charging.md", "ev-charging", "2022", drafts, archived);
    }
};

}  // namespace

TEST_CASE("load_file: a project file gives its project, its department by name or slug, and nothing to report") {
    Files f;
    auto by_name = f.project(project_file({"title = \"充电难\"", "department = \"区教育局\"", "number = 3"}));
    INFO(bulletin::format_diagnostics(by_name.diags, "zh-CN"));
    REQUIRE(by_name.project);
    CHECK(by_name.project->title == "充电难");
    CHECK(by_name.project->department == 1);
    CHECK(by_name.project->number == 3);
    CHECK(by_name.number == 3);
    CHECK(by_name.project->edition == bulletin::loading::kNoEdition);  // set when the site is put together
    CHECK(by_name.diags.items().empty());
    CHECK(f.project(project_file({"title = \"充电难\"", "department = \"jiaoyu\"", "number = 3"})).project->department == 1);
}

TEST_CASE("load_file: a draft is left out unless drafts are shown, and its number still counts") {
    Files f;
    const std::string draft = project_file({"title = \"充电难\"", "department = \"区发改局\"", "number = 2", "draft = true"});
    const auto left = f.project(draft);
    CHECK_FALSE(left.project);
    CHECK(left.left_out);
    CHECK(left.number == 2);
    const auto shown = f.project(draft, true);
    REQUIRE(shown.project);
    CHECK(shown.project->draft);
}

TEST_CASE("load_file: a project file with mistakes gives no project, and says where and what to write") {
    Files f;
    const auto unknown = f.project(project_file({"title = \"充电难\"", "department = \"区发该局\"", "number = 1"}));
    CHECK_FALSE(unknown.project);
    REQUIRE(unknown.diags.items().size() == 1);
    CHECK(unknown.diags.items()[0].loc.line == 3);
    CHECK(unknown.diags.items()[0].hint.find("区发改局") != std::string::npos);  // the nearest name

    const auto out_of_range = f.project(project_file({"title = \"充电难\"", "department = \"区发改局\"", "number = 0"}));
    CHECK_FALSE(out_of_range.project);
    REQUIRE(out_of_range.diags.error_count() == 1);
    CHECK(out_of_range.diags.items()[0].loc.line == 4);
}

TEST_CASE("load_file: an edition's _index.md gives its edition, or nothing and the line of an empty title") {
    Files f;
    bulletin::SiteConfig config;
    std::vector<bulletin::StaticFile> files;
    std::vector<bulletin::LocalLinks::PageLink> pages;
    const std::filesystem::path index = f.tmp / "content/2022/_index.md";
    write_file(index, "+++\ntitle = \"专项治理成果\"\nyear = 2022\npublished = 2023-01-20\n+++\n序言。\n");
    Diagnostics ok;
    const auto edition = load_edition(f.ctx, index, "content/2022/_index.md", "2022", config, ok, files, pages);
    INFO(bulletin::format_diagnostics(ok, "zh-CN"));
    REQUIRE(edition);
    CHECK(edition->title == "专项治理成果");
    CHECK(edition->year == 2022);
    CHECK(edition->preamble_text.find("序言") != std::string::npos);

    write_file(index, "+++\nyear = 2022\ntitle = \"\"\npublished = 2023-01-20\n+++\n序言。\n");
    Diagnostics empty;
    CHECK_FALSE(load_edition(f.ctx, index, "content/2022/_index.md", "2022", config, empty, files, pages));
    REQUIRE(empty.error_count() == 1);
    CHECK(empty.items()[0].loc.line == 3);
}
