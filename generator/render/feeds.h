#pragma once
// Machine-read views of the site: the Atom feed and the sitemap.
#include <string>

#include "model.h"
#include "output.h"
#include "site_map.h"
#include "theme.h"

namespace bulletin {

/// Atom 1.0: one entry per project (newest edition first) and one per
/// correction, dated from content. Absolute URLs from base_url.
std::string render_atom(const Site& site, const Theme& theme);

/// sitemaps.org 0.9: every HTML page, absolute URLs, lastmod from content
/// dates. Up to `max_urls` URLs (the protocol's 50,000) it is sitemap.xml
/// alone; past that, sitemap.xml is a sitemap index of sitemap-1.xml, -2…,
/// each of at most `max_urls` URLs. Returns sitemap.xml first.
OutputFiles render_sitemap(const Site& site, std::size_t max_urls = site_map::sitemap_max_urls);

}  // namespace bulletin
