#pragma once
// The site's identity as a government website must show it at the foot of
// every page: who runs it, how to reach them, and its registration numbers
// (the [identity] table of site.toml). Every key is optional; the formats of
// the numbers are checked, since a mistyped one would be published on every page.
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "diagnostics.h"
#include "front_matter.h"

namespace bulletin {

struct Identity {
    std::string organizer;      ///< 主办单位
    std::string operator_name;  ///< 承办单位
    std::string phone;          ///< 联系电话
    std::string address;        ///< 地址
    std::string postcode;       ///< 邮编, six digits
    std::string email;          ///< 电子邮箱
    std::string site_code;      ///< 网站标识码: ten digits, or bm and eight digits
    std::string icp;            ///< ICP备案编号, e.g. 浙ICP备05004869号-1
    std::string police_record;  ///< 公安机关备案号, e.g. 浙公网安备 33090202000101号

    bool empty() const;
};

/// Reads `[identity]` of site.toml (`table` is the whole file). Problems are
/// reported at their line and column, quoting the line, with a hint.
Identity read_identity(const toml::table& table, const SourceFile& source, const std::string& language,
                       Diagnostics& diags);

/// 网站标识码: ten digits (a region code and a number), or "bm" and eight
/// digits for a ministry's site.
bool is_site_code(std::string_view code);
/// 京ICP备05070218号, optionally with -N: a province abbreviation, ICP备, digits, 号.
bool is_icp_number(std::string_view icp);
/// 京公网安备 11010802044671号: a province abbreviation, 公网安备, 14 digits, 号.
bool is_police_record(std::string_view record);
bool is_postcode(std::string_view code);
bool is_phone(std::string_view phone);
bool is_email(std::string_view email);

/// The record's 14 digits ("" when there are none).
std::string police_record_code(std::string_view record);

/// Where the filing systems show a number.
inline constexpr std::string_view icp_filing_url = "https://beian.miit.gov.cn/";
std::string police_record_url(std::string_view record);
/// The government-website error-reporting service (政府网站找错) for one page:
/// https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=…&url=… (the page's address, percent-encoded).
std::string error_report_url(std::string_view site_code, std::string_view page_url);

}  // namespace bulletin
