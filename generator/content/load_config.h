#pragma once
// site.toml and departments.toml.
#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "fields.h"
#include "front_matter.h"
#include "model.h"

namespace bulletin {

/// Reads site.toml. `shown` is the path used in messages. Language problems
/// are reported in the default language, everything after in the site's.
std::optional<SiteConfig> load_site_config(const std::string& file, const std::string& shown, Diagnostics& diags);

/// One [[department]] entry of departments.toml as written: a field that is
/// missing or not text is empty.
struct DepartmentEntry {
    Department department;
    bool has_slug = false, has_name = false;
    SourceLoc slug_loc, name_loc;
};

/// The one reader of departments.toml's layout: every [[department]] entry of
/// its parsed `table`, each field's type checked and every unknown key warned
/// about in `diags`, the entries not yet checked against each other.
/// load_departments() checks them; `bulletin import`, which only adds entries
/// to the file, takes them as they are and leaves their mistakes to `check`.
std::vector<DepartmentEntry> read_department_entries(const toml::table& table, const SourceFile& file,
                                                     const std::string& language, Diagnostics& diags);

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
