// Text utilities (text.h): UTF-8 positions, escaping, Chinese numerals,
// slugs, typo suggestions and number formatting.
#include <catch2/catch.hpp>

#include "text.h"

using namespace bulletin;

TEST_CASE("text: Chinese numerals number projects as bulletins do") {
    const std::vector<std::pair<int, std::string>> cases = {
        {1, "一"},       {2, "二"},         {9, "九"},        {10, "十"},         {11, "十一"},
        {13, "十三"},    {19, "十九"},      {20, "二十"},     {21, "二十一"},     {99, "九十九"},
        {100, "一百"},   {101, "一百零一"}, {110, "一百一十"}, {111, "一百一十一"}, {999, "九百九十九"},
        {1000, "一千"},  {1001, "一千零一"}, {1010, "一千零一十"}, {1100, "一千一百"}, {9999, "九千九百九十九"},
    };
    for (const auto& [n, expected] : cases) {
        INFO(n);
        CHECK(chinese_numeral(n) == expected);
    }
}

TEST_CASE("text: numbers outside 1..9999 fall back to digits") {
    CHECK(chinese_numeral(0) == "0");
    CHECK(chinese_numeral(-3) == "-3");
    CHECK(chinese_numeral(10000) == "10000");
}

TEST_CASE("text: slugs are lower-case letters and digits joined by single hyphens") {
    for (const char* ok : {"ev-charging", "2022", "a", "school-lunch-2", "a1-b2-c3"}) {
        INFO(ok);
        CHECK(is_valid_slug(ok));
    }
    for (const char* bad : {"", "EV_Charging", "ev_charging", "Ev-charging", "-ev", "ev-", "ev--charging", "ev charging",
                            "充电桩", "ev.charging", "ev/charging"}) {
        INFO(bad);
        CHECK_FALSE(is_valid_slug(bad));
    }
}

TEST_CASE("text: suggest_slug gives the nearest valid slug") {
    CHECK(suggest_slug("EV_Charging") == "ev-charging");
    CHECK(suggest_slug("School Lunch 2") == "school-lunch-2");
    CHECK(suggest_slug("--a__b--") == "a-b");
    CHECK(suggest_slug("ev--charging") == "ev-charging");
    CHECK(suggest_slug("充电桩") == "");
    CHECK(suggest_slug("充电桩ev") == "ev");
    for (const char* s : {"EV_Charging", "School Lunch 2", "--a__b--", "Fa Gai!"}) CHECK(is_valid_slug(suggest_slug(s)));
}

TEST_CASE("text: edit distance counts characters, not bytes") {
    CHECK(edit_distance("区发改", "区发改局") == 1);
    CHECK(edit_distance("区住建局", "区教育局") == 2);
    CHECK(edit_distance("市场监管局定海分局", "市场监管局定海分局") == 0);
    CHECK(edit_distance("", "区民政局") == 4);
    CHECK(edit_distance("titel", "title") == 1);  // two neighbours swapped: one edit
    CHECK(edit_distance("区局发改", "区发改局") == 2);
}

TEST_CASE("text: closest_match suggests a likely typo among Chinese names") {
    const std::vector<std::string> names = {"区发改局", "区教育局", "区公安分局", "区住建局", "市场监管局定海分局"};
    CHECK(closest_match("区发改", names) == std::optional<std::string>("区发改局"));
    CHECK(closest_match("区公安局", names) == std::optional<std::string>("区公安分局"));
    CHECK(closest_match("市场监管局定海", names) == std::optional<std::string>("市场监管局定海分局"));
    CHECK_FALSE(closest_match("完全不同的名字", names).has_value());
    CHECK_FALSE(closest_match("区发改", {}).has_value());
    // Two of four characters differ: another department, not a typo of one.
    CHECK_FALSE(closest_match("区财政局", names).has_value());
    CHECK(closest_match("titel", {"title", "department", "number"}) == std::optional<std::string>("title"));
    CHECK(closest_match("numbr", {"title", "department", "number"}) == std::optional<std::string>("number"));
}

TEST_CASE("text: xml_escape escapes markup and drops control characters XML forbids") {
    CHECK(xml_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&apos;");
    CHECK(xml_escape(std::string("a\x01" "b\x1F" "c\td\ne", 9)) == "abc\td\ne");
}

TEST_CASE("text: format_number writes the shortest form that reads back the same") {
    CHECK(format_number(71) == "71");
    CHECK(format_number(8.98) == "8.98");
    CHECK(format_number(6.6525) == "6.6525");
    CHECK(format_number(120.3) == "120.3");
    CHECK(format_number(0.375) == "0.375");
    CHECK(format_number(1164) == "1164");
    CHECK(format_number(-3) == "-3");
    CHECK(format_number(0) == "0");
}

TEST_CASE("text: UTF-8 checks, positions and widths") {
    CHECK_FALSE(find_invalid_utf8("定海区 ev").has_value());
    CHECK(find_invalid_utf8("ab\xFF") == std::optional<std::size_t>(2));
    CHECK(find_invalid_utf8("甲\xE4\xB8") == std::optional<std::size_t>(3));
    CHECK(line_column("ab\n甲乙x", 9) == std::pair<int, int>(2, 3));
    CHECK(line_column("abc", 0) == std::pair<int, int>(1, 1));
    CHECK(line_text("a\nb\r\nc", 2) == "b");
    CHECK(line_text("a\nb", 3) == "");
    CHECK(utf8_prefix("甲乙丙", 2) == "甲乙");
    CHECK(utf8_prefix("ab", 5) == "ab");
    CHECK(utf8_length("区发改局ab") == 6);
    CHECK(display_width("区发改局ab") == 10);
    CHECK(display_width("（60个）") == 8);
}

TEST_CASE("text: stepping over code points, ill-formed sequences one step each") {
    const std::string s = "a\xc3\xa9\xe4\xb8\x87\xf0\x9f\x98\x80z";  // a é 万 😀 z
    std::vector<std::size_t> forward{0};
    while (forward.back() < s.size()) forward.push_back(next_code_point(s, forward.back()));
    CHECK(forward == std::vector<std::size_t>{0, 1, 3, 6, 10, 11});
    std::vector<std::size_t> back{s.size()};
    while (back.back() > 0) back.push_back(previous_code_point(s, back.back()));
    CHECK(back == std::vector<std::size_t>{11, 10, 6, 3, 1, 0});
    // A truncated sequence is one step; so is a stray trail byte.
    CHECK(next_code_point("\xe4\xb8z", 0) == 2);
    CHECK(next_code_point("\x80\x80", 0) == 1);
    CHECK(previous_code_point("z\xe4\xb8", 3) == 1);
    CHECK(previous_code_point("\x80\x80", 2) == 1);
    CHECK(previous_code_point("abc", 0) == 0);
    // Columns and lengths count code points, not bytes.
    CHECK(line_column("a\xf0\x9f\x98\x80" "b", 5) == std::pair<int, int>(1, 3));
    CHECK(utf8_length("a\xf0\x9f\x98\x80\xc3\xa9") == 3);
}

TEST_CASE("text: collapse_whitespace joins runs into one space and trims") {
    CHECK(collapse_whitespace("  a \n\n b\t c  ") == "a b c");
    CHECK(collapse_whitespace("\n\n") == "");
    CHECK(collapse_whitespace("治理\r\n成果") == "治理 成果");
}

TEST_CASE("text: excerpt keeps whole sentences when it can") {
    CHECK(excerpt("短句。", 120) == "短句。");
    const std::string two = std::string("加强服务协调，力推项目建设。") + std::string(30, 'x');
    CHECK(excerpt(two, 20) == "加强服务协调，力推项目建设。");
    CHECK(excerpt("一二三四五六七八九十", 4) == "一二三四…");
}
