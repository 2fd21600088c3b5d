// The tolerant reader (import_outline.h), for paragraphs whose first
// sentence is a short title, or that close with (牵头单位：…).
#include <algorithm>

#include "import_outline.h"
#include "messages.h"
#include "text.h"

namespace bulletin::outline {

bool OutlineReader::titled_paragraph(const Token& t) {
    if (t.info.kind != LineKind::text) return false;
    if (auto m = find_lead(t.text); m && m->parenthesised && m->end == t.text.size()) return true;
    const std::size_t stop = t.text.find("。");
    if (stop == std::string::npos || stop + std::string_view("。").size() >= t.text.size()) return false;
    const std::string_view first = std::string_view(t.text).substr(0, stop);
    return utf8_length(first) <= 30 && !has_digit(first) && !starts_with_any(first, {"“", "\""});
}

bool OutlineReader::read_paragraphs() {
    const auto titled = std::count_if(t_.begin(), t_.end(), titled_paragraph);
    if (titled < 2) return false;
    for (const Token& tok : t_) {
        if (!titled_paragraph(tok)) {
            if (b_.projects.empty()) {
                b_.preamble.push_back(tok.text);
            } else {
                last_numbered_ = false;
                add_outcome(b_.projects.back(), tok.text, tok.line, false);
            }
            continue;
        }
        ImportedProject p;
        p.number = static_cast<int>(b_.projects.size()) + 1;
        p.line = tok.line;
        b_.projects.push_back(std::move(p));
        last_numbered_ = false;
        std::string text = tok.text;
        std::vector<std::string> leads;
        if (auto m = find_lead(text); m && m->parenthesised && m->end == text.size()) {
            leads = split_departments(m->value);
            text = std::string(trim_text(std::string_view(text).substr(0, m->start)));
        }
        ImportedProject& cur = b_.projects.back();
        cur.departments = std::move(leads);
        const std::size_t stop = text.find("。");
        if (stop == std::string::npos) {
            cur.title = std::string(strip_sentence_end(text));
        } else {
            cur.title = text.substr(0, stop);
            add_outcome(cur, std::string(trim_text(std::string_view(text).substr(stop + std::string_view("。").size()))),
                        tok.line, false);
        }
        cur.guesses.push_back({tok.line, say(lang_, Msg::import_g_paragraph)});
    }
    return true;
}

}  // namespace bulletin::outline
