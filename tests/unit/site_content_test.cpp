// The shipped content/ (the real 2022 bulletin): it builds with no warning
// into every page, every sentence of the seed text is on the site, no
// internal link is broken and no page asks anything of another site.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include "../support/test_support.h"
#include "build.h"

namespace {

namespace fs = std::filesystem;

struct Built {
    test::TempDir tmp;
    fs::path out;
    std::string summary;
    std::string errors;
    int status = -1;
};

// content/ built once per process and option set.
const Built& built(const std::string& base_url, bool offline = false) {
    static std::map<std::string, std::unique_ptr<Built>> cache;
    const std::string key = base_url + (offline ? " offline" : "");
    auto& slot = cache[key];
    if (!slot) {
        slot = std::make_unique<Built>();
        slot->out = slot->tmp / "public";
        bulletin::BuildOptions options;
        options.content_dir = (test::source_dir() / "content").string();
        options.out_dir = slot->out.string();
        options.themes_dir = test::themes_dir().string();
        options.base_url = base_url;
        options.offline = offline;
        std::ostringstream out, err;
        slot->status = bulletin::run_build(options, out, err);
        slot->summary = out.str();
        slot->errors = err.str();
    }
    return *slot;
}

const std::string kBase = "https://www.example.gov.cn/bulletin/";  // served under a path
const std::string kRootBase = "https://bulletin.example.gov.cn/";  // served at the root

std::vector<fs::path> html_pages(const fs::path& out) {
    std::vector<fs::path> pages;
    for (const auto& e : fs::recursive_directory_iterator(out)) {
        if (e.is_regular_file() && e.path().extension() == ".html") pages.push_back(e.path());
    }
    std::sort(pages.begin(), pages.end());
    return pages;
}

std::size_t pages_under(const fs::path& dir) {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir)) n += e.is_directory() && fs::exists(e.path() / "index.html");
    return n;
}

std::string trim(std::string s) {
    const char* ws = " \t\r\n";
    s.erase(0, s.find_first_not_of(ws));
    s.erase(s.find_last_not_of(ws) + 1);
    return s;
}

std::string without_whitespace(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
    }
    return out;
}

bool ends_with_any(const std::string& s, const std::vector<std::string>& endings) {
    for (const auto& e : endings) {
        if (s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0) return true;
    }
    return false;
}

// Every sentence of tests/data/seed-bulletin-2022.txt: its lines with the
// page-break splits joined back, without section markers (一, 二 … alone on a
// line), the labels 治理项目：/牵头部门：/治理成果： and the item numbers "1. ",
// split on 。 and ；. The first line is the release's headline, "区纪委区监委公布
// <edition title>": its two names are checked, not the verb between them.
std::vector<std::string> seed_sentences() {
    std::istringstream in(test::read_file(test::source_dir() / "tests/data/seed-bulletin-2022.txt"));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(trim(line));

    static const std::regex marker("^[一二三四五六七八九十]+$");
    static const std::regex item_number("^[0-9]+\\.\\s*");
    const std::vector<std::string> punctuation = {"。", "；", "：", "，", "！", "？", "”", "）", ")", "》"};
    std::vector<std::string> texts;
    bool headline_seen = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string line = lines[i];
        if (line.empty() || std::regex_match(line, marker) || line == "治理成果：") continue;
        if (!headline_seen) {
            headline_seen = true;
            const std::string publisher_verb = line.substr(0, line.find(' '));
            texts.push_back(publisher_verb.substr(0, publisher_verb.rfind("公布")));
            texts.push_back(trim(line.substr(line.find(' '))));
            continue;
        }
        bool name = false;  // a project title or a department: a name, never split over a page
        for (const std::string label : {"治理项目：", "牵头部门："}) {
            if (line.rfind(label, 0) == 0) {
                line = line.substr(label.size());
                name = true;
            }
        }
        if (name) {
            texts.push_back(line);
            continue;
        }
        line = std::regex_replace(line, item_number, "");
        // A page break: the line stops without punctuation and goes on after a blank line.
        while (!ends_with_any(line, punctuation) && i + 2 < lines.size() && lines[i + 1].empty() &&
               !lines[i + 2].empty()) {
            line += lines[i + 2];
            i += 2;
        }
        texts.push_back(line);
    }
    std::vector<std::string> sentences;
    for (const std::string& t : texts) {
        std::string rest = t;
        for (std::size_t pos; !rest.empty();) {
            const std::size_t a = rest.find("。"), b = rest.find("；");
            pos = std::min(a, b);
            std::string piece = without_whitespace(rest.substr(0, pos));
            if (!piece.empty()) sentences.push_back(piece);
            rest = pos == std::string::npos ? "" : rest.substr(pos + 3);  // both marks are 3 bytes
        }
    }
    return sentences;
}

// Every URL an editor wrote in content/ (they may point anywhere).
std::set<std::string> editor_urls() {
    static const std::regex url(R"(https?://[^\s)\]>"]+)");
    std::set<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(test::source_dir() / "content")) {
        if (e.path().extension() != ".md") continue;
        const std::string text = test::read_file(e.path());
        for (auto it = std::sregex_iterator(text.begin(), text.end(), url); it != std::sregex_iterator(); ++it) {
            out.insert(it->str());
        }
    }
    return out;
}

bool is_external(const std::string& url) {
    return url.rfind("http:", 0) == 0 || url.rfind("https:", 0) == 0 || url.rfind("//", 0) == 0;
}

// Broken links of one page: relative ones resolved from the page's folder,
// root-absolute ones against base_url's path, fragments against the target's ids.
std::vector<std::string> broken_links(const fs::path& out, const fs::path& page, const std::string& base_path,
                                      bool offline) {
    std::vector<std::string> broken;
    const std::string html = test::read_file(page);
    for (const std::string& link : test::links_of(html)) {
        if (link.empty() || is_external(link) || link.rfind("mailto:", 0) == 0) continue;
        std::string path = link.substr(0, link.find_first_of("?#"));
        const std::string fragment = link.find('#') == std::string::npos ? "" : link.substr(link.find('#') + 1);
        fs::path target;
        if (path.empty()) {
            target = page;
        } else if (path[0] == '/') {
            if (path.rfind(base_path, 0) != 0) {
                broken.push_back(link + " (outside " + base_path + ")");
                continue;
            }
            target = out / path.substr(base_path.size());
        } else {
            target = page.parent_path() / path;
        }
        target = target.lexically_normal();
        if (fs::relative(target, out).generic_string().rfind("..", 0) == 0) {
            broken.push_back(link + " (leaves the site)");
            continue;
        }
        if (fs::is_directory(target)) {
            if (offline) broken.push_back(link + " (a folder in the offline copy)");
            target /= "index.html";
        }
        if (!fs::is_regular_file(target)) {
            broken.push_back(link);
        } else if (!fragment.empty() && test::read_file(target).find("id=\"" + fragment + "\"") == std::string::npos) {
            broken.push_back(link + " (no such id)");
        }
    }
    return broken;
}

void check_links(const Built& b, const std::string& base_path, bool offline) {
    REQUIRE(b.status == 0);
    std::size_t links = 0;
    for (const fs::path& page : html_pages(b.out)) {
        INFO(fs::relative(page, b.out).generic_string());
        links += test::links_of(test::read_file(page)).size();
        CHECK(broken_links(b.out, page, base_path, offline) == std::vector<std::string>{});
    }
    CHECK(links > 500);
}

}  // namespace

TEST_CASE("site content: the shipped content builds with no warning into every page") {
    const Built& b = built(kBase);
    INFO(b.errors);
    REQUIRE(b.status == 0);
    CHECK(b.errors.empty());
    CHECK(b.summary.find("13 个项目") != std::string::npos);
    CHECK(pages_under(b.out / "2022") == 13);
    CHECK(pages_under(b.out / "departments") == 11);
    for (const char* page : {"index.html", "2022/index.html", "archive/index.html", "departments/index.html",
                             "search/index.html", "feed.xml", "sitemap.xml", "data/2022.json", "data/2022.csv",
                             "manifest.json"}) {
        INFO(page);
        CHECK(fs::is_regular_file(b.out / page));
    }
}

TEST_CASE("site content: every sentence of the seed is in the built HTML text") {
    const Built& b = built(kBase);
    REQUIRE(b.status == 0);
    std::string site_text;
    for (const fs::path& page : html_pages(b.out)) site_text += test::html_text(test::read_file(page)) + "\n";
    const auto sentences = seed_sentences();
    CHECK(sentences.size() > 150);
    std::vector<std::string> missing;
    for (const std::string& s : sentences) {
        if (site_text.find(s) == std::string::npos) missing.push_back(s);
    }
    CHECK(missing == std::vector<std::string>{});
    // The page-break splits are joined back, not left as two fragments.
    CHECK(site_text.find("双桥街道预计今年完成中央厨房建设") != std::string::npos);
    CHECK(site_text.find("全面实现5年以上未安置户数“动态清零”") != std::string::npos);
    CHECK(site_text.find("累计监测嫌疑问题50余条") != std::string::npos);
}

TEST_CASE("site content: no internal link is broken, served under a path or at the root") {
    SECTION("base_url with a path") { check_links(built(kBase), "/bulletin/", false); }
    SECTION("base_url at the root") { check_links(built(kRootBase), "/", false); }
    SECTION("offline copy: every link names a file") { check_links(built(kBase, true), "/bulletin/", true); }
}

TEST_CASE("site content: every page says its language and loads nothing from other sites") {
    const Built& b = built(kRootBase);
    REQUIRE(b.status == 0);
    const auto allowed = editor_urls();
    static const std::regex tag(R"(<([a-zA-Z]+)\b([^>]*)>)");
    static const std::regex rel(R"re(\srel="([^"]*)")re");
    for (const fs::path& page : html_pages(b.out)) {
        const std::string html = test::read_file(page);
        INFO(fs::relative(page, b.out).generic_string());
        CHECK(html.find("<html lang=\"zh-CN\">") != std::string::npos);
        for (auto it = std::sregex_iterator(html.begin(), html.end(), tag); it != std::sregex_iterator(); ++it) {
            const std::string name = (*it)[1].str();
            const std::string attrs = (*it)[2].str();
            std::smatch r;
            const std::string rel_value = std::regex_search(attrs, r, rel) ? r[1].str() : "";
            for (const std::string& url : test::links_of(" " + attrs)) {
                if (!is_external(url)) continue;
                INFO("<" << name << attrs << ">");
                const bool head_link = name == "link" && (rel_value == "canonical" || rel_value == "alternate");
                CHECK((head_link || allowed.count(url) > 0));
                if (head_link) CHECK(url.rfind(kRootBase, 0) == 0);
            }
        }
    }
}
