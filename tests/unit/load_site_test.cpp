// The loader's cache between loads (load_site.h's LoadCache, for `bulletin
// serve`): a load after one saved file shares every other project with the
// site before it, as Site::projects (model.h's ProjectList) holds them,
// instead of reading or copying them; a site handed out is never changed by
// a later load.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "load_site.h"
#include "../support/test_support.h"

using namespace bulletin;
using namespace test;

namespace {

std::optional<Site> load(const fs::path& content, LoadCache* cache) {
    Diagnostics diags;
    auto site = load_site(content.string(), {true, std::nullopt, cache}, diags);
    INFO(format_diagnostics(diags, "zh-CN"));
    REQUIRE_FALSE(diags.has_errors());
    return site;
}

// Each project of the site by its address, with the project's own address in memory.
std::map<std::string, const Project*> by_address(const Site& site) {
    std::map<std::string, const Project*> out;
    for (std::size_t i = 0; i < site.projects.size(); ++i) {
        const Project& p = site.projects[i];
        out[site.editions[p.edition].id + "/" + p.slug] = site.projects.identity(i);
    }
    return out;
}

void append_to(const fs::path& file, const std::string& text) { write_file(file, read_file(file) + text); }

}  // namespace

TEST_CASE("load_site: with a cache, the next load shares every unchanged project and reads the saved file again") {
    TempDir dir;
    const fs::path content = dir / "content";
    fs::copy(source_dir() / "tests/sites/small/content", content, fs::copy_options::recursive);
    const auto cache = make_load_cache();
    const auto first = load(content, cache.get());
    REQUIRE(first);
    REQUIRE(first->projects.size() == 5);

    append_to(content / "2022/property.md", "\n新加的一句。\n");
    const auto second = load(content, cache.get());
    REQUIRE(second);
    const auto before = by_address(*first);
    const auto after = by_address(*second);
    REQUIRE(after.size() == before.size());
    for (const auto& [address, project] : after) {
        INFO(address);
        if (address == "2022/property") {
            CHECK(project != before.at(address));
        } else {
            CHECK(project == before.at(address));  // the very same project, not a copy
        }
    }
    // The first site still holds what was loaded then.
    for (const Project& p : first->projects) CHECK(p.body_text.find("新加的一句") == std::string::npos);
    bool seen = false;
    for (const Project& p : second->projects) seen = seen || p.body_text.find("新加的一句") != std::string::npos;
    CHECK(seen);

    // Without a cache every load reads every file: nothing is shared.
    const auto uncached = load(content, nullptr);
    for (const auto& [address, project] : by_address(*uncached)) CHECK(project != after.at(address));
}

TEST_CASE("load_site: with a cache, a project is read again when an image it links to goes or comes") {
    TempDir dir;
    const fs::path content = dir / "content";
    fs::copy(source_dir() / "tests/sites/small/content", content, fs::copy_options::recursive);
    append_to(content / "2022/property.md", "\n![现场](photo.jpg)\n");
    write_file(content / "2022/photo.jpg", "JPEG bytes");
    const auto cache = make_load_cache();
    auto loads = [&] {
        Diagnostics diags;
        const bool ok = load_site(content.string(), {true, std::nullopt, cache.get()}, diags).has_value();
        return std::pair{ok, format_diagnostics(diags, "zh-CN")};
    };
    CHECK(loads().first);
    fs::remove(content / "2022/photo.jpg");  // the project file itself is unchanged
    const auto [ok, messages] = loads();
    CHECK_FALSE(ok);
    CHECK(messages.find("2022/property.md:") != std::string::npos);
    CHECK(messages.find("找不到链接的文件“photo.jpg”") != std::string::npos);
    write_file(content / "2022/photo.jpg", "JPEG bytes");
    CHECK(loads().first);
}

TEST_CASE("load_site: an edition added in front moves the projects' edition, and the site before keeps its own") {
    TempDir dir;
    const fs::path content = dir / "content";
    fs::copy(source_dir() / "tests/sites/small/content", content, fs::copy_options::recursive);
    const auto cache = make_load_cache();
    const auto first = load(content, cache.get());
    REQUIRE(first);

    write_file(content / "2023/_index.md",
               "+++\ntitle = \"漠视侵害群众利益问题专项治理工作成果\"\nyear = 2023\npublished = 2024-01-18\n+++\n前言。\n");
    const auto second = load(content, cache.get());
    REQUIRE(second);
    REQUIRE(second->editions.size() == first->editions.size() + 1);
    // Every project is in the edition it was in, in both sites.
    for (const Site* site : {&*first, &*second}) {
        for (const Project& p : site->projects) {
            INFO(p.source_path);
            CHECK(p.source_path.find("/" + site->editions[p.edition].id + "/") != std::string::npos);
        }
    }
    // A third load with nothing changed shares the projects of the second.
    const auto third = load(content, cache.get());
    CHECK(by_address(*third) == by_address(*second));
}

TEST_CASE("load_site: Site::projects is read like a vector, and a copy changed is copied first") {
    Project a;
    a.slug = "a";
    a.title = "甲";
    Project b;
    b.slug = "b";
    Site site;
    site.projects = {a, b};
    REQUIRE(site.projects.size() == 2);
    CHECK(site.projects[0].title == "甲");
    std::vector<std::string> slugs;
    for (const Project& p : site.projects) slugs.push_back(p.slug);
    CHECK(slugs == std::vector<std::string>{"a", "b"});
    CHECK(std::find_if(site.projects.begin(), site.projects.end(), [](const Project& p) { return p.slug == "b"; }) -
              site.projects.begin() == 1);

    Site copy = site;
    CHECK(copy.projects.identity(0) == site.projects.identity(0));  // shared, not copied
    copy.projects.edit(0).title = "乙";
    CHECK(copy.projects[0].title == "乙");
    CHECK(site.projects[0].title == "甲");  // the original is not changed
    CHECK(copy.projects.identity(1) == site.projects.identity(1));
    // The only holder changes the project in place.
    const Project* only = copy.projects.identity(0);
    copy.projects.edit(0).title = "丙";
    CHECK(copy.projects.identity(0) == only);
}
