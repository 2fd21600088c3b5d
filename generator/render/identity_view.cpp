#include "identity_view.h"

namespace bulletin {

View identity_view(const Identity& id) {
    View v;
    auto put = [&v](const char* key, const std::string& value) {
        if (!value.empty()) v.set(key, View::borrow(value));
    };
    put("organizer", id.organizer);
    put("operator", id.operator_name);
    put("phone", id.phone);
    put("address", id.address);
    put("postcode", id.postcode);
    put("email", id.email);
    put("site_code", id.site_code);
    put("icp", id.icp);
    put("police_record", id.police_record);
    if (!id.email.empty()) v.set("email_url", "mailto:" + id.email);
    if (!id.icp.empty()) v.set("icp_url", std::string(icp_filing_url));
    if (!id.police_record.empty()) v.set("police_url", police_record_url(id.police_record));
    v.set("has_contact", !(id.phone.empty() && id.address.empty() && id.postcode.empty() && id.email.empty()));
    v.set("has_owner", !(id.organizer.empty() && id.operator_name.empty()));
    v.set("has_records", !(id.site_code.empty() && id.icp.empty() && id.police_record.empty()));
    return v;
}

std::string page_error_report_url(const Identity& identity, const std::string& page_url) {
    return identity.site_code.empty() ? std::string() : error_report_url(identity.site_code, page_url);
}

}  // namespace bulletin
