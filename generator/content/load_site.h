#pragma once
// Reading the content folder into the model (model.h): every file checked,
// every problem reported, the site returned only when there is no error.
#include <optional>
#include <string>

#include "diagnostics.h"
#include "model.h"

namespace bulletin {

struct LoadOptions {
    bool drafts = false;                   ///< include projects marked draft
    std::optional<std::string> base_url;  ///< overrides site.toml's
};

/// Loads and validates a content tree. Every problem is reported in `diags`
/// (the loader keeps going); the site is returned only when there is no error.
/// `shown_root` is how the content folder is named in messages.
std::optional<Site> load_site(const std::string& content_dir, const LoadOptions& options, Diagnostics& diags);

}  // namespace bulletin
