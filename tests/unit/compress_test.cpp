// Precompressed twins (compress.h): text files of 1 KB and more, the same
// bytes every time, and inflating refuses anything too large.
#include <catch2/catch.hpp>

#include "compress.h"

TEST_CASE("compress: only text files of 1 KB and more get a twin") {
    CHECK(bulletin::wants_gzip("2022/index.html", 1024));
    CHECK(bulletin::wants_gzip("data/2022.csv", 5000));
    CHECK(bulletin::wants_gzip("assets/style.css", 2048));
    CHECK_FALSE(bulletin::wants_gzip("2022/index.html", 1023));
    CHECK_FALSE(bulletin::wants_gzip("assets/logo.png", 50000));
    CHECK_FALSE(bulletin::wants_gzip("feed.xml.gz", 50000));
    CHECK_FALSE(bulletin::wants_gzip(".html", 5000));
}

TEST_CASE("compress: gzip is deterministic and inflates back to the same bytes") {
    std::string text;
    for (int i = 0; i < 200; ++i) text += "截至2022年12月底，全区共建成公共充电桩71个。\n";
    const std::string gz = bulletin::gzip(text);
    CHECK(gz == bulletin::gzip(text));
    REQUIRE(gz.size() > 10);
    CHECK(gz.substr(0, 2) == "\x1F\x8B");
    CHECK(gz.substr(4, 4) == std::string(4, '\0'));  // no time stamp
    CHECK(gz.size() < text.size() / 4);
    CHECK(bulletin::gunzip(gz, text.size()) == std::optional<std::string>(text));
}

TEST_CASE("compress: gunzip refuses what is not gzip or inflates past the limit") {
    const std::string gz = bulletin::gzip(std::string(10000, 'a'));
    CHECK_FALSE(bulletin::gunzip(gz, 9999).has_value());
    CHECK_FALSE(bulletin::gunzip("not gzip", 100).has_value());
    CHECK(bulletin::gunzip(bulletin::gzip(""), 0) == std::optional<std::string>(""));
}
