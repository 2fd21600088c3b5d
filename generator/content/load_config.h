#pragma once
// site.toml and departments.toml.
#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "model.h"

namespace bulletin {

/// Reads site.toml. `shown` is the path used in messages. Language problems
/// are reported in the default language, everything after in the site's.
std::optional<SiteConfig> load_site_config(const std::string& file, const std::string& shown, Diagnostics& diags);

/// The language site.toml in `content_dir` names, for messages, even when
/// the file has other mistakes (its `language = "…"` line is looked for
/// then); the default language (zh-CN) when there is none.
std::string site_language(const std::string& content_dir);

/// Reads departments.toml: every [[department]] with a unique slug and name.
std::vector<Department> load_departments(const std::string& file, const std::string& shown,
                                         const std::string& language, Diagnostics& diags);

/// True for an absolute http(s) URL ending in '/', as base_url must be.
bool is_base_url(const std::string& url);

/// True for a language tag such as zh-CN, zh-Hant-TW or en.
bool is_language_tag(const std::string& tag);

}  // namespace bulletin
