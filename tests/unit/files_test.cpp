// The file layer (core/files.h): reading, walking in byte order with no
// error skipped, atomic writes, and the fault hook the publisher tests use.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "../support/test_support.h"
#include "files.h"

namespace {

namespace fs = std::filesystem;
namespace files = bulletin::files;

std::vector<std::string> walked(const fs::path& root, const files::WalkOptions& options = {}) {
    std::vector<std::string> out;
    files::walk(root, options, [&](const files::Entry& e) {
        out.push_back(e.rel + (e.kind == files::Entry::symlink ? "@" : e.kind == files::Entry::folder ? "/" : ""));
    });
    return out;
}

}  // namespace

TEST_CASE("files: read_file returns the bytes, refuses a folder, a missing file and a file past its limit") {
    test::TempDir tmp;
    test::write_file(tmp / "a.txt", std::string("甲\0乙\n", 8));
    CHECK(files::read_file(tmp / "a.txt") == std::string("甲\0乙\n", 8));
    CHECK_THROWS_AS(files::read_file(tmp / "none"), files::FileError);
    CHECK_THROWS_WITH(files::read_file(tmp / "none"), Catch::Contains("none") && Catch::Contains("No such file"));
    CHECK_THROWS_AS(files::read_file(tmp.path()), files::FileError);
    CHECK_THROWS_AS(files::read_file(tmp / "a.txt", 7), files::TooLarge);
    CHECK(files::read_file(tmp / "a.txt", 8).size() == 8);
    CHECK(files::read_if_regular(tmp / "a.txt", 8).has_value());
    CHECK_FALSE(files::read_if_regular(tmp / "a.txt", 9).has_value());
    CHECK_FALSE(files::read_if_regular(tmp.path()).has_value());
}

TEST_CASE("files: walk lists in byte order, depth first, dot names left out unless asked") {
    test::TempDir tmp;
    for (const char* f : {"b/z.txt", "b/a.txt", "a.txt", "B.txt", "中.txt", ".hidden/x", "b/.dot"}) test::write_file(tmp / f, "x");
    CHECK(walked(tmp.path()) == std::vector<std::string>{"B.txt", "a.txt", "b/a.txt", "b/z.txt", "中.txt"});
    files::WalkOptions all;
    all.skip_dot = false;
    all.folders = true;
    all.prefix = "site";
    CHECK(walked(tmp.path(), all) == std::vector<std::string>{"site/.hidden/", "site/.hidden/x", "site/B.txt", "site/a.txt",
                                                              "site/b/", "site/b/.dot", "site/b/a.txt", "site/b/z.txt",
                                                              "site/中.txt"});
    CHECK(files::list_folder(tmp.path()) == std::vector<std::string>{".hidden", "B.txt", "a.txt", "b", "中.txt"});
}

TEST_CASE("files: links are reported as links, or followed with loops refused") {
    test::TempDir tmp;
    test::write_file(tmp / "elsewhere/p.md", "x");
    test::write_file(tmp / "root/a.md", "x");
    fs::create_directory_symlink(tmp / "elsewhere", tmp / "root/linked");
    CHECK(walked(tmp / "root") == std::vector<std::string>{"a.md", "linked@"});
    files::WalkOptions follow;
    follow.follow_links = true;
    CHECK(walked(tmp / "root", follow) == std::vector<std::string>{"a.md", "linked/p.md"});
    fs::create_directory_symlink(tmp / "root", tmp / "elsewhere/back");
    CHECK_THROWS_AS(walked(tmp / "root", follow), files::FileError);
    fs::remove(tmp / "elsewhere/back");
    fs::create_symlink(tmp / "nowhere", tmp / "root/dangling");
    CHECK_THROWS_WITH(walked(tmp / "root", follow), Catch::Contains("dangling"));
    CHECK_THROWS_AS(walked(tmp / "missing"), files::FileError);
}

TEST_CASE("files: write_atomic replaces a file whole and leaves no temporary file") {
    test::TempDir tmp;
    files::write_atomic(tmp / "deep/er/f.txt", "一");
    files::write_atomic(tmp / "deep/er/f.txt", "二");
    CHECK(test::read_file(tmp / "deep/er/f.txt") == "二");
    CHECK(files::list_folder(tmp / "deep/er") == std::vector<std::string>{"f.txt"});
    CHECK_THROWS_AS(files::write_new(tmp / "deep/er/f.txt", "三"), files::FileError);  // write_new never overwrites
}

TEST_CASE("files: the fault hook fails exactly the Nth operation of its kind, then nothing") {
    test::TempDir tmp;
    using files::testing::Op;
    files::testing::fail_nth(Op::write, 2);
    files::write_new(tmp / "1", "a");
    CHECK_THROWS_WITH(files::write_new(tmp / "2", "b"), Catch::Contains("Input/output error"));
    files::write_new(tmp / "3", "c");
    CHECK(files::testing::count(Op::write) == 3);
    // A failed atomic write leaves the old bytes and no temporary file.
    files::write_atomic(tmp / "f", "old");
    files::testing::fail_nth(Op::rename, 1);
    CHECK_THROWS_AS(files::write_atomic(tmp / "f", "new"), files::FileError);
    CHECK(test::read_file(tmp / "f") == "old");
    files::testing::fail_nth(Op::mkdir, 1);
    CHECK_THROWS_AS(files::make_folders(tmp / "x/y"), files::FileError);
    files::testing::fail_nth(Op::link, 1);
    CHECK_THROWS_AS(files::link(tmp / "f", tmp / "g"), files::FileError);
    files::testing::reset();
    files::link(tmp / "f", tmp / "g");
    CHECK(files::list_folder(tmp.path()) == std::vector<std::string>{"1", "2", "3", "f", "g"});
}
