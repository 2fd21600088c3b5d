#pragma once
// Machine-read views of the site: Atom feed, sitemap and open data.
#include <string>

#include "model.h"
#include "output.h"
#include "theme.h"

namespace bulletin {

/// Atom 1.0: one entry per project (newest edition first) and one per
/// correction, dated from content. Absolute URLs from base_url.
std::string render_atom(const Site& site, const Theme& theme);

/// sitemaps.org 0.9: every HTML page, absolute URLs, lastmod from content dates.
std::string render_sitemap(const Site& site);

/// `data/<edition>.json` and `data/<edition>.csv` for every edition. The CSV
/// has a UTF-8 BOM and CRLF line ends so Excel opens the Chinese intact.
/// `skip` (per edition, may be empty): editions whose files are not made.
OutputFiles render_open_data(const Site& site, const Theme& theme, const std::vector<bool>& skip = {});

}  // namespace bulletin
