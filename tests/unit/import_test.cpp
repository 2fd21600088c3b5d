// `bulletin import`: decoding, repair, structure recognition, the files
// planned, and the command on a real folder. Fixtures: tests/import/<case>.txt
// with the expected structure beside it in <case>.json.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "import.h"
#include "import_figures.h"
#include "import_parse.h"
#include "import_write.h"
#include "text.h"

using namespace bulletin;
namespace fs = std::filesystem;

namespace {

const fs::path source_dir = BULLETIN_SOURCE_DIR;

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

ImportedBulletin parse_ok(std::string_view text) {
    ParseResult r = parse_bulletin(text);
    INFO("line " << r.error.line << ": " << r.error.message);
    REQUIRE(r.bulletin);
    return *r.bulletin;
}

ImportedBulletin parse_file(const fs::path& p) {
    auto decoded = decode_import_text(read_file(p));
    REQUIRE(decoded);
    return parse_ok(decoded->text);
}

/// A fresh, empty folder under the system temp dir, removed at scope end.
/// Its name is unique, so two runs of the tests at once never share it.
struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& name) {
        std::string pattern = (fs::temp_directory_path() / ("bulletin-import-" + name + "-XXXXXX")).string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

/// The seed's sentences, read without the importer: prose is every line but
/// the title, section numbers and labels; lines cut at a page break run on,
/// so sentences are read across them.
std::vector<std::string> seed_sentences(const std::string& seed) {
    std::istringstream lines(seed);
    std::string prose;
    bool first = true;
    const std::regex structure(R"(^(一|二|三|四|五|六|七|八|九|十|十一|十二|十三)$|^(治理项目|牵头部门|治理成果)：)");
    for (std::string line; std::getline(lines, line);) {
        if (line.empty()) continue;
        if (first) {
            first = false;
            continue;
        }
        if (std::regex_search(line, structure)) continue;
        prose += std::regex_replace(line, std::regex(R"(^\d+\. )"), "");
    }
    std::vector<std::string> sentences;
    const std::string stop = "。";
    for (std::size_t start = 0, end; (end = prose.find(stop, start)) != std::string::npos; start = end + stop.size()) {
        sentences.push_back(prose.substr(start, end + stop.size() - start));
    }
    return sentences;
}

}  // namespace

TEST_CASE("import: every fixture text gives its expected structure", "[import]") {
    int fixtures = 0;
    for (const auto& entry : fs::directory_iterator(source_dir / "tests/import")) {
        if (entry.path().extension() != ".txt") continue;
        ++fixtures;
        const fs::path json_path = fs::path(entry.path()).replace_extension(".json");
        SECTION(entry.path().filename().string()) {
            const nlohmann::json expected = nlohmann::json::parse(read_file(json_path));
            const ImportedBulletin b = parse_file(entry.path());
            CHECK(b.title == expected["title"]);
            CHECK(b.preamble == expected["preamble"].get<std::vector<std::string>>());
            REQUIRE(b.projects.size() == expected["projects"].size());
            for (std::size_t i = 0; i < b.projects.size(); ++i) {
                const auto& want = expected["projects"][i];
                const ImportedProject& p = b.projects[i];
                INFO("project " << i + 1);
                CHECK(p.number == want["number"]);
                CHECK(p.title == want["title"]);
                CHECK(p.departments == want["departments"].get<std::vector<std::string>>());
                CHECK(p.line == want["line"]);
                std::vector<std::string> outcomes;
                for (const ImportedOutcome& o : p.outcomes) outcomes.push_back(o.text);
                CHECK(outcomes == want["outcomes"].get<std::vector<std::string>>());
            }
        }
    }
    CHECK(fixtures >= 7);
}

TEST_CASE("import: the seed gives 13 projects with their titles, departments and outcomes", "[import]") {
    const ImportedBulletin b = parse_file(source_dir / "tests/data/seed-bulletin-2022.txt");
    CHECK(b.title == "区纪委区监委公布 漠视侵害群众利益问题专项治理工作成果");
    REQUIRE(b.preamble.size() == 1);
    const std::vector<std::pair<std::string, std::string>> expected{
        {"新能源汽车充电难问题专项治理", "区发改局"},
        {"教育乱收费专项治理", "区教育局"},
        {"电信网络诈骗专项治理", "区公安分局"},
        {"城镇居家养老服务保障专项治理", "区民政局"},
        {"社保政策落实不到位及行风方面问题专项治理", "区人力社保局"},
        {"农村回迁安置问题专项治理", "市自然资源和规划局定海分局"},
        {"城市回迁安置问题专项治理", "区住建局"},
        {"村经济合作社运行问题专项治理", "区农业农村局"},
        {"参保城乡居民健康体检同质同标问题专项治理", "区卫生健康局"},
        {"网络直播营销违法违规为专项治理", "市场监管局定海分局"},
        {"物业管理难题专项整治", "区住建局"},
        {"打通民用瓶装燃气配送“最后一公里”", "区综合行政执法局"},
        {"城区无食堂小学学生中餐就餐难专项治理", "区教育局"},
    };
    // Counted in the seed itself (项目九, 健康体检, has four).
    const std::vector<std::size_t> outcome_counts{2, 3, 4, 4, 3, 3, 4, 3, 4, 6, 3, 3, 3};
    REQUIRE(b.projects.size() == 13);
    for (std::size_t i = 0; i < 13; ++i) {
        INFO("project " << i + 1);
        CHECK(b.projects[i].number == static_cast<int>(i + 1));
        CHECK(b.projects[i].title == expected[i].first);
        CHECK(b.projects[i].departments == std::vector<std::string>{expected[i].second});
        CHECK(b.projects[i].outcomes.size() == outcome_counts[i]);
    }
    // The three sentences the PDF split at page breaks are whole again.
    CHECK(b.projects[3].outcomes[1].text.find("双桥街道预计今年完成中央厨房建设。") != std::string::npos);
    CHECK(b.projects[6].outcomes[1].text.find("全面实现5年以上未安置户数") != std::string::npos);
    CHECK(b.projects[9].outcomes[4].text.ends_with("累计监测嫌疑问题50余条。"));
}

TEST_CASE("import: every sentence of the seed appears in the produced files", "[import]") {
    const std::string seed = read_file(source_dir / "tests/data/seed-bulletin-2022.txt");
    const ImportedBulletin b = parse_ok(seed);
    ImportTarget target;
    target.edition = "2022";
    target.year = 2022;
    const ImportPlan plan = plan_import(b, target, SlugMaker());
    REQUIRE(plan.files.size() == 1 + 13 + 1);
    std::string produced;
    for (const PlannedFile& f : plan.files) produced += f.bytes;
    produced = std::regex_replace(produced, std::regex(R"(\*\*)"), "");

    const std::vector<std::string> sentences = seed_sentences(seed);
    for (const std::string& sentence : sentences) {
        INFO(sentence);
        CHECK(produced.find(sentence) != std::string::npos);
    }
    CHECK(sentences.size() > 100);
    for (const ImportedProject& p : b.projects) CHECK(produced.find("title = \"" + p.title + "\"") != std::string::npos);
}

TEST_CASE("import command: writes the edition, then refuses to overwrite without --force", "[import]") {
    TempDir dir("command");
    std::ofstream(dir.path / "site.toml") << "title = \"测试\"\nbase_url = \"https://example.org/\"\n";
    ImportOptions options;
    options.input = source_dir / "tests/data/seed-bulletin-2022.txt";
    options.edition = "2022";
    options.content_dir = dir.path;

    std::ostringstream out, err;
    REQUIRE(run_import(options, out, err) == 0);
    CHECK(fs::exists(dir.path / "2022/_index.md"));
    CHECK(fs::exists(dir.path / "2022/xin-neng-yuan-qi-che.md"));
    CHECK(std::distance(fs::directory_iterator(dir.path / "2022"), fs::directory_iterator()) == 14);
    CHECK(out.str().find("已写入") != std::string::npos);
    CHECK(out.str().find("被分页断开") != std::string::npos);
    CHECK(err.str().find("published") != std::string::npos);
    const toml::table departments = toml::parse_file((dir.path / "departments.toml").string());
    CHECK(departments["department"].as_array()->size() == 11);  // 区住建局 and 区教育局 lead twice
    for (const auto& entry : fs::directory_iterator(dir.path)) CHECK(entry.path().extension() != ".import-tmp");

    const std::string before = read_file(dir.path / "2022/_index.md");
    std::ofstream(dir.path / "2022/_index.md", std::ios::app) << "编辑改过。\n";
    std::ostringstream out2, err2;
    CHECK(run_import(options, out2, err2) == 2);
    CHECK(err2.str().find("--force") != std::string::npos);
    CHECK(read_file(dir.path / "2022/_index.md") == before + "编辑改过。\n");

    options.force = true;
    std::ostringstream out3, err3;
    CHECK(run_import(options, out3, err3) == 0);
    CHECK(read_file(dir.path / "2022/_index.md") == before);
    // Departments added the first time are reused, not added again.
    CHECK(toml::parse_file((dir.path / "departments.toml").string())["department"].as_array()->size() == 11);
}

TEST_CASE("import command: a text it has to guess at gives a draft, and --strict refuses it", "[import]") {
    TempDir dir("guess");
    std::ofstream(dir.path / "bad.txt") << "标题\n\n一、甲专项治理\n牵头部门：区甲局\n1. 其一。\n3. 其三。\n";
    ImportOptions options;
    options.input = dir.path / "bad.txt";
    options.edition = "2022";
    options.content_dir = dir.path;

    options.strict = true;
    std::ostringstream out, err;
    CHECK(run_import(options, out, err) == 1);
    CHECK(err.str().find("bad.txt:6: 待核对：") != std::string::npos);
    CHECK(err.str().find("--strict") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.path / "2022"));
    CHECK_FALSE(fs::exists(dir.path / "departments.toml"));

    options.strict = false;
    options.dry_run = true;
    std::ostringstream plan_out, plan_err;
    CHECK(run_import(options, plan_out, plan_err) == 0);
    CHECK(plan_out.str().find("1. 甲专项治理｜牵头：区甲局｜成果 2 条") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.path / "2022"));

    options.dry_run = false;
    std::ostringstream out2, err2;
    REQUIRE(run_import(options, out2, err2) == 0);
    const std::string draft = read_file(dir.path / "2022/jia.md");
    // The guess names the source line and the draft line that carries its comment.
    const std::string messages = err2.str();
    std::smatch where;
    std::regex_search(messages, where, std::regex(R"(bad\.txt:6: 待核对：.*（草稿 .*jia\.md:(\d+)）)"));
    REQUIRE(where.size() == 2);
    CHECK(line_text(draft, std::stoi(where[1].str())).starts_with("# 待核对（原文第6行）："));
    CHECK(draft.find("2. 其三。") != std::string::npos);

    options.edition = "../x";
    CHECK(run_import(options, out, err) == 2);
}

TEST_CASE("import command: --strict accepts what is only missing, such as a project without outcomes", "[import]") {
    TempDir dir("strict-missing");
    std::ofstream(dir.path / "plan.txt") << "标题\n\n一、甲专项治理\n牵头部门：区甲局\n二、乙专项治理\n牵头部门：区乙局\n";
    ImportOptions options;
    options.input = dir.path / "plan.txt";
    options.edition = "2022";
    options.content_dir = dir.path;
    options.strict = true;
    std::ostringstream out, err;
    REQUIRE(run_import(options, out, err) == 0);
    CHECK(err.str().find("待填写：第1项“甲专项治理”原文没有写成果") != std::string::npos);
    CHECK(read_file(dir.path / "2022/jia.md").starts_with("+++\n# 待填写（原文第3行）：第1项“甲专项治理”原文没有写成果"));
}

TEST_CASE("import command: a file that is not text, or empty, writes nothing", "[import]") {
    TempDir dir("unreadable");
    std::ofstream(dir.path / "empty.txt") << "\n\n";
    std::ofstream(dir.path / "binary.txt", std::ios::binary) << std::string("\xff\xfe\x00\xd8\x00\xd8", 6);
    ImportOptions options;
    options.edition = "2022";
    options.content_dir = dir.path;
    for (const char* name : {"empty.txt", "binary.txt"}) {
        INFO(name);
        options.input = dir.path / name;
        std::ostringstream out, err;
        CHECK(run_import(options, out, err) == 1);
        CHECK_FALSE(fs::exists(dir.path / "2022"));
    }
}

TEST_CASE("import command: says when it converted a GBK file", "[import]") {
    TempDir dir("gbk");
    ImportOptions options;
    options.input = source_dir / "tests/import/gbk.txt";
    options.edition = "2022";
    options.content_dir = dir.path;
    std::ostringstream out, err;
    REQUIRE(run_import(options, out, err) == 0);
    CHECK(out.str().find("GB18030") != std::string::npos);
    CHECK(read_file(dir.path / "2022/_index.md").find("供水服务专项治理成果") != std::string::npos);
}

TEST_CASE("import then build: the seed becomes a site with every sentence", "[import][e2e]") {
    TempDir dir("e2e");
    const fs::path content = dir.path / "content";
    fs::create_directories(content);
    fs::copy_file(source_dir / "content/site.toml", content / "site.toml");
    const std::string bulletin = BULLETIN_BINARY;
    const std::string log = (dir.path / "log.txt").string();
    const std::string import_cmd = "\"" + bulletin + "\" import \"" + (source_dir / "tests/data/seed-bulletin-2022.txt").string() +
                                   "\" --edition 2022 --content \"" + content.string() + "\" >\"" + log + "\" 2>&1";
    INFO(import_cmd);
    // The text gives no publication date: import writes the draft and check reports the missing date.
    CHECK(std::system(import_cmd.c_str()) != 0);
    CHECK(read_file(log).find("published") != std::string::npos);
    const fs::path index = content / "2022/_index.md";
    const std::string draft = read_file(index);
    REQUIRE(draft.find("# published = \n") != std::string::npos);
    std::ofstream(index, std::ios::binary) << std::regex_replace(draft, std::regex("# published = \n"),
                                                                  "published = 2023-01-20\n");
    const fs::path site = dir.path / "public";
    const std::string build_cmd = "\"" + bulletin + "\" build --content \"" + content.string() + "\" --out \"" +
                                  site.string() + "\" --themes \"" + (source_dir / "themes").string() + "\" >>\"" + log +
                                  "\" 2>&1";
    INFO(read_file(log));
    REQUIRE(std::system(build_cmd.c_str()) == 0);

    int project_pages = 0;
    std::string text;
    for (const auto& entry : fs::recursive_directory_iterator(site)) {
        if (entry.path().filename() != "index.html") continue;
        if (entry.path().parent_path().parent_path().filename() == "2022") ++project_pages;
        text += std::regex_replace(read_file(entry.path()), std::regex("<[^>]*>"), "");
    }
    CHECK(project_pages == 13);
    for (const std::string& sentence : seed_sentences(read_file(source_dir / "tests/data/seed-bulletin-2022.txt"))) {
        INFO(sentence);
        CHECK(text.find(sentence) != std::string::npos);
    }
}

TEST_CASE("import command: speaks English when the site's language is en", "[import]") {
    TempDir dir("english");
    std::ofstream(dir.path / "site.toml") << "title = \"Test\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\n";
    std::ofstream(dir.path / "b.txt") << "标题\n\n一、甲专项治理\n1. 其一。\n3. 其三。\n";
    ImportOptions options;
    options.input = dir.path / "b.txt";
    options.edition = "2022";
    options.content_dir = dir.path;
    std::ostringstream out, err;
    REQUIRE(run_import(options, out, err) == 0);
    CHECK(err.str().find("b.txt:5: to check: outcome 2 was expected") != std::string::npos);
    CHECK(err.str().find("to fill in: published") != std::string::npos);
    CHECK(err.str().find("待核对：") == std::string::npos);
    CHECK(out.str().find("imported 1 project(s) from") != std::string::npos);
    const std::string draft = read_file(dir.path / "2022/jia.md");
    CHECK(draft.find("# 待核对 (line 5 of the text): outcome 2 was expected") != std::string::npos);
    CHECK(draft.find("# The text names no lead unit") != std::string::npos);
}

TEST_CASE("import command: a departments.toml that is not TOML stops it, saying where and how to go on", "[import]") {
    TempDir dir("departments-unreadable");
    std::ofstream(dir.path / "departments.toml") << "[[department]]\nslug = \"fagai\"\nname = \"区发改局\n";
    std::ofstream(dir.path / "b.txt") << "标题\n\n一、甲专项治理\n牵头部门：区发改局\n1. 其一。\n";
    ImportOptions options;
    options.input = dir.path / "b.txt";
    options.edition = "2022";
    options.content_dir = dir.path;
    std::ostringstream out, err;
    CHECK(run_import(options, out, err) == 2);
    const std::string shown = (dir.path / "departments.toml").string();
    INFO(err.str());
    CHECK(err.str().starts_with(shown + ":3:"));
    CHECK(err.str().find("错误: 无法读取部门名单：") != std::string::npos);
    CHECK(err.str().find("name = \"区发改局") != std::string::npos);  // the line itself
    CHECK(err.str().find("请先修正这个文件（bulletin check 会指出问题），再导入") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.path / "2022"));
    CHECK(out.str().empty());
}

TEST_CASE("import command: departments listed with mistakes check reports are still known, not added again",
          "[import]") {
    // The listed entries are taken as written: an entry whose slug check would refuse, one
    // without a slug, and a department found by its full name are all reused; the slug taken
    // by the bad entry is not handed out twice. The mistakes are check's to report.
    TempDir dir("departments-lenient");
    const std::string listed =
        "[[department]]\nslug = \"Fa Gai\"\nname = \"区发改局\"\n\n"
        "[[department]]\nname = \"区教育局\"\nnote = \"未知字段\"\n\n"
        "[[department]]\nslug = \"qu-min-zheng-ju\"\nname = \"民政局\"\nfull_name = \"区民政局\"\n\n"
        "[[department]]\nslug = 5\nname = \"qu-wei-jian-ju\"\n\n"
        "[[department]]\nslug = \"qu-wei-jian-ju\"\nname = \"区卫生局\"\n";
    std::ofstream(dir.path / "departments.toml") << listed;
    std::ofstream(dir.path / "b.txt") << "标题\n\n一、甲专项治理\n牵头部门：区发改局、区教育局、区民政局\n1. 其一。\n\n"
                                         "二、乙专项治理\n牵头部门：区卫健局\n1. 其一。\n";
    ImportOptions options;
    options.input = dir.path / "b.txt";
    options.edition = "2022";
    options.content_dir = dir.path;
    std::ostringstream out, err;
    REQUIRE(run_import(options, out, err) == 0);
    INFO(out.str() << err.str());
    const std::string jia = read_file(dir.path / "2022/jia.md");
    CHECK(jia.find("department = \"区发改局\"\nco_departments = [\"区教育局\", \"民政局\"]\n") != std::string::npos);
    const std::string departments = read_file(dir.path / "departments.toml");
    CHECK(departments == listed + "\n[[department]]\nslug = \"qu-wei-jian-ju-2\"\nname = \"区卫健局\"\n");
}
