#include "identity.h"

#include <regex>

#include <fmt/format.h>

#include "fields.h"
#include "messages.h"
#include "text.h"

namespace bulletin {
namespace {

// The provinces' one-character abbreviations that begin filing numbers.
#define BULLETIN_PROVINCES "(京|津|沪|渝|冀|豫|云|辽|黑|湘|皖|鲁|新|苏|浙|赣|鄂|桂|甘|晋|蒙|陕|吉|闽|贵|粤|青|藏|川|宁|琼)"

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool matches(std::string_view s, const std::regex& re) { return std::regex_match(s.begin(), s.end(), re); }

}  // namespace

bool Identity::empty() const {
    return organizer.empty() && operator_name.empty() && phone.empty() && address.empty() && postcode.empty() &&
           email.empty() && site_code.empty() && icp.empty() && police_record.empty();
}

bool is_site_code(std::string_view code) {
    static const std::regex re("^([0-9]{10}|bm[0-9]{8})$");
    return matches(code, re);
}

bool is_icp_number(std::string_view icp) {
    static const std::regex re("^" BULLETIN_PROVINCES "ICP备[0-9]{6,12}号(-[0-9]{1,3})?$");
    return matches(icp, re);
}

bool is_police_record(std::string_view record) {
    static const std::regex re("^" BULLETIN_PROVINCES "公网安备 ?[0-9]{14}号$");
    return matches(record, re);
}

bool is_postcode(std::string_view code) {
    static const std::regex re("^[0-9]{6}$");
    return matches(code, re);
}

bool is_phone(std::string_view phone) {
    static const std::regex re("^(?:[0-9+ -]|\\(|\\)|（|）|、)+$");
    int digits = 0;
    for (char c : phone) digits += c >= '0' && c <= '9';
    return digits >= 5 && matches(phone, re);
}

bool is_email(std::string_view email) {
    static const std::regex re("^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$");
    return matches(email, re);
}

std::string police_record_code(std::string_view record) {
    std::string digits;
    for (char c : record) {
        if (c >= '0' && c <= '9') digits += c;
    }
    return digits;
}

std::string police_record_url(std::string_view record) {
    return "https://beian.mps.gov.cn/#/query/webSearch?code=" + police_record_code(record);
}

std::string error_report_url(std::string_view site_code, std::string_view page_url) {
    std::string encoded;
    for (unsigned char c : page_url) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            encoded += static_cast<char>(c);
        } else {
            encoded += fmt::format("%{:02X}", c);
        }
    }
    return fmt::format("https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={}&url={}", site_code, encoded);
}

Identity read_identity(const toml::table& table, const SourceFile& source, const std::string& language,
                       Diagnostics& diags) {
    Identity id;
    const toml::node* node = table.get("identity");
    if (!node) return id;
    FieldReader top(table, source, 1, diags, language, {source.path, 1, 1});
    const toml::table* sub = node->as_table();
    if (!sub) {
        const SourceLoc loc = top.loc_of("identity");
        diags.error(loc, std::string(text(Msg::identity_not_a_table, language)),
                    std::string(text(Msg::identity_not_a_table_hint, language)), line_text(source.text, loc.line));
        return id;
    }
    FieldReader f(*sub, source, 1, diags, language, top.loc_of("identity"));
    auto checked = [&](const char* key, const char* example, bool (*valid)(std::string_view), Msg message,
                       Msg hint) -> std::string {
        auto value = f.text(key, false, example);
        if (!value || value->empty()) return {};
        std::string v = trim(*value);
        if (valid && !valid(v)) {
            const SourceLoc loc = f.loc_of(key);
            diags.error(loc, say(language, message, v), std::string(text(hint, language)), line_text(source.text, loc.line));
            return {};
        }
        return v;
    };
    constexpr Msg none = Msg::identity_not_a_table;  // never said: these keys take any text
    id.organizer = checked("organizer", "organizer = \"舟山市定海区纪委区监委\"", nullptr, none, none);
    id.operator_name = checked("operator", "operator = \"舟山市定海区纪委区监委办公室\"", nullptr, none, none);
    id.address = checked("address", "address = \"舟山市定海区……\"", nullptr, none, none);
    id.phone = checked("phone", "phone = \"0580-2022000\"", is_phone, Msg::identity_bad_phone, Msg::identity_bad_phone_hint);
    id.postcode = checked("postcode", "postcode = \"316000\"", is_postcode, Msg::identity_bad_postcode, Msg::identity_bad_postcode_hint);
    id.email = checked("email", "email = \"jw@example.gov.cn\"", is_email, Msg::identity_bad_email, Msg::identity_bad_email_hint);
    id.site_code = checked("site_code", "site_code = \"4100000001\"", is_site_code, Msg::identity_bad_site_code, Msg::identity_bad_site_code_hint);
    id.icp = checked("icp", "icp = \"豫ICP备05024460号-1\"", is_icp_number, Msg::identity_bad_icp, Msg::identity_bad_icp_hint);
    id.police_record = checked("police_record", "police_record = \"京公网安备11010802044671号\"", is_police_record,
                               Msg::identity_bad_police, Msg::identity_bad_police_hint);
    f.warn_unknown({"organizer", "operator", "phone", "address", "postcode", "email", "site_code", "icp", "police_record"});
    return id;
}

}  // namespace bulletin
