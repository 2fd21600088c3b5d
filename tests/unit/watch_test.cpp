// The serve watcher (serve/watch.cpp): saves seen in every folder, and a
// folder it cannot watch named instead of stopping the preview.
#include <cerrno>
#include <chrono>
#include <fstream>

#include <catch2/catch.hpp>

#include "files.h"
#include "serve.h"
#include "watch.h"
#include "../support/test_support.h"

using namespace bulletin;
using namespace bulletin::serve;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

bool saw(const std::vector<fs::path>& changed, const fs::path& file) {
    for (const fs::path& p : changed) {
        if (p == file) return true;
    }
    return false;
}

// Writes `file` and waits for the watcher to report it (a save it never sees
// blocks until CTest's time limit: a failure too).
bool reported(Watcher& w, const fs::path& file) {
    std::ofstream(file) << "text\n";
    const auto changed = w.wait(20ms);
    return changed && saw(*changed, file);
}

struct FaultReset {
    ~FaultReset() { files::testing::reset(); }
};

}  // namespace

TEST_CASE("watch: a save in any folder under the root is reported, and a new folder is watched too") {
    test::TempDir dir;
    fs::create_directories(dir / "content/2022");
    Watcher w({dir / "content"});
    CHECK(w.take_failures().empty());
    CHECK(reported(w, dir / "content/2022/a.md"));
    fs::create_directories(dir / "content/2023");
    const auto created = w.wait(20ms);
    REQUIRE(created);
    CHECK(saw(*created, dir / "content/2023"));
    CHECK(reported(w, dir / "content/2023/b.md"));
}

TEST_CASE("watch: a folder the system will not watch is named, and the other folders are still watched") {
    test::TempDir dir;
    for (const char* edition : {"2021", "2022", "2023"}) fs::create_directories(dir / "content" / edition);
    const FaultReset reset;
    // The root is the 1st folder watched, then one of its folders, as when
    // fs.inotify.max_user_watches runs out.
    files::testing::fail_nth(files::testing::Op::watch, 2);
    Watcher w({dir / "content"});
    const auto failures = w.take_failures();
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].folder.parent_path() == dir / "content");
    CHECK(failures[0].error == ENOSPC);
    CHECK(w.take_failures().empty());  // told once
    for (const char* edition : {"2021", "2022", "2023"}) {
        if (failures[0].folder.filename() != edition) CHECK(reported(w, dir / "content" / edition / "a.md"));
    }

    // What serve prints, in the site's language, with the fix for the limit.
    const std::string zh = watch_failures_text({{"content/2022", ENOSPC}}, "zh-CN");
    CHECK(zh.find("无法监视文件夹 content/2022") != std::string::npos);
    CHECK(zh.find("fs.inotify.max_user_watches") != std::string::npos);
    const std::string en = watch_failures_text({{"content/2022", EACCES}}, "en");
    CHECK(en.find("cannot watch the folder content/2022") != std::string::npos);
    CHECK(en.find("can be read") != std::string::npos);
    CHECK(watch_failures_text({}, "zh-CN").empty());
}
