#pragma once
// The site's identity ([identity] of site.toml) as the foot of every page reads it.
#include <string>

#include "model.h"
#include "theme.h"

namespace bulletin {

/// organizer, operator, phone, address, postcode, email, site_code, icp
/// (with icp_url) and police_record (with police_url): only the keys that
/// are set, so `{{#icp}}…{{/icp}}` shows nothing for a missing one.
View identity_view(const Identity& identity);

/// The error-report link of the page at `page_url`, or "" when the site has no site_code.
std::string page_error_report_url(const Identity& identity, const std::string& page_url);

}  // namespace bulletin
