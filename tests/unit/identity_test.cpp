// [identity] of site.toml (identity.h): the formats of the registration
// numbers, the links built from them, and every mistake reported at its
// file, line and column with a hint, in the site's language.
#include <catch2/catch.hpp>

#include "../support/test_support.h"
#include "identity.h"
#include "load_config.h"

namespace {

using bulletin::Diagnostics;

struct SiteToml {
    test::TempDir tmp;
    Diagnostics diags;

    std::optional<bulletin::SiteConfig> load(const std::string& identity) {
        test::write_file(tmp / "site.toml", "title = \"通报\"\nbase_url = \"https://www.example.gov.cn/bulletin/\"\n" + identity);
        return bulletin::load_site_config((tmp / "site.toml").string(), "content/site.toml", diags);
    }
    std::string report() const { return bulletin::format_diagnostics(diags, "zh-CN"); }
};

}  // namespace

TEST_CASE("identity: the formats of the numbers a government site publishes") {
    using namespace bulletin;
    CHECK(is_site_code("4100000001"));
    CHECK(is_site_code("bm07000001"));
    CHECK_FALSE(is_site_code("410000000"));     // nine digits
    CHECK_FALSE(is_site_code("41000000011"));   // eleven
    CHECK_FALSE(is_site_code("bm0700000"));     // bm and seven
    CHECK_FALSE(is_site_code("41000 00001"));
    CHECK(is_icp_number("豫ICP备05024460号-1"));
    CHECK(is_icp_number("京ICP备2024077296号"));
    CHECK_FALSE(is_icp_number("豫ICP05024460号"));   // no 备
    CHECK_FALSE(is_icp_number("豫ICP备05024460"));   // no 号
    CHECK_FALSE(is_icp_number("ICP备05024460号"));   // no province
    CHECK(is_police_record("京公网安备11010802044671号"));
    CHECK(is_police_record("浙公网安备 33010202000302号"));
    CHECK_FALSE(is_police_record("京公网安备1101080204467号"));  // thirteen digits
    CHECK_FALSE(is_police_record("京公安备11010802044671号"));
    CHECK(is_postcode("316000"));
    CHECK_FALSE(is_postcode("31600"));
    CHECK(is_phone("0580-2022000"));
    CHECK(is_phone("（0580）2022000、12388"));
    CHECK_FALSE(is_phone("请拨打2022000"));
    CHECK(is_email("jw@example.gov.cn"));
    CHECK_FALSE(is_email("jw@example"));
}

TEST_CASE("identity: the filing and error-report links") {
    CHECK(bulletin::police_record_url("京公网安备 11010802044671号") ==
          "https://beian.mps.gov.cn/#/query/webSearch?code=11010802044671");
    CHECK(bulletin::error_report_url("4100000001", "https://www.example.gov.cn/bulletin/2022/ev-charging/") ==
          "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4100000001"
          "&url=https%3A%2F%2Fwww.example.gov.cn%2Fbulletin%2F2022%2Fev-charging%2F");
}

TEST_CASE("identity: every key read from site.toml, none required") {
    SiteToml f;
    auto config = f.load("[identity]\norganizer = \"示例区纪委区监委\"\noperator = \"示例区纪委区监委办公室\"\n"
                         "phone = \"0580-2022000\"\naddress = \"示例区人民路1号\"\npostcode = \"316000\"\n"
                         "email = \"jw@example.gov.cn\"\nsite_code = \"3309020001\"\n"
                         "icp = \"浙ICP备05004869号-1\"\npolice_record = \"浙公网安备 33090202000101号\"\n");
    INFO(f.report());
    REQUIRE(config.has_value());
    CHECK(f.diags.items().empty());
    CHECK(config->identity.organizer == "示例区纪委区监委");
    CHECK(config->identity.operator_name == "示例区纪委区监委办公室");
    CHECK(config->identity.site_code == "3309020001");
    CHECK(config->identity.police_record == "浙公网安备 33090202000101号");
    CHECK_FALSE(config->identity.empty());

    SiteToml none;
    auto plain = none.load("");
    REQUIRE(plain.has_value());
    CHECK(plain->identity.empty());
}

TEST_CASE("identity: a wrong number is an error at its line and column, with an example") {
    SiteToml f;
    auto config = f.load("[identity]\nsite_code = \"330902001\"\nicp  = \"浙ICP05004869号\"\npolice_record = \"浙公网安备3309号\"\n"
                         "postcode = \"3160\"\nemail = \"jw.example.gov.cn\"\nphone = \"打电话\"\nfax = \"1\"\n");
    CHECK_FALSE(config.has_value());
    const std::string report = f.report();
    INFO(report);
    CHECK(f.diags.error_count() == 6);
    CHECK(report.find("content/site.toml:4:13: 错误: 网站标识码“330902001”格式不对：应为 10 位数字") != std::string::npos);
    CHECK(report.find("content/site.toml:5:8: 错误: ICP备案编号“浙ICP05004869号”格式不对") != std::string::npos);
    CHECK(report.find("icp = \"豫ICP备05024460号-1\"") != std::string::npos);
    CHECK(report.find("content/site.toml:6:17: 错误: 公安机关备案号“浙公网安备3309号”格式不对") != std::string::npos);
    CHECK(report.find("content/site.toml:7:12: 错误: 邮编“3160”应为 6 位数字") != std::string::npos);
    CHECK(report.find("content/site.toml:8:9: 错误: 电子邮箱“jw.example.gov.cn”格式不对") != std::string::npos);
    CHECK(report.find("content/site.toml:9:9: 错误: 联系电话“打电话”格式不对") != std::string::npos);
    CHECK(report.find("content/site.toml:10:7: 警告: 未知字段“fax”") != std::string::npos);  // fax: unknown key
}

TEST_CASE("identity: [identity] that is not a table is an error") {
    SiteToml f;
    auto config = f.load("identity = \"示例区\"\n");
    CHECK_FALSE(config.has_value());
    INFO(f.report());
    CHECK(f.report().find("content/site.toml:3:12: 错误: [identity] 应当是一个表") != std::string::npos);
}

TEST_CASE("identity: messages in English for an English site") {
    SiteToml f;
    auto config = f.load("language = \"en\"\n[identity]\nsite_code = \"12\"\n");
    CHECK_FALSE(config.has_value());
    const std::string report = bulletin::format_diagnostics(f.diags, "en");
    INFO(report);
    CHECK(report.find("content/site.toml:5:13: error: the site code \"12\" should be 10 digits") != std::string::npos);
}
