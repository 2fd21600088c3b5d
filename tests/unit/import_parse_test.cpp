// The importer's reading side: decoding, line classification, page-break
// repair and structure recognition, on small texts written inline.
#include <catch2/catch.hpp>

#include <algorithm>

#include "import_parse.h"

using namespace bulletin;

namespace {

ImportedBulletin parse_ok(std::string_view text) {
    ParseResult r = parse_bulletin(text);
    INFO("line " << r.error.line << ": " << r.error.message);
    REQUIRE(r.bulletin);
    return *r.bulletin;
}

ImportError parse_error(std::string_view text) {
    ParseResult r = parse_bulletin(text);
    REQUIRE_FALSE(r.bulletin);
    return r.error;
}

}  // namespace

TEST_CASE("import decode: UTF-8 with or without BOM, UTF-16, GB18030", "[import]") {
    CHECK(decode_import_text("标题\r\n")->text == "标题\r\n");
    CHECK(decode_import_text("\xEF\xBB\xBF标题")->text == "标题");
    CHECK(decode_import_text("\xEF\xBB\xBF标题")->converted_from.empty());
    // 治理 in GBK
    auto gbk = decode_import_text("\xD6\xCE\xC0\xED");
    REQUIRE(gbk);
    CHECK(gbk->text == "治理");
    CHECK(gbk->converted_from.find("GB18030") != std::string::npos);
    auto utf16 = decode_import_text(std::string("\xFF\xFE\xBB\x6C\x06\x74", 6));
    REQUIRE(utf16);
    CHECK(utf16->text == "治理");
    // 0xFF cannot start a GB18030 character either.
    CHECK_FALSE(decode_import_text("abc\xFF\xFF"));
}

TEST_CASE("import lines: split keeps file line numbers, trims full-width spaces", "[import]") {
    auto lines = split_import_lines("标题\r\n\r\n\u3000正文\u3000\r\n末行\n");
    REQUIRE(lines.size() == 4);
    CHECK(lines[2].number == 3);
    CHECK(lines[2].text == "正文");
    CHECK(lines[3].text == "末行");
}

TEST_CASE("import lines: section markers, numbered items and labels", "[import]") {
    CHECK(classify_line("十三").kind == LineKind::section);
    CHECK(classify_line("十三").number == 13);
    CHECK(classify_line("二、教育乱收费专项治理").rest == "教育乱收费专项治理");
    CHECK(classify_line("（二）教育乱收费").form == NumberForm::paren);
    CHECK(classify_line("第二项").number == 2);
    CHECK(classify_line("第二 教育乱收费").rest == "教育乱收费");
    CHECK(classify_line("第三方配送餐食。").kind == LineKind::text);
    CHECK(classify_line("一把手亲自负责。").kind == LineKind::text);
    CHECK(classify_line("3.8%的增长").kind == LineKind::text);
    CHECK(classify_line("2022年以来").kind == LineKind::text);
    for (const char* item : {"2. 加强", "2、加强", "（2）加强", "(2)加强", "②加强"}) {
        INFO(item);
        const LineInfo info = classify_line(item);
        CHECK(info.kind == LineKind::numbered);
        CHECK(info.number == 2);
        CHECK(info.rest == "加强");
    }
    for (const char* label : {"治理项目：甲", "整治项目:甲", "项目名称：甲", "专项治理：甲"}) {
        CHECK(classify_line(label).field == Field::project);
        CHECK(classify_line(label).rest == "甲");
    }
    for (const char* label : {"牵头部门：甲", "牵头单位:甲", "责任单位：甲", "主办单位：甲", "（牵头单位：甲）"}) {
        CHECK(classify_line(label).field == Field::department);
    }
    for (const char* label : {"治理成果：", "整治成效：", "工作成效:", "完成情况：", "主要成效："}) {
        CHECK(classify_line(label).field == Field::outcomes);
    }
    CHECK(classify_line("专项治理以来，各部门主动作为。").kind == LineKind::text);
    CHECK(classify_line("序号").bare);
    CHECK(parse_chinese_numeral("一百零一") == 101);
    CHECK(parse_chinese_numeral("二十") == 20);
}

TEST_CASE("import repair: page numbers in their common forms", "[import]") {
    for (const char* p : {"3", "- 3 -", "— 3 —", "－3－", "第 3 页", "第3页 共12页", "3/12", "Page 3"}) {
        INFO(p);
        CHECK(is_page_number(p, false));
    }
    CHECK_FALSE(is_page_number("3", true));
    CHECK_FALSE(is_page_number("2022年", false));
    CHECK_FALSE(is_page_number("第三方", false));
}

TEST_CASE("import repair: a title line is never joined to the preamble", "[import]") {
    std::vector<ImportNote> notes;
    auto lines = repair_lines(split_import_lines("公布 专项治理成果\n\n2022年以来，开展治理。\n"), false, notes);
    CHECK(lines[0].text == "公布 专项治理成果");
    CHECK(notes.empty());
}

TEST_CASE("import parse: a title on two lines is one title", "[import]") {
    const ImportedBulletin b = parse_ok("区纪委区监委公布\n漠视侵害群众利益问题专项治理工作成果\n\n前言。\n\n一、甲\n1. 其一。\n");
    CHECK(b.title == "区纪委区监委公布 漠视侵害群众利益问题专项治理工作成果");
    CHECK(b.preamble == std::vector<std::string>{"前言。"});
}

TEST_CASE("import repair: in a table a department leading two projects is not a running header", "[import]") {
    const ImportedBulletin b = parse_ok("标题\n\n序号\n\n治理项目\n\n牵头单位\n\n治理成果\n\n1\n\n甲专项治理\n\n区教育局\n\n"
                                       "1. 其一。\n\n2\n\n乙专项治理\n\n区教育局\n\n1. 其一。\n\n- 2 -\n\n3\n\n丙专项治理\n\n"
                                       "区住建局\n\n甲乙丙；丁。\n");
    REQUIRE(b.projects.size() == 3);
    CHECK(b.projects[1].departments == std::vector<std::string>{"区教育局"});
    CHECK(b.projects[2].outcomes.size() == 2);
}

TEST_CASE("import parse: Arabic numbers for both sections and outcomes", "[import]") {
    const ImportedBulletin b = parse_ok(
        "标题\n\n1. 甲项目专项治理\n牵头单位：区甲局\n1. 成果一。\n2. 成果二。\n"
        "2. 乙项目专项治理\n牵头单位：区乙局\n1. 成果一。\n"
        "3. 丙项目专项治理\n牵头单位：区丙局\n1. 成果一。\n2. 成果二。\n3. 成果三。\n");
    REQUIRE(b.projects.size() == 3);
    CHECK(b.projects[1].title == "乙项目专项治理");
    CHECK(b.projects[1].outcomes.size() == 1);
    CHECK(b.projects[2].outcomes.size() == 3);
}

TEST_CASE("import parse: an outcome's second paragraph stays with it", "[import]") {
    const ImportedBulletin b = parse_ok("标题\n\n一、甲专项治理\n牵头部门：区甲局\n1. 第一段。\n\n第二段。\n2. 其二。\n");
    REQUIRE(b.projects[0].outcomes.size() == 2);
    CHECK(b.projects[0].outcomes[0].text == "第一段。\n\n第二段。");
}

TEST_CASE("import parse: a project without a lead department keeps it empty", "[import]") {
    const ImportedBulletin b = parse_ok("标题\n\n一、甲专项治理\n1. 成果。\n");
    CHECK(b.projects[0].departments.empty());
}

/// True when one of the guesses of `b` or of its projects is at `line` and says `words`.
static bool guessed(const ImportedBulletin& b, int line, std::string_view words) {
    std::vector<ImportGuess> all = b.guesses;
    for (const ImportedProject& p : b.projects) all.insert(all.end(), p.guesses.begin(), p.guesses.end());
    return std::any_of(all.begin(), all.end(), [&](const ImportGuess& g) {
        return g.line == line && g.message.find(words) != std::string::npos;
    });
}

TEST_CASE("import parse: an empty text is the only one without a draft", "[import]") {
    CHECK(parse_error("").message.find("空") != std::string::npos);
}

TEST_CASE("import parse: what it cannot read for sure becomes a draft, each guess at its line", "[import]") {
    const ImportedBulletin label_first = parse_ok("治理项目：甲\n");
    CHECK(label_first.title_missing);
    REQUIRE(label_first.projects.size() == 1);
    CHECK(label_first.projects[0].title == "甲");
    CHECK(guessed(label_first, 1, "没有写成果"));

    const ImportedBulletin no_projects = parse_ok("标题\n\n只有前言。\n");
    CHECK(no_projects.projects.empty());
    CHECK(no_projects.preamble == std::vector<std::string>{"只有前言。"});
    CHECK(guessed(no_projects, 3, "没有找到治理项目"));

    const ImportedBulletin skipped = parse_ok("标题\n\n一、甲\n牵头部门：区甲局\n1. 其一。\n3. 其三。\n");
    REQUIRE(skipped.projects.size() == 1);
    CHECK(skipped.projects[0].outcomes.size() == 2);
    CHECK(guessed(skipped, 6, "成果编号应为2"));

    const ImportedBulletin no_outcomes = parse_ok("标题\n\n一、甲\n牵头部门：区甲局\n二、乙\n1. 其一。\n");
    REQUIRE(no_outcomes.projects.size() == 2);
    CHECK(no_outcomes.projects[0].departments == std::vector<std::string>{"区甲局"});
    CHECK(no_outcomes.projects[0].outcomes.empty());
    CHECK(guessed(no_outcomes, 3, "没有写成果"));
    CHECK(no_outcomes.projects[1].outcomes.size() == 1);

    const ImportedBulletin wrong_section = parse_ok("标题\n\n一、甲\n1. 其一。\n三、丙\n1. 其一。\n");
    REQUIRE(wrong_section.projects.size() == 2);
    CHECK(wrong_section.projects[1].number == 2);
    CHECK(guessed(wrong_section, 5, "原文编号为3"));

    const ImportedBulletin two_leads = parse_ok("标题\n\n一、甲（牵头单位：区甲局）\n牵头单位：区乙局\n1. 其一。\n");
    CHECK(two_leads.projects[0].departments == std::vector<std::string>{"区甲局", "区乙局"});

    const ImportedBulletin dangling = parse_ok("标题\n\n一、甲\n1. 其一。\n牵头单位：\n");
    CHECK(dangling.projects[0].departments.empty());
    CHECK(dangling.projects[0].outcomes.size() == 1);
}

TEST_CASE("import values: department lists, parenthesised leads, clauses", "[import]") {
    CHECK(split_departments("区发改局、区住建局，区财政局。") ==
          std::vector<std::string>{"区发改局", "区住建局", "区财政局"});
    // tests/import/held-aside/putuo-2024.txt: a note after the list, a space a PDF left inside a name.
    CHECK(split_departments("区发改局、各镇、街道、区属功能区管 委会(责任单位列第一位的为牵头单位,下同)") ==
          std::vector<std::string>{"区发改局", "各镇", "街道", "区属功能区管委会"});
    // A unit's own qualifier in brackets stays, and so does a space inside a Latin name.
    CHECK(split_departments("区住建局（区人防办）、区ABC Lab") == std::vector<std::string>{"区住建局（区人防办）", "区ABC Lab"});
    std::string title = "甲专项治理（牵头单位：区甲局、区乙局）";
    CHECK(take_parenthesised_departments(title) == std::vector<std::string>{"区甲局", "区乙局"});
    CHECK(title == "甲专项治理");
    std::string plain = "打通“最后一公里”（第二批）";
    CHECK(take_parenthesised_departments(plain).empty());
    CHECK(plain == "打通“最后一公里”（第二批）");
    CHECK(split_clauses("甲；乙;丙。") == std::vector<std::string>{"甲", "乙", "丙。"});
}

TEST_CASE("import repair: a paragraph that closes with an aside in brackets is finished, not cut", "[import]") {
    // The lead units closing a paragraph, or an aside after its full stop:
    // the next paragraph, however long, starts a paragraph of its own.
    const std::string next = "今年以来全县纪检监察机关围绕群众反映强烈的突出问题持续深入开展专项治理工作。";
    for (const std::string ending : {"清理合同418份，收回资金12万元（牵头单位：县农业农村局）", "清理合同418份，收回资金12万元。（完）",
                                     "清理合同418份，收回资金12万元(责任部门:县农业农村局)"}) {
        std::vector<ImportNote> notes;
        const auto lines = repair_lines(split_import_lines("专项治理成果\n\n" + ending + "\n\n" + next + "\n"), false, notes);
        std::vector<std::string> texts;
        for (const auto& l : lines) {
            if (!l.text.empty()) texts.push_back(l.text);
        }
        CHECK(texts == std::vector<std::string>{"专项治理成果", ending, next});
        CHECK(notes.empty());
    }
    // An aside in the middle of a sentence cut by the page still joins.
    std::vector<ImportNote> notes;
    const std::string cut = "会同区教育局（含各街道教育办）、区市场监管局等部门对全区校外培训机构开展联合检查，";
    const auto joined =
        repair_lines(split_import_lines("专项治理成果\n\n" + cut + "\n\n- 4 -\n\n共检查机构46家。\n"), false, notes);
    CHECK(std::count_if(joined.begin(), joined.end(), [&](const TextLine& l) { return l.text == cut + "共检查机构46家。"; }) == 1);
}

TEST_CASE("import repair: a long line cut at a page break without punctuation is joined", "[import]") {
    // The seed's sentence (line 131 of tests/data/seed-bulletin-2022.txt),
    // wrapped as a PDF copy wraps it: the line before the page break holds no
    // ，；。 at all, only its length (47 characters) says it is prose.
    const std::string first = "会同6个区级部门快速组建专项整治工作专班并制订下发《定海区开展漠视侵害群众利益问题网络直播营销";
    const std::string rest = "违法行为专项治理工作实施方案》。";
    std::vector<ImportNote> notes;
    const auto lines = repair_lines(split_import_lines("1. 健全工作机制。\n" + first + "\n\n- 4 -\n\n" + rest + "\n"), false, notes);
    std::vector<std::string> texts;
    for (const auto& l : lines) {
        if (!l.text.empty()) texts.push_back(l.text);
    }
    CHECK(texts == std::vector<std::string>{"1. 健全工作机制。", first + rest});
    REQUIRE(notes.size() == 2);
    CHECK(notes[0].message == "删去了页码“- 4 -”");
    CHECK(notes[1].message == "第2行与第6行是被分页断开的同一句话，已接上");

    // A short unpunctuated line is a title or a cell: never joined.
    std::vector<ImportNote> short_notes;
    const auto kept = repair_lines(split_import_lines("治理项目\n\n- 4 -\n\n违法行为专项治理工作实施方案》。\n"), false, short_notes);
    std::size_t nonblank = 0;
    for (const auto& l : kept) nonblank += !l.text.empty();
    CHECK(nonblank == 2);
}
