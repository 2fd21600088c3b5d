// Whole-site cases. tests/sites/<case>/content is built and a few whole
// pages are compared byte for byte with tests/sites/<case>/expected/;
// tests/invalid/<case>/content is checked through the CLI and its output
// compared with expected-errors.txt. UPDATE_GOLDEN=1 rewrites the expected
// files from what the generator makes now and then fails, naming every file
// it rewrote, so a variable left set can never make the run pass: review the
// diff, then run again without it. BULLETIN_TEST_ROOT (default: the
// repository) is where tests/sites and tests/invalid are read, so a test can
// show the rewriting on a copy.
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

fs::path test_root() {
    const char* v = std::getenv("BULLETIN_TEST_ROOT");
    return v != nullptr && *v != '\0' ? fs::path(v) : test::source_dir();
}

// Writes `bytes` to `expected` when they differ and records it in `rewritten`.
void rewrite(const fs::path& expected, const std::string& bytes, std::vector<std::string>& rewritten) {
    if (fs::exists(expected) && test::read_file(expected) == bytes) return;
    test::write_file(expected, bytes);
    rewritten.push_back(fs::relative(expected, test_root()).generic_string());
}

// Under UPDATE_GOLDEN=1 every case fails once its files are written.
void fail_after_update(const std::string& name, const std::vector<std::string>& rewritten) {
    std::string list;
    for (const std::string& f : rewritten) list += "\n  rewrote " + f;
    if (rewritten.empty()) list = "\n  nothing to rewrite: every expected file already matches";
    FAIL("UPDATE_GOLDEN=1 (" << name << "):" << list
                             << "\nreview `git diff tests/sites tests/invalid`, then run the tests again without "
                                "UPDATE_GOLDEN");
}

// A case compares the pages in its expected/ folder; a new case without one
// gets these under UPDATE_GOLDEN=1 (delete the ones it does not need).
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
    const auto cases = cases_in(test_root() / "tests/sites");
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

            std::set<std::string> pages;
            if (fs::is_directory(c / "expected")) {
                for (const auto& [path, bytes] : test::read_tree(c / "expected")) pages.insert(path);
            }
            if (pages.empty()) pages.insert(kGoldenPages.begin(), kGoldenPages.end());
            std::vector<std::string> rewritten;
            for (const std::string& page : pages) {
                INFO(c.filename().string() << ": " << page);
                const fs::path built = tmp / "public" / page;
                const fs::path expected = c / "expected" / page;
                REQUIRE(fs::exists(built));
                const std::string actual = test::read_file(built);
                if (update_golden()) {
                    rewrite(expected, actual, rewritten);
                    continue;
                }
                REQUIRE(fs::exists(expected));
                const std::string wanted = test::read_file(expected);
                INFO(first_difference(wanted, actual) << "\n(UPDATE_GOLDEN=1 rewrites the expected pages)");
                CHECK(wanted == actual);
            }
            if (update_golden()) fail_after_update(c.filename().string(), rewritten);
        }
    }
}

TEST_CASE("invalid sites: bulletin check prints exactly the expected errors and exits 1") {
    const auto cases = cases_in(test_root() / "tests/invalid");
    REQUIRE_FALSE(cases.empty());
    for (const fs::path& c : cases) {
        DYNAMIC_SECTION(c.filename().string()) {
            // Paths in messages are as the editor typed them: relative to the repository.
            const std::string content = fs::relative(c / "content", test_root()).generic_string();
            const auto r = test::run_cli("check --content " + test::shell_quote(content), test_root());
            CHECK(r.status == 1);
            CHECK(r.out.empty());
            const fs::path expected = c / "expected-errors.txt";
            if (update_golden()) {
                std::vector<std::string> rewritten;
                rewrite(expected, r.err, rewritten);
                fail_after_update(c.filename().string(), rewritten);
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
    for (const fs::path& c : cases_in(test_root() / "tests/invalid")) {
        DYNAMIC_SECTION(c.filename().string()) {
            test::TempDir tmp;
            const std::string content = fs::relative(c / "content", test_root()).generic_string();
            const auto r = test::run_cli("build --content " + test::shell_quote(content) + " --out " +
                                             test::shell_quote((tmp / "public").string()),
                                         test_root());
            CHECK(r.status == 1);
            CHECK(r.out.empty());
            CHECK(r.err == test::read_file(c / "expected-errors.txt"));
            CHECK(fs::is_empty(tmp.path()));  // no output folder, no staging folder left behind
        }
    }
}

TEST_CASE("UPDATE_GOLDEN=1 rewrites the expected files, then fails the run naming them") {
    // On a copy of tests/sites and tests/invalid: one golden page and one
    // error listing are made stale, then the golden tests run with the variable.
    test::TempDir root;
    for (const char* dir : {"tests/sites", "tests/invalid"}) {
        fs::create_directories(root / dir);
        fs::copy(test::source_dir() / dir, root / dir, fs::copy_options::recursive);
    }
    const fs::path page = root / "tests/sites/small/expected/index.html";
    const fs::path errors = root / "tests/invalid/many-errors/expected-errors.txt";
    const std::string page_bytes = test::read_file(page), error_bytes = test::read_file(errors);
    test::write_file(page, page_bytes + "stale\n");
    test::write_file(errors, "stale\n");
    const auto before = test::read_tree(test::source_dir() / "tests/sites");

    auto run = [&](const std::string& env) {
        test::TempDir capture;
        const std::string command = env + " BULLETIN_TEST_ROOT=" + test::shell_quote(root.path().string()) + " " +
                                    test::shell_quote(BULLETIN_UNIT_TESTS) + " 'golden*,invalid*' >" +
                                    test::shell_quote((capture / "out").string()) + " 2>&1";
        const int raw = std::system(command.c_str());
        return std::make_pair(WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, test::read_file(capture / "out"));
    };

    const auto [status, out] = run("UPDATE_GOLDEN=1");
    INFO(out);
    CHECK(status != 0);
    CHECK(out.find("rewrote tests/sites/small/expected/index.html") != std::string::npos);
    CHECK(out.find("rewrote tests/invalid/many-errors/expected-errors.txt") != std::string::npos);
    CHECK(out.find("rewrote tests/sites/small/expected/feed.xml") == std::string::npos);  // unchanged, not rewritten
    CHECK(test::read_file(page) == page_bytes);
    CHECK(test::read_file(errors) == error_bytes);

    // Nothing left to rewrite: the variable still fails the run.
    const auto [again, again_out] = run("UPDATE_GOLDEN=1");
    CHECK(again != 0);
    CHECK(again_out.find("nothing to rewrite") != std::string::npos);

    // Without it, the rewritten copy passes, and the repository was never touched.
    const auto [plain, plain_out] = run("UPDATE_GOLDEN=");
    INFO(plain_out);
    CHECK(plain == 0);
    CHECK(test::read_tree(test::source_dir() / "tests/sites") == before);
}
