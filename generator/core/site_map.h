#pragma once
// The site map: every address the generator writes, and the kind of page at
// each. Pages, feeds, open data, the search index, the manifest's groups and
// the loader's reserved names all ask here, so adding an output means adding
// it here first. Addresses are relative to the site root; a folder's address
// ends in '/', and its page is that folder's index.html.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bulletin::site_map {

/// The kinds of HTML page, in the order the sitemap lists them.
enum class PageKind { home, edition, project, departments, department, archive, search };

// Pages of the site itself, once per site.
inline constexpr std::string_view home = "";
inline constexpr std::string_view departments = "departments/";
inline constexpr std::string_view archive = "archive/";
inline constexpr std::string_view search = "search/";

/// What the site map says of a kind of page (page_kinds()).
struct PageKindInfo {
    PageKind kind;
    std::string_view name;     ///< its template: themes/<theme>/templates/<name>.html
    bool once;                 ///< one page per site, at `address`; otherwise one per edition, project or department
    std::string_view address;  ///< of the page the site has once ("" is the home page)
    bool in_sitemap;           ///< listed in sitemap.xml (the search page has nothing of its own to index)
};
/// Every kind of page, in PageKind's order. The names of the kinds a site has
/// once are reserved (reserved_names()); render_pages() renders each kind and
/// render_sitemap() lists those in_sitemap (render/pages.h: site_pages()).
std::span<const PageKindInfo> page_kinds();
const PageKindInfo& page_kind(PageKind kind);

// Files of the site itself.
inline constexpr std::string_view assets_dir = "assets/";      ///< the theme's assets
inline constexpr std::string_view data_dir = "data/";          ///< open data, data/<edition>.json and .csv
inline constexpr std::string_view files_dir = "files/";        ///< attachments pages link to, from content/files/
inline constexpr std::string_view feed = "feed.xml";           ///< Atom
inline constexpr std::string_view sitemap = "sitemap.xml";     ///< the sitemap, or the index of its parts
inline constexpr std::string_view manifest = "manifest.json";  ///< hashes of every file, by group
inline constexpr std::string_view search_manifest = "search-index.json";
inline constexpr std::string_view search_dir = "search-index/";  ///< t2s/, p/, d/, py/ and w/ below it
inline constexpr std::string_view search_t2s_dir = "search-index/t2s/";
inline constexpr std::string_view search_postings_dir = "search-index/p/";
inline constexpr std::string_view search_docs_dir = "search-index/d/";
inline constexpr std::string_view search_pinyin_dir = "search-index/py/";  ///< readings of ideographs
inline constexpr std::string_view search_words_dir = "search-index/w/";    ///< the site's vocabulary

/// sitemaps.org: at most this many URLs in one sitemap file.
inline constexpr std::size_t sitemap_max_urls = 50000;
/// The n-th part (from 1) of a sitemap split into an index and parts: "sitemap-1.xml".
std::string sitemap_part(std::size_t n);

// Addresses made from content.
std::string edition(std::string_view edition_id);                                ///< "2022/"
std::string project(std::string_view edition_id, std::string_view slug);        ///< "2022/ev-charging/"
std::string department(std::string_view slug);                                  ///< "departments/fagai/"
std::string data_json(std::string_view edition_id);                             ///< "data/2022.json"
std::string data_csv(std::string_view edition_id);                              ///< "data/2022.csv"
/// The file holding a page: its folder's index.html.
std::string page_file(std::string_view dir);

/// The first path segment of every address the site itself writes at its
/// root ("archive", "search-index", "feed.xml"…): no edition may take one.
const std::vector<std::string>& reserved_names();
bool is_reserved(std::string_view name);

/// Whether an edition's id (its folder name) can be used, and if not, why.
/// One rule for the loader and `bulletin import --edition`: a slug (a-z, 0-9,
/// single hyphens inside) that is not a reserved name.
enum class EditionId { ok, reserved, bad_slug };
EditionId check_edition_id(std::string_view id);

/// The group of the manifest a site path belongs to: an edition's id when the
/// path is the edition's ("2022/…", "data/2022.json", "data/2022.csv"), else "site".
const std::string& manifest_group(const std::string& path, const std::vector<std::string>& edition_ids);

}  // namespace bulletin::site_map
