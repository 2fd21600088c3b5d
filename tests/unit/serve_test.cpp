// bulletin serve: the in-memory site and its rebuilds (LiveSite), the page
// the preview sends, and the real command on a free loopback port: a page
// fetched, a file changed and the reload event seen, a broken file's error
// shown over the last good site, the site back once it is fixed.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <regex>
#include <thread>

#include <catch2/catch.hpp>
#include <httplib.h>

#include "live_site.h"
#include "serve.h"
#include "../support/test_support.h"

using namespace bulletin;
using namespace bulletin::serve;
using namespace test;
using namespace std::chrono_literals;

namespace {

BuildOptions options_for(const fs::path& content) {
    BuildOptions o;
    o.content_dir = content.string();
    o.themes_dir = themes_dir().string();
    return o;
}

std::string page(const LiveSite& live, const std::string& path) {
    const auto snapshot = live.snapshot();
    if (!snapshot) return {};
    const auto bytes = snapshot->find(path);
    return bytes ? *bytes : std::string();
}

bool has_text(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
    std::string text = read_file(file);
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("not in " + file.string() + ": " + from);
    text.replace(at, from.size(), to);
    write_file(file, text);
}

}  // namespace

TEST_CASE("serve site_path maps request paths to the site's files and refuses to climb out") {
    CHECK(site_path("/") == "index.html");
    CHECK(site_path("/2022/") == "2022/index.html");
    CHECK(site_path("/2022/ev-charging/") == "2022/ev-charging/index.html");
    CHECK(site_path("/feed.xml") == "feed.xml");
    CHECK(site_path("/assets/style.css") == "assets/style.css");
    CHECK(site_path("/../etc/passwd").empty());
    CHECK(site_path("/2022/../../x").empty());
    CHECK(site_path("/./index.html").empty());
    CHECK(site_path("//etc/passwd").empty());
    CHECK(site_path("relative").empty());
}

TEST_CASE("serve preview_page links the reload script and shows every diagnostic at the top of the body") {
    const std::string html = "<!DOCTYPE html>\n<html>\n<head>\n<title>x</title>\n</head>\n<body class=\"a\">\n<p>正文</p>\n</body>\n</html>\n";
    const std::string clean = preview_page(html, 7, Diagnostics{}, "zh-CN");
    CHECK(clean.find("<script src=\"/_serve/reload.js\" defer></script>\n</head>") != std::string::npos);
    CHECK(clean.find("<meta name=\"bulletin-serve-generation\" content=\"7\">") != std::string::npos);
    CHECK(clean.find("bulletin-serve-problems") == std::string::npos);
    CHECK(clean.find("<p>正文</p>") != std::string::npos);

    Diagnostics diags;
    diags.error({"content/2022/a.md", 3, 14}, "未知部门“区发改”", "是否想写“区发改局”？", "department = \"<区发改>\"");
    const std::string broken = preview_page(html, 8, diags, "zh-CN");
    const auto box = broken.find("<section class=\"bulletin-serve-problems\" role=\"alert\"");
    REQUIRE(box != std::string::npos);
    CHECK(box > broken.find("<body class=\"a\">"));
    CHECK(box < broken.find("<p>正文</p>"));  // over the last good page, which is still there
    CHECK(broken.find("content/2022/a.md:3:14: 错误: 未知部门“区发改”") != std::string::npos);
    CHECK(broken.find("是否想写“区发改局”？") != std::string::npos);
    // The editor's text is escaped: it cannot run in the preview either.
    CHECK(broken.find("&lt;区发改&gt;") != std::string::npos);
    CHECK(broken.find("<区发改>") == std::string::npos);
    CHECK(preview_page(html, 8, diags, "en").find("The content has 1 error(s)") != std::string::npos);

    // Every error, but no more than a hundred warnings: the page stays readable.
    Diagnostics many;
    many.error({"content/2022/a.md", 1, 1}, "错误一");
    for (int i = 1; i <= 150; ++i) many.warning({"content/2022/a.md", i + 1, 1}, "警告" + std::to_string(i));
    const std::string crowded = preview_page(html, 9, many, "zh-CN");
    CHECK(has_text(crowded, "content/2022/a.md:1:1: 错误: 错误一"));
    CHECK(has_text(crowded, "警告100</pre>"));
    CHECK_FALSE(has_text(crowded, "警告101</pre>"));
    CHECK(has_text(crowded, "另有 50 处警告未在此列出：bulletin check 会列出全部。"));
    // Warnings alone: a few are shown open, more are folded under their heading (no script needed).
    Diagnostics few, more;
    for (int i = 1; i <= 4; ++i) {
        (i <= 3 ? few : more).warning({"content/2022/a.md", i, 1}, "警告" + std::to_string(i));
        if (i <= 3) more.warning({"content/2022/a.md", i, 1}, "警告" + std::to_string(i));
    }
    CHECK(has_text(preview_page(html, 9, few, "zh-CN"), "<details open>\n<summary><h2 id=\"bulletin-serve-problems-title\">3 处警告"));
    CHECK(has_text(preview_page(html, 9, more, "zh-CN"), "<details>\n<summary><h2 id=\"bulletin-serve-problems-title\">4 处警告"));
    CHECK_FALSE(has_text(crowded, "<details"));  // errors are never folded

    REQUIRE(serve_asset("reload.js") != nullptr);
    CHECK(serve_asset("reload.js")->find("EventSource(\"/_serve/events\")") != std::string::npos);
    CHECK(serve_asset("other.js") == nullptr);
}

TEST_CASE("serve LiveSite renders again only the edition that changed and keeps the last good site while the content has errors") {
    TempDir dir;
    const fs::path content = dir / "content";
    fs::copy(source_dir() / "tests/sites/small/content", content, fs::copy_options::recursive);
    LiveSite live(options_for(content));

    const RebuildStats first = live.rebuild({});
    REQUIRE(first.ok);
    CHECK(first.editions == 2);
    CHECK(first.editions_rendered == 2);
    const auto before = live.snapshot();
    REQUIRE(before);
    const std::string old_2021 = page(live, "2021/index.html");
    REQUIRE(!old_2021.empty());
    REQUIRE(page(live, "2022/ev-charging/index.html").find("这句是新加的") == std::string::npos);

    // One project of 2022 changes: 2021's pages are the very same bytes, not rendered again.
    replace_in(content / "2022/ev-charging.md", "+++\n1.", "+++\n这句是新加的。\n\n1.");
    const RebuildStats second = live.rebuild({content / "2022/ev-charging.md"});
    REQUIRE(second.ok);
    CHECK(second.editions_rendered == 1);
    CHECK(page(live, "2022/ev-charging/index.html").find("这句是新加的") != std::string::npos);
    CHECK(live.snapshot()->find("2021/index.html") == before->find("2021/index.html"));
    CHECK(live.snapshot()->find("2022/index.html") != before->find("2022/index.html"));
    // The search index and the manifest are made when asked for, from the new site.
    const auto index = live.snapshot()->find("search-index.json");
    REQUIRE(index);
    CHECK(live.snapshot()->find("manifest.json") != nullptr);

    // A broken file: the errors are kept, the site is the last good one.
    const std::uint64_t generation = live.generation();
    replace_in(content / "2022/ev-charging.md", "这句是新加的", "这句是出错后写的");
    const std::string text = read_file(content / "2022/ev-charging.md");
    replace_in(content / "2022/ev-charging.md", "department", "departmant");
    const RebuildStats broken = live.rebuild({content / "2022/ev-charging.md"});
    CHECK_FALSE(broken.ok);
    CHECK(live.has_errors());
    CHECK(live.generation() > generation);
    CHECK(page(live, "2022/ev-charging/index.html").find("这句是新加的") != std::string::npos);
    const std::string messages = format_diagnostics(*live.diagnostics(), live.language());
    CHECK(messages.find("2022/ev-charging.md:") != std::string::npos);

    // Fixed: the site comes back with what was written meanwhile.
    write_file(content / "2022/ev-charging.md", text);
    REQUIRE(live.rebuild({content / "2022/ev-charging.md"}).ok);
    CHECK_FALSE(live.has_errors());
    CHECK(page(live, "2022/ev-charging/index.html").find("这句是出错后写的") != std::string::npos);

    // Drafts are shown, marked as such.
    write_file(content / "2021/draft-one.md",
               project_file({"title = \"尚未定稿的项目\"", "department = \"区发改局\"", "number = 3", "draft = true"}));
    const RebuildStats third = live.rebuild({content / "2021/draft-one.md"});
    REQUIRE(third.ok);
    CHECK(third.editions_rendered == 1);
    const std::string draft_page = page(live, "2021/draft-one/index.html");
    CHECK(draft_page.find("尚未定稿的项目 <span class=\"draft-mark\">草稿</span>") != std::string::npos);

    // site.toml changes every page.
    replace_in(content / "site.toml", "title", "title");
    CHECK(live.rebuild({content / "site.toml"}).editions_rendered == 2);
    CHECK_FALSE(fs::exists(dir / "public"));
    CHECK_FALSE(fs::exists(content / "public"));
}

TEST_CASE("serve LiveSite after each change holds exactly the files a fresh build makes") {
    TempDir dir;
    const fs::path content = dir / "content";
    fs::copy(source_dir() / "tests/sites/small/content", content, fs::copy_options::recursive);
    LiveSite live(options_for(content));
    REQUIRE(live.rebuild({}).ok);
    auto same_as_fresh = [&] {
        LiveSite fresh(options_for(content));
        REQUIRE(fresh.rebuild({}).ok);
        const auto a = live.snapshot();
        const auto b = fresh.snapshot();
        std::vector<std::string> paths_a, paths_b;
        const Snapshot::Files files_a = a->files();
        const Snapshot::Files files_b = b->files();
        for (const auto& [path, bytes] : files_a) paths_a.push_back(path);
        for (const auto& [path, bytes] : files_b) paths_b.push_back(path);
        REQUIRE(paths_a == paths_b);
        for (const auto& [path, bytes] : files_b) {
            INFO(path);
            CHECK(*files_a.at(path) == *bytes);
        }
        for (const char* path : {"feed.xml", "sitemap.xml", "search-index.json", "manifest.json"}) {
            INFO(path);
            REQUIRE(a->find(path));
            CHECK(*a->find(path) == *b->find(path));
        }
    };
    const fs::path property = content / "2022/property.md";
    SECTION("a sentence added to one project") {
        write_file(property, read_file(property) + "\n新加的一句。\n");
        REQUIRE(live.rebuild({property}).ok);
        same_as_fresh();
    }
    SECTION("a title, which the neighbours' pages show") {
        replace_in(property, "title = \"", "title = \"改过的");
        REQUIRE(live.rebuild({property}).ok);
        same_as_fresh();
    }
    SECTION("a plain field only (its tags), which the field table compares") {
        replace_in(property, "tags = [\"物业\"]", "tags = [\"物业\", \"业委会\"]");
        REQUIRE(live.rebuild({property}).ok);
        same_as_fresh();
    }
    SECTION("a project removed, then another added") {
        fs::remove(property);  // the last of its edition: the numbers still run 1, 2
        REQUIRE(live.rebuild({property}).ok);
        same_as_fresh();
        write_file(content / "2022/added.md",
                   project_file({"title = \"新增项目\"", "department = \"区教育局\"", "number = 3"}));
        REQUIRE(live.rebuild({content / "2022/added.md"}).ok);
        same_as_fresh();
    }
    SECTION("a number that moves a project, and a new lead department") {
        replace_in(property, "number = 3", "number = 2");  // property and school-fees change places
        replace_in(content / "2022/school-fees.md", "number = 2", "number = 3");
        replace_in(content / "2022/ev-charging.md", "department = \"区发改局\"", "department = \"区教育局\"");
        REQUIRE(live.rebuild({property, content / "2022/school-fees.md", content / "2022/ev-charging.md"}).ok);
        same_as_fresh();
    }
    SECTION("an edition's _index.md") {
        replace_in(content / "2021/_index.md", "title = \"", "title = \"改过的");
        REQUIRE(live.rebuild({content / "2021/_index.md"}).ok);
        same_as_fresh();
    }
}

TEST_CASE("serve LiveSite serves every file bulletin build --drafts writes, with the same bytes") {
    // Images and attachments beside a project and under files/, a draft, and
    // a portal's own footer in layouts/: what the preview shows is what is published.
    TempDir dir;
    const fs::path content = dir / "content";
    fs::copy(source_dir() / "tests/sites/small/content", content, fs::copy_options::recursive);
    fs::create_directories(content / "2022/property");
    fs::rename(content / "2022/property.md", content / "2022/property/index.md");
    write_file(content / "2022/property/index.md",
               read_file(content / "2022/property/index.md") + "\n![现场](photo.jpg)\n\n[方案](../../files/方案.pdf)\n");
    write_file(content / "2022/property/photo.jpg", "JPEG bytes");
    write_file(content / "files/方案.pdf", "%PDF bytes");
    write_file(content / "2021/draft-one.md",
               project_file({"title = \"尚未定稿的项目\"", "department = \"区发改局\"", "number = 3", "draft = true"}));
    write_file(dir / "layouts/partials/foot.html", "<footer class=\"portal-footer\"><p>门户网站页脚</p></footer>\n</body>\n</html>\n");

    const auto built = run_cli("build --drafts --content " + shell_quote(content.string()) + " --out " +
                                   shell_quote((dir / "public").string()) + " --themes " + shell_quote(themes_dir().string()),
                               dir.path());
    INFO(built.err);
    REQUIRE(built.status == 0);
    LiveSite live(options_for(content));
    REQUIRE(live.rebuild({}).ok);
    const auto snapshot = live.snapshot();
    const Tree published = read_tree(dir / "public");
    REQUIRE(published.count("2022/property/photo.jpg"));
    REQUIRE(published.count("files/方案.pdf"));
    CHECK(published.at("index.html").find("门户网站页脚") != std::string::npos);
    for (const auto& [path, bytes] : published) {
        INFO(path);
        const auto served = snapshot->find(path);
        REQUIRE(served);
        CHECK(*served == bytes);
    }
    // An image saved again is served as it is now.
    write_file(content / "2022/property/photo.jpg", "JPEG bytes, edited");
    CHECK(*live.snapshot()->find("2022/property/photo.jpg") == "JPEG bytes, edited");
    // layouts/ is watched with the content.
    const auto roots = live.watched_roots();
    CHECK(std::find(roots.begin(), roots.end(), fs::weakly_canonical(dir / "layouts")) != roots.end());
}

TEST_CASE("serve LiveSite ignores the scratch files editors write while saving") {
    CHECK(LiveSite::is_scratch_name(".ev-charging.md.swp"));
    CHECK(LiveSite::is_scratch_name("ev-charging.md~"));
    CHECK(LiveSite::is_scratch_name("4913"));
    CHECK_FALSE(LiveSite::is_scratch_name("ev-charging.md"));
    CHECK_FALSE(LiveSite::is_scratch_name("_index.md"));
}

namespace {

// `bulletin serve` as a child process on a free loopback port.
class ServeProcess {
public:
    ServeProcess(const fs::path& cwd, const std::vector<std::string>& args) : log_(cwd / "serve.log") {
        pid_ = ::fork();
        if (pid_ == 0) {
            if (::chdir(cwd.c_str()) != 0) ::_exit(127);
            FILE* out = std::freopen(log_.c_str(), "w", stdout);
            FILE* err = std::freopen((log_.string() + ".err").c_str(), "w", stderr);
            if (!out || !err) ::_exit(127);
            std::vector<std::string> all = {cli_binary().string(), "serve"};
            all.insert(all.end(), args.begin(), args.end());
            std::vector<char*> argv;
            for (std::string& a : all) argv.push_back(a.data());
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        // Its first line names the address: wait for it, 20 seconds at most.
        const std::regex address(R"(http://127\.0\.0\.1:(\d+)/)");
        for (int i = 0; i < 400 && port_ == 0; ++i) {
            std::this_thread::sleep_for(50ms);
            std::smatch m;
            const std::string text = fs::exists(log_) ? read_file(log_) : "";
            if (std::regex_search(text, m, address)) port_ = std::stoi(m[1]);
        }
    }
    ~ServeProcess() {
        if (pid_ > 0 && !stopped_) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    int port() const { return port_; }
    std::string out() const { return fs::exists(log_) ? read_file(log_) : ""; }
    std::string err() const { return read_file(log_.string() + ".err"); }

    /// Ctrl-C; the exit status, or -1 when it did not end within 10 seconds.
    int interrupt() {
        ::kill(pid_, SIGINT);
        for (int i = 0; i < 200; ++i) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                stopped_ = true;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            std::this_thread::sleep_for(50ms);
        }
        return -1;
    }

private:
    fs::path log_;
    pid_t pid_ = -1;
    int port_ = 0;
    bool stopped_ = false;
};

// GETs `path` until `ok` holds for the body, 10 seconds at most.
std::string fetch_until(httplib::Client& client, const std::string& path, const std::function<bool(const std::string&)>& ok) {
    std::string body;
    for (int i = 0; i < 200; ++i) {
        if (auto res = client.Get(path.c_str())) {
            body = res->body;
            if (ok(body)) return body;
        }
        std::this_thread::sleep_for(50ms);
    }
    return body;
}

bool has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

}  // namespace

TEST_CASE("serve command: a page, the reload event after a save, the error over the site, the site back once fixed") {
    TempDir dir;
    const fs::path content = dir / "content";
    fs::copy(source_dir() / "tests/sites/small/content", content, fs::copy_options::recursive);
    ServeProcess serve(dir.path(), {"--content", "content", "--port", "0", "--themes", themes_dir().string()});
    INFO(serve.out());
    REQUIRE(serve.port() > 0);
    CHECK(has(serve.out(), "http://127.0.0.1:"));  // loopback unless told otherwise

    // A second serve on the same port is told so, instead of sharing it.
    const std::string second = "cd " + shell_quote(dir.path().string()) + " && timeout 20 " +
                               shell_quote(cli_binary().string()) + " serve --content content --port " +
                               std::to_string(serve.port()) + " >/dev/null 2>" + shell_quote((dir / "second.err").string());
    const int raw = std::system(second.c_str());
    CHECK((WIFEXITED(raw) ? WEXITSTATUS(raw) : -1) == 2);
    CHECK(has(read_file(dir / "second.err"), "端口已被占用"));

    httplib::Client client("127.0.0.1", serve.port());
    client.set_read_timeout(5, 0);
    auto home = client.Get("/");
    REQUIRE(home);
    CHECK(home->status == 200);
    CHECK(has(home->body, "<script src=\"/_serve/reload.js\" defer></script>"));
    CHECK(has(home->get_header_value("Content-Security-Policy"), "default-src 'self'"));
    auto script = client.Get("/_serve/reload.js");
    REQUIRE(script);
    CHECK(has(script->get_header_value("Content-Type"), "javascript"));
    auto redirect = client.Get("/2022");
    REQUIRE(redirect);
    CHECK(redirect->status == 301);
    auto missing = client.Get("/2022/no-such-project/");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(has(missing->body, "没有这个页面"));
    CHECK(client.Get("/../../etc/passwd")->status == 404);

    // The event stream, read the whole time on its own connection.
    std::mutex mutex;
    std::string events;
    std::atomic<bool> done{false};
    std::thread listener([&] {
        httplib::Client sse("127.0.0.1", serve.port());
        sse.set_read_timeout(30, 0);
        sse.Get("/_serve/events", [&](const char* data, std::size_t size) {
            std::lock_guard lock(mutex);
            events.append(data, size);
            return !done.load();
        });
    });
    auto events_now = [&] {
        std::lock_guard lock(mutex);
        return events;
    };
    for (int i = 0; i < 100 && events_now().empty(); ++i) std::this_thread::sleep_for(50ms);
    const std::string first_events = events_now();
    CHECK(has(first_events, "data: "));

    // A saved file: the new text, and an event for it.
    const fs::path file = content / "2022/ev-charging.md";
    const std::string original = read_file(file);
    replace_in(file, "+++\n1.", "+++\n保存后立即可见的句子。\n\n1.");
    std::string body = fetch_until(client, "/2022/ev-charging/", [](const std::string& b) { return has(b, "保存后立即可见的句子"); });
    CHECK(has(body, "保存后立即可见的句子"));
    for (int i = 0; i < 100 && events_now() == first_events; ++i) std::this_thread::sleep_for(50ms);
    CHECK(events_now().size() > first_events.size());
    CHECK(std::regex_search(events_now().substr(first_events.size()), std::regex("data: \\d+\n\n")));

    // Broken: every page shows the error with its place, over the last good site.
    const std::string saved = read_file(file);
    replace_in(file, "department = \"区发改局\"", "department = \"区发改\"");
    body = fetch_until(client, "/2021/", [](const std::string& b) { return has(b, "bulletin-serve-problems"); });
    CHECK(has(body, "bulletin-serve-problems"));
    CHECK(std::regex_search(body, std::regex("content/2022/ev-charging\\.md:\\d+:\\d+: 错误: 未知部门“区发改”")));
    CHECK(has(body, "是否想写“区发改局”？"));
    body = fetch_until(client, "/2022/ev-charging/", [](const std::string& b) { return has(b, "bulletin-serve-problems"); });
    CHECK(has(body, "保存后立即可见的句子"));  // the last good page, under the errors

    // Fixed: the site is back, without the errors.
    write_file(file, saved);
    body = fetch_until(client, "/2021/", [](const std::string& b) { return !has(b, "bulletin-serve-problems"); });
    CHECK_FALSE(has(body, "bulletin-serve-problems"));

    // A new edition folder, made after serve started, is watched too.
    write_file(content / "2023/_index.md", "+++\ntitle = \"新一期成果\"\nyear = 2023\npublished = 2024-01-20\n+++\n序言。\n");
    write_file(content / "2023/new-one.md",
               project_file({"title = \"新文件夹里的项目\"", "department = \"区发改局\"", "number = 1", "draft = true"}));
    body = fetch_until(client, "/2023/new-one/", [](const std::string& b) { return has(b, "新文件夹里的项目"); });
    CHECK(has(body, "新文件夹里的项目"));
    CHECK(has(body, "<span class=\"draft-mark\">草稿</span>"));
    std::this_thread::sleep_for(100ms);
    replace_in(content / "2023/new-one.md", "新文件夹里的项目", "新文件夹里改过的项目");
    body = fetch_until(client, "/2023/new-one/", [](const std::string& b) { return has(b, "改过的项目"); });
    CHECK(has(body, "新文件夹里改过的项目"));

    // Ctrl-C ends it cleanly; nothing was written beside the content.
    done = true;
    CHECK(serve.interrupt() == 0);
    listener.join();
    CHECK(has(serve.out(), "serve: 已停止"));
    CHECK_FALSE(fs::exists(dir / "public"));
    CHECK_FALSE(fs::exists(content / "public"));
    // 2022 is not archived once 2023 exists: the terminal lists that warning
    // once, and after the next saves only counts it.
    const std::string err = serve.err();
    INFO(err);
    const std::string warning = "警告: 已有更新的一期（2023），这一期还没有标为归档";
    const auto first = err.find(warning);
    CHECK(first != std::string::npos);
    CHECK(err.find(warning, first + 1) == std::string::npos);
    CHECK(has(err, "（其中 1 个警告上次已列出，不再重复"));
    (void)original;
}

TEST_CASE("serve command: a published build carries no trace of the preview") {
    TempDir dir;
    const fs::path content = dir / "content";
    fs::copy(source_dir() / "tests/sites/small/content", content, fs::copy_options::recursive);
    write_file(content / "2022/draft-one.md",
               project_file({"title = \"草稿项目\"", "department = \"区发改局\"", "number = 4", "draft = true"}));
    const CommandResult r = run_cli("build --content content --out public --themes " + shell_quote(themes_dir().string()),
                                    dir.path());
    INFO(r.err);
    REQUIRE(r.status == 0);
    std::size_t files = 0;
    for (const auto& [path, bytes] : read_tree(dir / "public")) {
        INFO(path);
        CHECK_FALSE(has(bytes, "_serve"));
        CHECK_FALSE(has(bytes, "bulletin-serve"));
        CHECK_FALSE(has(bytes, "EventSource"));
        ++files;
    }
    CHECK(files > 20);
    CHECK_FALSE(fs::exists(dir / "public/2022/draft-one"));
}
