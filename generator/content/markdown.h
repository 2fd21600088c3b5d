#pragma once
// Markdown through cmark-gfm, made safe for readers: the only module that
// touches cmark-gfm.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace bulletin {

struct MarkdownResult {
    std::string html;             ///< HTML with no raw HTML and no script links
    std::string text;             ///< plain text, whitespace collapsed (for search and summaries)
    std::string first_paragraph;  ///< plain text of the first paragraph
};

/// A link or image to something on this site, as the Markdown wrote it
/// (not a web address, not a #fragment alone).
struct LocalLink {
    std::string url;
    bool image = false;
    int line = 0;    ///< in the Markdown, from 1
    int column = 0;  ///< in bytes, from 1
};

/// Where a local link points on the site, relative to its root
/// ("2022/ev-charging/photo.jpg", "2022/ev-charging/" for a page, a fragment
/// kept), or nullopt when it cannot be published (the resolver reports why;
/// the link's text stays).
using LinkResolver = std::function<std::optional<std::string>(const LocalLink&)>;

/// In HTML made with a resolver, the site root before each resolved address
/// is written as kRootMark, and an index page's "index.html" (offline copies)
/// as kIndexMark; expand_local_links puts in what a page at its depth needs.
inline constexpr char kRootMark = '\x1E';
inline constexpr char kIndexMark = '\x1F';
std::string expand_local_links(std::string html, std::string_view root, std::string_view index);

/// Renders GitHub-flavoured Markdown (tables, strikethrough, autolinks).
/// Raw HTML is shown as text, never passed through; links to javascript:,
/// vbscript:, file: or data: are dropped (their text stays); images from
/// other sites become plain links, so a page never loads anything from outside.
/// Headings move down two levels (# → h3) to sit under the page's own headings.
/// Thread-safe.
/// With `resolve`, every local link and image goes through it.
MarkdownResult render_markdown(std::string_view markdown, const LinkResolver& resolve = {});

}  // namespace bulletin
