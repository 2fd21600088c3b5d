#pragma once
// The search index: a pure function from the site's projects to index files.
#include <string>
#include <vector>

#include "output.h"

namespace bulletin::search {

/// One searchable project, as the model knows it.
struct Document {
    std::string url;              ///< site-relative page URL, e.g. "2022/ev-charging/"
    std::string title;            ///< project title
    std::string department;       ///< lead department as printed, e.g. "区发改局"
    std::string department_slug;  ///< e.g. "fagai"
    std::string edition;          ///< edition id (its folder name), e.g. "2022"
    std::string edition_title;    ///< e.g. "2022年"
    int number = 0;               ///< the project's number within its edition
    std::vector<std::string> tags;
    std::string text;             ///< plain text of the body, whitespace collapsed
};

struct IndexOptions {
    /// Also write the index as JavaScript files that assign it to a global,
    /// for a copy opened from disk (file://), where fetch() is blocked.
    bool offline = false;
};

/// Builds every file of the search index (paths relative to the site root,
/// e.g. "search-index.json"). Deterministic: the same documents give the same bytes.
OutputFiles build_index(const std::vector<Document>& docs, const IndexOptions& options);

}  // namespace bulletin::search
