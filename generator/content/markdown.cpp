#include "markdown.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <limits>
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

// cmark-gfm allocates every node, inline and buffer of a document on its own
// (about a hundred calls for one page) and frees them one by one at the end.
// A document lives only while render_markdown runs, so its memory comes from
// an arena of this thread instead, emptied in one step when the page is done;
// its blocks are kept for the thread's next page.
class DocumentArena {
public:
    void* allocate(std::size_t size) {
        const std::size_t need = kHeader + round_up(size);
        while (current_ < blocks_.size() && blocks_[current_].size - blocks_[current_].used < need) ++current_;
        if (current_ == blocks_.size()) {
            const std::size_t block_size = std::max(kBlockSize, need);
            blocks_.push_back({std::make_unique_for_overwrite<unsigned char[]>(block_size), block_size, 0});
        }
        Block& b = blocks_[current_];
        unsigned char* p = b.data.get() + b.used + kHeader;
        b.used += need;
        size_of(p) = round_up(size);
        last_ = p;
        return p;
    }

    void* reallocate(void* ptr, std::size_t size) {
        if (!ptr) return allocate(size);
        auto* p = static_cast<unsigned char*>(ptr);
        const std::size_t old = size_of(p);
        if (size <= old) return p;
        // A growing buffer is most often the newest allocation: it grows in place.
        Block& b = blocks_[current_];
        if (p == last_ && b.size - b.used >= round_up(size) - old) {
            b.used += round_up(size) - old;
            size_of(p) = round_up(size);
            return p;
        }
        void* moved = allocate(size);
        std::memcpy(moved, p, old);
        return moved;
    }

    void reset() {
        for (Block& b : blocks_) b.used = 0;
        current_ = 0;
        last_ = nullptr;
    }

private:
    // Each allocation is preceded by its size (for realloc) and stays aligned
    // like malloc's.
    static constexpr std::size_t kHeader = alignof(std::max_align_t);
    static constexpr std::size_t kBlockSize = 64 * 1024;
    static std::size_t round_up(std::size_t n) { return (n + kHeader - 1) / kHeader * kHeader; }
    static std::size_t& size_of(unsigned char* p) { return *reinterpret_cast<std::size_t*>(p - kHeader); }

    struct Block {
        std::unique_ptr<unsigned char[]> data;
        std::size_t size;
        std::size_t used;
    };
    std::vector<Block> blocks_;
    std::size_t current_ = 0;
    unsigned char* last_ = nullptr;
};

thread_local DocumentArena arena;

// cmark-gfm calls these from C and aborts when memory runs out; so do they
// (noexcept: an exception cannot pass through C).
void* arena_calloc(std::size_t count, std::size_t size) noexcept {
    if (size != 0 && count > std::numeric_limits<std::size_t>::max() / size) std::abort();
    void* p = arena.allocate(count * size);
    std::memset(p, 0, count * size);  // blocks are reused, so not zero already
    return p;
}
void* arena_realloc(void* p, std::size_t size) noexcept { return arena.reallocate(p, size); }
void arena_free(void*) noexcept {}  // everything goes at once in DocumentArena::reset()

cmark_mem arena_mem = {arena_calloc, arena_realloc, arena_free};

// Empties the arena when a page is done; nothing of cmark-gfm's may be used after.
struct ArenaReset {
    ~ArenaReset() { arena.reset(); }
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

// Nodes added to a tree take their memory from the arena, as the parser's own do.
cmark_node* new_node(cmark_node_type type) { return cmark_node_new_with_mem(type, &arena_mem); }

cmark_node* text_node(const char* literal) {
    cmark_node* t = new_node(CMARK_NODE_TEXT);
    cmark_node_set_literal(t, literal ? literal : "");
    return t;
}

void unwrap(cmark_node* node) {
    while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
    cmark_node_free(node);
}

// What a resolved address is written as until the HTML is made; an editor's
// own link with this scheme is dropped like a script link.
constexpr std::string_view kSiteScheme = "bulletin-site:";

bool is_local(std::string_view url) {
    url = trim_left(url);
    return !url.empty() && url.front() != '#' && !is_external(url) && !is_script_url(url);
}

// Passes a local link or image through the resolver: its address becomes the
// resolved one, or the link goes (its text stays) when there is none.
void resolve_local(cmark_node* n, const LinkResolver& resolve) {
    const char* url = cmark_node_get_url(n);
    if (!resolve || !url || !is_local(url)) return;
    const LocalLink link{url, cmark_node_get_type(n) == CMARK_NODE_IMAGE, cmark_node_get_start_line(n),
                         cmark_node_get_start_column(n)};
    if (auto target = resolve(link)) {
        cmark_node_set_url(n, (std::string(kSiteScheme) + *target).c_str());
    } else {
        unwrap(n);
    }
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
void sanitise(cmark_node* doc, const LinkResolver& resolve) {
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
                cmark_node* para = new_node(CMARK_NODE_PARAGRAPH);
                cmark_node_append_child(para, text_node(literal.c_str()));
                cmark_node_replace(n, para);
                cmark_node_free(n);
                break;
            }
            case CMARK_NODE_LINK: {
                const std::string_view url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
                if (is_script_url(url) || starts_with_ci(trim_left(url), kSiteScheme)) {
                    unwrap(n);
                } else if (is_local(url)) {
                    resolve_local(n, resolve);
                } else {
                    trim_autolink(n);
                }
                break;
            }
            case CMARK_NODE_IMAGE: {
                const char* url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
                // The inline image types cmark-gfm renders; anything else data: would
                // otherwise become a data: link below.
                const bool inline_image = starts_with_ci(trim_left(url), "data:image/png") ||
                                          starts_with_ci(trim_left(url), "data:image/gif") ||
                                          starts_with_ci(trim_left(url), "data:image/jpeg") ||
                                          starts_with_ci(trim_left(url), "data:image/webp");
                if ((is_script_url(url) && !inline_image) || starts_with_ci(trim_left(url), kSiteScheme)) {
                    unwrap(n);
                } else if (is_local(url)) {
                    resolve_local(n, resolve);
                } else if (!inline_image && is_external(url)) {
                    cmark_node* link = new_node(CMARK_NODE_LINK);
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

// The plain text of a document, and the part of it that is the first
// paragraph's (one walk serves both).
struct PlainText {
    std::string text;
    std::size_t first_begin = 0, first_end = 0;  // an empty span when there is no paragraph
};

PlainText collect_text(cmark_node* doc) {
    PlainText out;
    std::string& text = out.text;
    cmark_node* first = nullptr;
    cmark_iter* it = cmark_iter_new(doc);
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
            if (const char* lit = cmark_node_get_literal(n)) text += lit;
        } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
            text += ' ';
        } else if (ev == CMARK_EVENT_EXIT && (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
                                              type == CMARK_NODE_ITEM)) {
            text += '\n';
        } else if (ev == CMARK_EVENT_EXIT && cmark_node_get_type_string(n) == std::string_view("table_cell")) {
            text += ' ';
        }
        // Paragraphs are blocks, never inside struck-through text.
        if (type == CMARK_NODE_PARAGRAPH && ev == CMARK_EVENT_ENTER && !first) {
            first = n;
            out.first_begin = text.size();
        } else if (n == first && ev == CMARK_EVENT_EXIT) {
            out.first_end = text.size();
        }
    }
    cmark_iter_free(it);
    return out;
}

// The resolved addresses, marked for expand_local_links: the root mark before,
// the index mark after a page's closing slash (before any fragment).
std::string mark_local_links(std::string html) {
    std::string out;
    std::size_t pos = 0;
    for (std::size_t at; (at = html.find(kSiteScheme, pos)) != std::string::npos;) {
        const bool attribute = at >= 2 && html.compare(at - 2, 2, "=\"") == 0;
        out.append(html, pos, at - pos);
        pos = at + kSiteScheme.size();
        if (!attribute) {
            out.append(kSiteScheme);
            continue;
        }
        const std::size_t end = std::min(html.find('"', pos), html.size());
        const std::size_t fragment = std::min(html.find('#', pos), end);
        out += kRootMark;
        out.append(html, pos, fragment - pos);
        if (fragment > pos && html[fragment - 1] == '/') out += kIndexMark;
        out.append(html, fragment, end - fragment);
        pos = end;
    }
    out.append(html, pos);
    return out;
}

}  // namespace

std::string expand_local_links(std::string html, std::string_view root, std::string_view index) {
    if (html.find(kRootMark) == std::string::npos && html.find(kIndexMark) == std::string::npos) return html;
    std::string out;
    out.reserve(html.size() + 256);
    for (char c : html) {
        if (c == kRootMark) {
            out.append(root);
        } else if (c == kIndexMark) {
            out.append(index);
        } else {
            out += c;
        }
    }
    return out;
}

namespace {
// The marks never come from an editor: they are control characters no text needs.
std::string without_marks(std::string_view markdown) {
    std::string s(markdown);
    for (std::size_t at; (at = s.find_first_of("\x1E\x1F")) != std::string::npos;) s.replace(at, 1, "\uFFFD");
    return s;
}
}  // namespace

MarkdownResult render_markdown(std::string_view markdown, const LinkResolver& resolve) {
    std::string cleaned;
    if (markdown.find_first_of("\x1E\x1F") != std::string_view::npos) {
        cleaned = without_marks(markdown);
        markdown = cleaned;
    }
    ensure_extensions_registered();
    const int options = CMARK_OPT_DEFAULT;  // safe: unsafe URLs never reach an href
    // Declared first, so the arena is emptied only after the last use of what
    // cmark-gfm made; the parser and the tree are in it and are never freed one
    // by one.
    ArenaReset reset_arena;
    cmark_parser* parser = cmark_parser_new_with_mem(options, &arena_mem);
    const bool strike = markdown.find('~') != std::string_view::npos;
    for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
        if (strike || std::string_view(name) != "strikethrough") {
            cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name));
        }
    }
    cmark_node* doc = nullptr;
    {
        static std::mutex strike_mutex;  // see ensure_extensions_registered()
        std::unique_lock lock(strike_mutex, std::defer_lock);
        if (strike) lock.lock();
        cmark_parser_feed(parser, markdown.data(), markdown.size());
        doc = cmark_parser_finish(parser);
    }
    sanitise(doc, resolve);

    MarkdownResult result;
    result.html = cmark_render_html_with_mem(doc, options, cmark_parser_get_syntax_extensions(parser), &arena_mem);
    if (resolve) result.html = mark_local_links(std::move(result.html));
    const PlainText plain = collect_text(doc);
    result.text = collapse_whitespace(plain.text);
    result.first_paragraph =
        collapse_whitespace(std::string_view(plain.text).substr(plain.first_begin, plain.first_end - plain.first_begin));
    return result;
}

}  // namespace bulletin
