#include "markdown.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "text.h"

namespace bulletin {
namespace {

// cmark-gfm keeps its extensions in a process-wide registry: fill it once.
// cmark-gfm marks the extensions' inline characters (~ for strikethrough, :
// and w for autolinks) in one process-wide table while a parser parses
// inlines, and unmarks them after, so two parsers on two threads take them
// away from each other (github/cmark-gfm#176). The autolink characters are
// marked once here and taken off the extension's list, so they stay marked.
// Strikethrough's ~ cannot be: cmark-gfm finds the extension that closes a
// ~~ pair by that list. So a text with a ~ is parsed with strikethrough, one
// at a time; every other text without it (nothing to strike), in parallel.
void ensure_extensions_registered() {
    static std::once_flag once;
    std::call_once(once, [] {
        cmark_gfm_core_extensions_ensure_registered();
        cmark_syntax_extension* autolink = cmark_find_syntax_extension("autolink");
        cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
        cmark_parser_attach_syntax_extension(parser, autolink);
        cmark_manage_extensions_special_characters(parser, 1);
        cmark_syntax_extension_set_special_inline_chars(autolink, nullptr);
        cmark_parser_free(parser);
    });
}

struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

std::string_view trim_left(std::string_view s) {
    while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
    return s;
}

bool is_script_url(std::string_view url) {
    url = trim_left(url);
    return starts_with_ci(url, "javascript:") || starts_with_ci(url, "vbscript:") ||
           starts_with_ci(url, "file:") || starts_with_ci(url, "data:");
}

bool is_external(std::string_view url) {
    url = trim_left(url);
    return starts_with_ci(url, "http:") || starts_with_ci(url, "https:") || starts_with_ci(url, "//") ||
           (url.find(':') != std::string_view::npos && url.find(':') < url.find('/'));
}

cmark_node* text_node(const char* literal) {
    cmark_node* t = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(t, literal ? literal : "");
    return t;
}

void unwrap(cmark_node* node) {
    while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
    cmark_node_free(node);
}

// GFM autolinks end at white space, which Chinese text has none of: in
// "www.example.gov.cn。详见" the link would swallow "。详见". An autolink (its
// text is its address) is cut at the first non-ASCII character; the rest
// goes back into the text after it.
void trim_autolink(cmark_node* link) {
    cmark_node* child = cmark_node_first_child(link);
    if (!child || cmark_node_next(child) || cmark_node_get_type(child) != CMARK_NODE_TEXT) return;
    const std::string text = cmark_node_get_literal(child) ? cmark_node_get_literal(child) : "";
    const std::string url = cmark_node_get_url(link) ? cmark_node_get_url(link) : "";
    if (url.size() < text.size() || url.compare(url.size() - text.size(), text.size(), text) != 0) return;
    const auto cut = std::find_if(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (cut == text.end() || cut == text.begin()) return;
    const std::size_t keep = static_cast<std::size_t>(cut - text.begin());
    const std::string scheme = url.substr(0, url.size() - text.size());  // "http://" added for www. links
    cmark_node_set_url(link, (scheme + text.substr(0, keep)).c_str());
    cmark_node_set_literal(child, text.substr(0, keep).c_str());
    cmark_node_insert_after(link, text_node(text.substr(keep).c_str()));
}

// Rewrites the tree so that what the HTML renderer sees is safe by construction.
void sanitise(cmark_node* doc) {
    std::vector<cmark_node*> nodes;
    cmark_iter* it = cmark_iter_new(doc);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        if (ev == CMARK_EVENT_ENTER) nodes.push_back(cmark_iter_get_node(it));
    }
    cmark_iter_free(it);
    // Children before parents, so a node is never freed before its descendants are handled.
    for (auto i = nodes.rbegin(); i != nodes.rend(); ++i) {
        cmark_node* n = *i;
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_HTML_INLINE:
                cmark_node_replace(n, text_node(cmark_node_get_literal(n)));
                cmark_node_free(n);
                break;
            case CMARK_NODE_HTML_BLOCK: {
                std::string literal = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
                while (!literal.empty() && literal.back() == '\n') literal.pop_back();
                cmark_node* para = cmark_node_new(CMARK_NODE_PARAGRAPH);
                cmark_node_append_child(para, text_node(literal.c_str()));
                cmark_node_replace(n, para);
                cmark_node_free(n);
                break;
            }
            case CMARK_NODE_LINK:
                if (is_script_url(cmark_node_get_url(n) ? cmark_node_get_url(n) : "")) {
                    unwrap(n);
                } else {
                    trim_autolink(n);
                }
                break;
            case CMARK_NODE_IMAGE: {
                const char* url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
                // The inline image types cmark-gfm renders; anything else data: would
                // otherwise become a data: link below.
                const bool inline_image = starts_with_ci(trim_left(url), "data:image/png") ||
                                          starts_with_ci(trim_left(url), "data:image/gif") ||
                                          starts_with_ci(trim_left(url), "data:image/jpeg") ||
                                          starts_with_ci(trim_left(url), "data:image/webp");
                if (is_script_url(url) && !inline_image) {
                    unwrap(n);
                } else if (!inline_image && is_external(url)) {
                    cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
                    cmark_node_set_url(link, url);
                    while (cmark_node* child = cmark_node_first_child(n)) cmark_node_append_child(link, child);
                    if (!cmark_node_first_child(link)) cmark_node_append_child(link, text_node(url));
                    cmark_node_replace(n, link);
                    cmark_node_free(n);
                }
                break;
            }
            case CMARK_NODE_HEADING: {
                const int level = cmark_node_get_heading_level(n) + 2;
                cmark_node_set_heading_level(n, level > 6 ? 6 : level);
                break;
            }
            default:
                break;
        }
    }
}

void collect_text(cmark_node* node, std::string& out) {
    cmark_iter* it = cmark_iter_new(node);
    int struck = 0;  // text struck through is no longer what the bulletin says
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node* n = cmark_iter_get_node(it);
        const auto type = cmark_node_get_type(n);
        if (cmark_node_get_type_string(n) == std::string_view("strikethrough")) {
            struck += ev == CMARK_EVENT_ENTER ? 1 : -1;
            continue;
        }
        if (struck > 0) continue;
        if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE ||
                                        type == CMARK_NODE_CODE_BLOCK)) {
            if (const char* lit = cmark_node_get_literal(n)) out += lit;
        } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
            out += ' ';
        } else if (ev == CMARK_EVENT_EXIT && (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
                                              type == CMARK_NODE_ITEM)) {
            out += '\n';
        } else if (ev == CMARK_EVENT_EXIT && cmark_node_get_type_string(n) == std::string_view("table_cell")) {
            out += ' ';
        }
    }
    cmark_iter_free(it);
}

cmark_node* first_paragraph(cmark_node* doc) {
    cmark_iter* it = cmark_iter_new(doc);
    cmark_node* found = nullptr;
    for (cmark_event_type ev; !found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node* n = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) found = n;
    }
    cmark_iter_free(it);
    return found;
}

}  // namespace

MarkdownResult render_markdown(std::string_view markdown) {
    ensure_extensions_registered();
    const int options = CMARK_OPT_DEFAULT;  // safe: unsafe URLs never reach an href
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(options));
    const bool strike = markdown.find('~') != std::string_view::npos;
    for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
        if (strike || std::string_view(name) != "strikethrough") {
            cmark_parser_attach_syntax_extension(parser.get(), cmark_find_syntax_extension(name));
        }
    }
    std::unique_ptr<cmark_node, NodeDeleter> doc;
    {
        static std::mutex strike_mutex;  // see ensure_extensions_registered()
        std::unique_lock lock(strike_mutex, std::defer_lock);
        if (strike) lock.lock();
        cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
        doc.reset(cmark_parser_finish(parser.get()));
    }
    sanitise(doc.get());

    MarkdownResult result;
    char* html = cmark_render_html(doc.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
    result.html = html;
    std::free(html);
    std::string text;
    collect_text(doc.get(), text);
    result.text = collapse_whitespace(text);
    if (cmark_node* p = first_paragraph(doc.get())) {
        std::string para;
        collect_text(p, para);
        result.first_paragraph = collapse_whitespace(para);
    }
    return result;
}

}  // namespace bulletin
