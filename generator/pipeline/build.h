#pragma once
// The build: load → validate (every error) → render pages, feeds, data and
// the search index → publish atomically. The one place the stages meet.
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "diagnostics.h"
#include "publish.h"

namespace bulletin {

struct BuildOptions {
    std::string content_dir = "content";
    std::string out_dir = "public";
    bool drafts = false;
    bool offline = false;                 ///< links end in index.html; search works from file://
    bool gzip = false;                    ///< also write .gz twins of text files of 1 KB and more
    bool strict = false;                  ///< warnings count as errors (for a site's own CI)
    std::optional<std::string> base_url;  ///< overrides site.toml
    std::string themes_dir;               ///< empty: next to the content folder, then the built-in themes
};

/// Exit codes, as documented in the README.
enum ExitCode { exit_ok = 0, exit_content_error = 1, exit_usage_error = 2 };

/// The theme folder named `name`: under --themes, beside the content folder,
/// in the working folder, then the built-in themes (the first that has templates).
std::filesystem::path find_theme(const BuildOptions& options, const std::string& name);

/// A site's own templates: the `layouts/` folder beside its content folder.
std::filesystem::path layouts_dir(const BuildOptions& options);

/// Builds the site and publishes it. Diagnostics go to `err`, the one-line
/// summary to `out`. Content errors leave the output folder exactly as it was.
int run_build(const BuildOptions& options, std::ostream& out, std::ostream& err);

/// Validates the content (and the theme) without writing anything.
int run_check(const BuildOptions& options, std::ostream& out, std::ostream& err);

}  // namespace bulletin
