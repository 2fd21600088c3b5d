// Whole-site cases. tests/sites/<case>/content is built and a few whole
// pages are compared byte for byte with tests/sites/<case>/expected/;
// tests/invalid/<case>/content is checked through the CLI and its output
// compared with expected-errors.txt. UPDATE_GOLDEN=1 rewrites the expected
// files from what the generator makes now: review the diff before committing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>

#include "../support/test_support.h"
#include "build.h"

namespace {

namespace fs = std::filesystem;

bool update_golden() {
    const char* v = std::getenv("UPDATE_GOLDEN");
    return v != nullptr && std::string(v) == "1";
}

// The pages every golden case compares (more may be added to a case's expected/).
const std::vector<std::string> kGoldenPages = {
    "index.html",       "2022/index.html",   "2022/ev-charging/index.html", "departments/index.html",
    "departments/zhujian/index.html", "feed.xml", "data/2022.csv",
};

std::vector<fs::path> cases_in(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.is_directory() && fs::is_directory(entry.path() / "content")) out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Where two texts first differ, as "line N: expected … / actual …".
std::string first_difference(const std::string& expected, const std::string& actual) {
    std::istringstream e(expected), a(actual);
    std::string le, la;
    for (int line = 1;; ++line) {
        const bool more_e = static_cast<bool>(std::getline(e, le));
        const bool more_a = static_cast<bool>(std::getline(a, la));
        if (!more_e && !more_a) return "same lines, different bytes (line ends?)";
        if (!more_e || !more_a || le != la) {
            return "line " + std::to_string(line) + ":\n  expected: " + (more_e ? le : "<end>") +
                   "\n  actual:   " + (more_a ? la : "<end>");
        }
    }
}

}  // namespace

TEST_CASE("golden sites: whole pages match the expected bytes") {
    const auto cases = cases_in(test::source_dir() / "tests/sites");
    REQUIRE_FALSE(cases.empty());
    for (const fs::path& c : cases) {
        DYNAMIC_SECTION(c.filename().string()) {
            test::TempDir tmp;
            bulletin::BuildOptions options;
            options.content_dir = (c / "content").string();
            options.out_dir = (tmp / "public").string();
            options.themes_dir = test::themes_dir().string();
            std::ostringstream out, err;
            REQUIRE(bulletin::run_build(options, out, err) == 0);
            CHECK(err.str().empty());  // a golden site has no warning either

            std::set<std::string> pages(kGoldenPages.begin(), kGoldenPages.end());
            if (fs::is_directory(c / "expected")) {
                for (const auto& [path, bytes] : test::read_tree(c / "expected")) pages.insert(path);
            }
            for (const std::string& page : pages) {
                INFO(c.filename().string() << ": " << page);
                const fs::path built = tmp / "public" / page;
                const fs::path expected = c / "expected" / page;
                REQUIRE(fs::exists(built));
                const std::string actual = test::read_file(built);
                if (update_golden()) {
                    test::write_file(expected, actual);
                    continue;
                }
                REQUIRE(fs::exists(expected));
                const std::string wanted = test::read_file(expected);
                INFO(first_difference(wanted, actual) << "\n(UPDATE_GOLDEN=1 rewrites the expected pages)");
                CHECK(wanted == actual);
            }
        }
    }
}

TEST_CASE("invalid sites: bulletin check prints exactly the expected errors and exits 1") {
    const auto cases = cases_in(test::source_dir() / "tests/invalid");
    REQUIRE_FALSE(cases.empty());
    for (const fs::path& c : cases) {
        DYNAMIC_SECTION(c.filename().string()) {
            // Paths in messages are as the editor typed them: relative to the repository.
            const std::string content = fs::relative(c / "content", test::source_dir()).generic_string();
            const auto r = test::run_cli("check --content " + test::shell_quote(content), test::source_dir());
            CHECK(r.status == 1);
            CHECK(r.out.empty());
            const fs::path expected = c / "expected-errors.txt";
            if (update_golden()) {
                test::write_file(expected, r.err);
            } else {
                REQUIRE(fs::exists(expected));
                const std::string wanted = test::read_file(expected);
                INFO(first_difference(wanted, r.err) << "\n(UPDATE_GOLDEN=1 rewrites expected-errors.txt)");
                CHECK(wanted == r.err);
            }
        }
    }
}

TEST_CASE("invalid sites: bulletin build reports the same errors, exits 1 and writes nothing") {
    for (const fs::path& c : cases_in(test::source_dir() / "tests/invalid")) {
        DYNAMIC_SECTION(c.filename().string()) {
            test::TempDir tmp;
            const std::string content = fs::relative(c / "content", test::source_dir()).generic_string();
            const auto r = test::run_cli("build --content " + test::shell_quote(content) + " --out " +
                                             test::shell_quote((tmp / "public").string()),
                                         test::source_dir());
            CHECK(r.status == 1);
            CHECK(r.out.empty());
            if (!update_golden()) CHECK(r.err == test::read_file(c / "expected-errors.txt"));
            CHECK(fs::is_empty(tmp.path()));  // no output folder, no staging folder left behind
        }
    }
}
