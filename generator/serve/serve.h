#pragma once
// `bulletin serve`: the site built in memory and served on the loopback
// interface while an editor writes. Saved files are rebuilt at once (only the
// pages they affect) and open pages reload themselves: a small script,
// /_serve/reload.js, that only this server adds to pages, listens to
// Server-Sent Events at /_serve/events. Errors in the content are shown on
// every page, above the last good site. Nothing is written to disk.
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "build.h"
#include "diagnostics.h"
#include "watch.h"

namespace bulletin::serve {

struct ServeOptions {
    BuildOptions build;  ///< content_dir, themes_dir and base_url are used
    std::string bind = "127.0.0.1";
    int port = 8080;  ///< 0: any free port (the address is printed)
};

/// Serves until SIGINT or SIGTERM. Returns the exit status: 0 after Ctrl-C,
/// 2 when the content folder is missing or the port cannot be had.
int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

/// The site path a request path names: "/" → "index.html", "/2022/" →
/// "2022/index.html", "/feed.xml" → "feed.xml"; "" for a path that climbs
/// out ("..") or is not a plain path.
std::string site_path(std::string_view url_path);

/// A page as `serve` sends it: the reload script and the preview stylesheet
/// linked in its head, the page's generation in a meta tag, and the
/// diagnostics (when there are any) at the top of its body.
std::string preview_page(std::string_view html, std::uint64_t generation, const Diagnostics& diags,
                         const std::string& language);

/// A whole page holding only the diagnostics, for when no good site exists yet.
std::string error_page(std::uint64_t generation, const Diagnostics& diags, const std::string& language);

/// What serve says about folders it could not watch: one line per folder
/// (its saves go unseen) and the hint for the first cause, in `language`.
std::string watch_failures_text(const std::vector<Watcher::Failure>& failures, const std::string& language);

/// The files under /_serve/: reload.js and serve.css (nullptr for another name).
const std::string* serve_asset(std::string_view name);

}  // namespace bulletin::serve
