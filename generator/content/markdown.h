#pragma once
// Markdown through cmark-gfm, made safe for readers: the only module that
// touches cmark-gfm.
#include <string>
#include <string_view>

namespace bulletin {

struct MarkdownResult {
    std::string html;             ///< HTML with no raw HTML and no script links
    std::string text;             ///< plain text, whitespace collapsed (for search and summaries)
    std::string first_paragraph;  ///< plain text of the first paragraph
};

/// Renders GitHub-flavoured Markdown (tables, strikethrough, autolinks).
/// Raw HTML is shown as text, never passed through; links to javascript:,
/// vbscript:, file: or data: are dropped (their text stays); images from
/// other sites become plain links, so a page never loads anything from outside.
/// Headings move down two levels (# → h3) to sit under the page's own headings.
/// Thread-safe.
MarkdownResult render_markdown(std::string_view markdown);

}  // namespace bulletin
