// The message catalogue (messages.h): every message in Chinese and English,
// each once, with the same placeholders in both, chosen by the site's language.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "messages.h"

namespace {

std::size_t placeholders(std::string_view s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '{')); }

}  // namespace

TEST_CASE("messages: every message is in the catalogue once, in both languages, with the same placeholders") {
    const std::vector<bulletin::Msg> ids = bulletin::catalogue();
    std::set<int> seen;
    for (bulletin::Msg m : ids) {
        INFO(static_cast<int>(m));
        CHECK(seen.insert(static_cast<int>(m)).second);
        const std::string_view zh = bulletin::text(m, "zh-CN");
        const std::string_view en = bulletin::text(m, "en");
        CHECK_FALSE(zh.empty());
        CHECK_FALSE(en.empty());
        CHECK(zh != "?");
        CHECK(placeholders(zh) == placeholders(en));
    }
    // No message of the enum is left out: the ids are 0 … n-1.
    REQUIRE_FALSE(seen.empty());
    CHECK(*seen.begin() == 0);
    CHECK(*seen.rbegin() == static_cast<int>(seen.size()) - 1);
}

TEST_CASE("messages: the language picks the text, Chinese unless English") {
    CHECK(bulletin::say("zh-CN", bulletin::Msg::verify_summary, 3, 1, 0, 0, "不一致") ==
          "verify: 3 个文件；1 个被改动，0 个缺失，0 个多余 — 不一致");
    CHECK(bulletin::say("en-GB", bulletin::Msg::import_summary, "a.txt", 13, "content/2022") ==
          "imported 13 project(s) from a.txt into content/2022/");
    CHECK(bulletin::text(bulletin::Msg::error_word, "fr") == "错误");
}
