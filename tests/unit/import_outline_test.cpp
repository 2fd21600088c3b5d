// The tolerant reader (import_outline.cpp): the layouts real bulletins use,
// each on a small text written the way published ones are.
#include <catch2/catch.hpp>

#include <algorithm>

#include "import_parse.h"
#include "import_write.h"

using namespace bulletin;

namespace {

ImportedBulletin read(std::string_view text) {
    ParseResult r = parse_bulletin(text);
    INFO("line " << r.error.line << ": " << r.error.message);
    REQUIRE(r.bulletin);
    return *r.bulletin;
}

std::vector<std::string> outcomes_of(const ImportedProject& p) {
    std::vector<std::string> out;
    for (const ImportedOutcome& o : p.outcomes) out.push_back(o.text);
    return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("import layout: numbered titles with the lead units in parentheses at the end, widths mixed", "[import]") {
    const ImportedBulletin b = read(
        "区纪委监委公布专项整治成果\n\n"
        "1.整治看病就医难问题,规范医疗服务行为。(牵头单位:区卫健局、区医保局)\n"
        "检查医疗机构46家；整改问题120个。\n"
        "2.整治校外培训乱收费问题（牵头单位：区教育局)\n"
        "退还培训费用36万元。\n");
    REQUIRE(b.projects.size() == 2);
    CHECK(b.projects[0].title == "整治看病就医难问题,规范医疗服务行为");
    CHECK(b.projects[0].departments == Names{"区卫健局", "区医保局"});
    CHECK(outcomes_of(b.projects[0]) == Names{"检查医疗机构46家", "整改问题120个。"});
    CHECK(b.projects[1].title == "整治校外培训乱收费问题");
    CHECK(b.projects[1].departments == Names{"区教育局"});
}

TEST_CASE("import layout: the lead units close the outcome paragraph", "[import]") {
    const ImportedBulletin b = read(
        "某市点题整治成效\n\n"
        "一、整治老旧小区失管问题\n"
        "排查老旧小区212个，引入物业服务企业38家，纳入长效管理。(牵头单位:市住建局、市城管局)\n"
        "二、整治农村饮水安全问题\n"
        "完成水质提升工程17处。（责任部门：市水利局）\n");
    REQUIRE(b.projects.size() == 2);
    CHECK(b.projects[0].departments == Names{"市住建局", "市城管局"});
    CHECK(outcomes_of(b.projects[0]) == Names{"排查老旧小区212个，引入物业服务企业38家，纳入长效管理。"});
    CHECK(b.projects[1].departments == Names{"市水利局"});
}

TEST_CASE("import layout: no markers, each paragraph's first sentence is the title", "[import]") {
    const ImportedBulletin b = read(
        "专项整治工作成果\n\n"
        "今年以来，全县开展监督检查97次，推动整改问题27个。\n\n"
        "解决群众办事难问题。梳理高频事项85项，实现一窗通办；平均办理时间缩短40%。\n\n"
        "解决农村道路失修问题。修复农村公路56公里。（牵头单位：县交通运输局）\n");
    CHECK(b.preamble == Names{"今年以来，全县开展监督检查97次，推动整改问题27个。"});
    REQUIRE(b.projects.size() == 2);
    CHECK(b.projects[0].title == "解决群众办事难问题");
    CHECK(outcomes_of(b.projects[0]) == Names{"梳理高频事项85项，实现一窗通办", "平均办理时间缩短40%。"});
    CHECK(b.projects[0].departments.empty());
    CHECK(b.projects[1].departments == Names{"县交通运输局"});
    CHECK_FALSE(b.projects[1].guesses.empty());  // no marker: the reading is a guess

    // The preamble's figures are offered as the edition's [[figures]], never as a project.
    ImportTarget target;
    target.edition = "2023";
    target.year = 2023;
    const ImportPlan plan = plan_import(b, target, SlugMaker());
    const std::string index = plan.files.front().bytes;
    CHECK(index.find("# [[figures]]\n# label = \"全县开展监督检查\"\n# value = 97\n# unit = \"次\"") != std::string::npos);
}

TEST_CASE("import layout: a 民生实事 progress list with labelled lines and PDF page junk", "[import]") {
    const ImportedBulletin b = read(
        "县2023年民生实事项目进展情况\n\n"
        "1.新建城乡公交候车亭120个。\n"
        "责任单位：县交通运输局\n"
        "进展情况：已建成126个，完成率105%。\n\n"
        "- 2 -\n\n"
        "县2023年民生实事项目进展情况\n\n"
        "2.改造老旧小区12个。\n"
        "牵头单位：县住建局\n"
        "牵头领导：张三\n"
        "完成情况：\n"
        "100%\n"
        "3.建设城市书房3处。\n"
        "主责单位：县文广旅体局、县图书馆\n"
        "进展情况：完成2处；1处主体完工。\n");
    REQUIRE(b.projects.size() == 3);
    CHECK(b.projects[0].title == "新建城乡公交候车亭120个");
    CHECK(b.projects[0].departments == Names{"县交通运输局"});
    CHECK(outcomes_of(b.projects[0]) == Names{"已建成126个，完成率105%。"});
    // A person is never a department; the line is kept.
    CHECK(b.projects[1].departments == Names{"县住建局"});
    CHECK(b.projects[1].notes == Names{"牵头领导：张三"});
    // A data cell is not page furniture.
    CHECK(outcomes_of(b.projects[1]) == Names{"100%"});
    CHECK(b.projects[2].departments == Names{"县文广旅体局", "县图书馆"});
    CHECK(outcomes_of(b.projects[2]) == Names{"完成2处", "1处主体完工。"});
}

TEST_CASE("import layout: every label for the lead", "[import]") {
    for (const char* label : {"牵头单位", "牵头部门", "责任单位", "责任部门", "主责单位", "牵头责任单位"}) {
        INFO(label);
        const ImportedBulletin b = read(std::string("标题\n\n一、甲整治\n") + label + "：区甲局、区乙局\n1. 其一。\n"
                                        "二、乙整治\n" + label + ":区丙局\n1. 其一。\n");
        REQUIRE(b.projects.size() == 2);
        CHECK(b.projects[0].departments == Names{"区甲局", "区乙局"});
        CHECK(b.projects[1].departments == Names{"区丙局"});
    }
}

TEST_CASE("import layout: a notice's addressees over several lines are not its title", "[import]") {
    // The opening of tests/import/held-aside/putuo-2024.txt.
    const ImportedBulletin b = read(
        "各镇人民政府、街道办事处\n"
        ", 区属各单位:\n"
        "现将完成情况通报如下:\n"
        "1. 规上工业增加值增长8%。\n"
        "责任单位:区经信局\n"
        "完成情况:增长10.6%。\n");
    CHECK(b.title.empty());
    CHECK(b.title_missing);
    REQUIRE(b.projects.size() == 1);
    CHECK(b.projects[0].departments == Names{"区经信局"});
    // A title with a subtitle below it is still a title.
    CHECK(read("民生实事完成情况\n——2024年上半年\n1. 建成公园3个。\n").title == "民生实事完成情况 ——2024年上半年");
}

TEST_CASE("import layout: a labelled block's 治理目标 is the project's summary, not an outcome", "[import]") {
    // The layout of tests/import/held-aside/dinghai-2023.txt.
    const ImportedBulletin b = read(
        "专项治理成果公布\n"
        "治理项目:中小学校食堂采购问题专项治理\n"
        "牵头单位:区教育局\n"
        "治理目标:进一步规范食堂采购行为。\n"
        "治理成果:32所中小学完成自纠自查。\n");
    REQUIRE(b.projects.size() == 1);
    CHECK(b.projects[0].title == "中小学校食堂采购问题专项治理");
    CHECK(b.projects[0].departments == Names{"区教育局"});
    CHECK(b.projects[0].summary == "进一步规范食堂采购行为。");
    CHECK(outcomes_of(b.projects[0]) == Names{"32所中小学完成自纠自查。"});
}

TEST_CASE("import layout: paragraph titles as long as real ones, up to 30 characters", "[import]") {
    const ImportedBulletin b = read(
        "专项治理成果\n\n"
        "整治城区老旧小区加装电梯推进难问题。完成加装电梯42台，惠及居民1300余户。\n\n"
        "整治农村集体“三资”管理不规范和村级财务公开不及时问题。清理合同418份。（牵头单位：县农业农村局）\n\n"
        "今年以来全县纪检监察机关围绕群众反映强烈的突出问题持续深入开展专项治理工作。共开展监督检查97次。\n");
    REQUIRE(b.projects.size() == 2);
    CHECK(b.projects[0].title == "整治城区老旧小区加装电梯推进难问题");  // 17 characters
    CHECK(outcomes_of(b.projects[0]) == Names{"完成加装电梯42台，惠及居民1300余户。"});
    CHECK(b.projects[1].title == "整治农村集体“三资”管理不规范和村级财务公开不及时问题");  // 27
    CHECK(b.projects[1].departments == Names{"县农业农村局"});
    // A first sentence of more than 30 characters is prose: it stays with the project before it.
    CHECK(outcomes_of(b.projects[1]).size() == 2);
}

TEST_CASE("import layout: the projects are at the level most leads are attached to, not the first with one", "[import]") {
    const ImportedBulletin b = read(
        "2023年民生实事项目完成情况\n"
        "一、教育民生（牵头单位：区教育局）\n"
        "1. 新建公办幼儿园3所（牵头单位：区教育局）\n"
        "已建成并开园3所，新增学位810个。\n"
        "2. 改造薄弱学校运动场5个（牵头单位：区教育局）\n"
        "已完成改造5个。\n"
        "二、城乡建设\n"
        "1. 改造老旧小区12个（牵头单位：区住建局）\n"
        "已完工12个，惠及居民4100户。\n");
    REQUIRE(b.projects.size() == 3);
    CHECK(b.projects[0].title == "新建公办幼儿园3所");
    CHECK(b.projects[1].title == "改造薄弱学校运动场5个");
    CHECK(b.projects[2].title == "改造老旧小区12个");
    CHECK(b.projects[2].departments == Names{"区住建局"});
    CHECK(std::find(b.preamble.begin(), b.preamble.end(), "二、城乡建设") != b.preamble.end());
}

TEST_CASE("import layout: headings above the project level and parts without leads go to the preamble", "[import]") {
    const ImportedBulletin b = read(
        "民生工程实施进度通报\n"
        "现将进度通报如下:\n"
        "一、各县区综合排名\n"
        "1、甲县;2、乙县。\n"
        "二、部分项目进展情况\n"
        "1、农村道路畅通工程,牵头部门:市交通局。建设进度较慢的为甲县。\n"
        "2、棚户区改造,牵头部门:市住建委。新开工进度较慢的为乙县;基本建成进度较慢的为甲县。\n");
    CHECK(b.preamble == Names{"现将进度通报如下:", "一、各县区综合排名", "1、甲县;2、乙县。", "二、部分项目进展情况"});
    REQUIRE(b.projects.size() == 2);
    CHECK(b.projects[0].title == "农村道路畅通工程");
    CHECK(b.projects[0].departments == Names{"市交通局"});
    CHECK(outcomes_of(b.projects[1]) == Names{"新开工进度较慢的为乙县", "基本建成进度较慢的为甲县。"});
}

TEST_CASE("import layout: a text without projects is all preamble, and says so", "[import]") {
    const ImportedBulletin b = read("关于民生实事完成情况的通报\n\n今年十件民生实事已全部完成。\n\n附件：完成情况表\n");
    CHECK(b.projects.empty());
    CHECK(b.preamble == Names{"今年十件民生实事已全部完成。", "附件：完成情况表"});
    REQUIRE(b.guesses.size() == 1);
    CHECK(b.guesses[0].message.find("没有找到治理项目") != std::string::npos);
}

TEST_CASE("import layout: a first line that is a sentence is not the title", "[import]") {
    const ImportedBulletin b = read("为扎实推进民生工程，现将1至7月实施进度通报如下:\n一、甲工程\n1. 其一。\n二、乙工程\n1. 其一。\n");
    CHECK(b.title_missing);
    CHECK(b.preamble.front() == "为扎实推进民生工程，现将1至7月实施进度通报如下:");
    ImportTarget target;
    target.edition = "2017";
    target.year = 2017;
    const std::string index = plan_import(b, target, SlugMaker()).files.front().bytes;
    CHECK(index.find("\n# title = \"\"\n") != std::string::npos);
    CHECK(index.find("\ntitle =") == std::string::npos);
}

TEST_CASE("import: the edition title loses a leading year the site shows anyway", "[import]") {
    CHECK(title_without_year("2023年度群众身边不正之风专项治理情况", 2023) == "群众身边不正之风专项治理情况");
    CHECK(title_without_year("2023年专项治理成果", 2023) == "专项治理成果");
    CHECK(title_without_year("2022年度市县民生实事", 2023) == "2022年度市县民生实事");
    CHECK(title_without_year("关于2023年度专项治理的通报", 2023) == "关于2023年度专项治理的通报");
    CHECK(title_without_year("2023年", 2023) == "2023年");
}

TEST_CASE("import layout: a table pasted one cell per line keeps every cell, repeated ones too", "[import]") {
    const ImportedBulletin b = read(
        "民生实事任务分解表\n\n序号\n\n实事内容\n\n责任单位\n\n完成时限\n\n"
        "1\n\n新建公厕10座。\n\n县住建局\n\n12月底前\n\n"
        "2\n\n改造背街小巷8条。\n\n县住建局\n\n县城管局\n\n12月底前\n\n"
        "3\n\n新增停车位400个。\n\n县公安局\n\n100%\n");
    REQUIRE(b.projects.size() == 3);
    CHECK(b.projects[0].title == "新建公厕10座");
    CHECK(b.projects[0].departments == Names{"县住建局"});
    CHECK(outcomes_of(b.projects[0]) == Names{"完成时限：12月底前"});
    CHECK(b.projects[1].departments == Names{"县住建局", "县城管局"});
    CHECK_FALSE(b.projects[1].guesses.empty());  // more cells than columns
    CHECK(outcomes_of(b.projects[1]) == Names{"完成时限：12月底前"});
    CHECK(outcomes_of(b.projects[2]) == Names{"完成时限：100%"});
}

TEST_CASE("import layout: items numbered inline in one paragraph are one item each", "[import]") {
    const ImportedBulletin b = read("县政府今年办好4件民生实事\n"
                                    "县长在报告中承诺,分别是: (1)新建公办幼儿园2所。 (2)改造农村公路50公里。"
                                    " (3)新增停车位400个。 (4)建成便民市场5处。\n");
    CHECK(b.preamble == Names{"县长在报告中承诺,分别是:"});
    REQUIRE(b.projects.size() == 4);
    CHECK(b.projects[0].title == "新建公办幼儿园2所");
    CHECK(b.projects[3].title == "建成便民市场5处");
    // "(2)" inside a sentence is not an item.
    CHECK(read("标题\n一、甲专项治理\n1. 见附件(1)和附件(2)，以及(3)。\n").projects.size() == 1);
}
