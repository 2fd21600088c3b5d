// The tolerant reader (import_outline.h): the title, the outline of marked
// items and labels, the end; the shared helpers; find_lead.
#include "import_outline.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "messages.h"
#include "text.h"

namespace bulletin {
namespace outline {

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(), [&](std::string_view p) { return s.starts_with(p); });
}

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> suffixes) {
    return std::any_of(suffixes.begin(), suffixes.end(), [&](std::string_view p) { return s.ends_with(p); });
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> parts) {
    return std::any_of(parts.begin(), parts.end(), [&](std::string_view p) { return s.find(p) != std::string_view::npos; });
}

/// A cell that names a unit (县水务局, 县代建中心, 县残联), not a date or a task.
bool names_a_unit(std::string_view s) {
    if (utf8_length(s) > 20 || contains_any(s, {"。", "，", ",", "；"})) return false;
    return ends_with_any(s, {"局", "委", "办", "中心", "院", "会", "部", "队", "所", "室", "站", "政府", "指挥部", "残联",
                             "街道", "镇", "乡", "公司", "组", "处", "馆", "团"});
}

bool has_digit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view strip_suffixes(std::string_view s, std::initializer_list<std::string_view> suffixes) {
    for (bool again = true; again;) {
        again = false;
        s = trim_text(s);
        for (std::string_view x : suffixes) {
            if (!x.empty() && s.ends_with(x)) {
                s.remove_suffix(x.size());
                again = true;
            }
        }
    }
    return s;
}

std::string_view strip_sentence_end(std::string_view s) { return strip_suffixes(s, {"。", "；", ";", "，", ","}); }

namespace {

constexpr std::string_view lead_words[] = {"牵头责任单位", "牵头部门", "牵头单位", "责任单位",
                                           "责任部门",     "主责单位", "主办单位"};

/// A first line that is a sentence of the text rather than its title.
bool reads_as_prose(std::string_view s) {
    const std::size_t n = utf8_length(s);
    if (ends_with_any(s, {"：", ":"})) return true;
    if (starts_with_any(s, {"“", "\"", "‘"})) return true;
    if (n > 60) return true;
    return n > 40 && contains_any(s, {"，", ",", "。"});
}

/// A title line that is complete: a second line below it is not part of it.
bool title_complete(std::string_view s) {
    return ends_with_any(s, {"通报", "报告", "汇报", "公示", "公告", "方案", "成果", "情况", "进度表", "清单", "通知"});
}

struct Key {
    LineKind kind = LineKind::blank;
    NumberForm form = NumberForm::none;
    bool label = false;  ///< a 项目名称 label starts each project
    bool operator==(const Key&) const = default;
};

bool is_marker(const Token& t) {
    return (t.info.kind == LineKind::section || t.info.kind == LineKind::numbered) && t.info.number > 0;
}

bool is_project_label(const Token& t) { return t.info.kind == LineKind::label && t.info.field == Field::project; }

std::optional<Key> key_of(const Token& t) {
    if (is_marker(t)) return Key{t.info.kind, t.info.form, false};
    if (is_project_label(t)) return Key{LineKind::label, NumberForm::none, true};
    return std::nullopt;
}

/// "…分别是: (1)加快建设…。 (2)开工新建…。 (3)…" on one line: one item per token
/// (three items or more, numbered from 1, each after a space or a colon).
std::vector<Token> split_inline_items(const Token& t) {
    if (t.info.kind != LineKind::text) return {t};
    const std::string_view s = t.text;
    std::vector<std::size_t> starts;
    for (int k = 1;; ++k) {
        std::optional<std::size_t> found;
        for (const std::string& m : {fmt::format("({})", k), fmt::format("（{}）", k)}) {
            for (std::size_t at = s.find(m, starts.empty() ? 0 : starts.back() + 1); at != std::string_view::npos;
                 at = s.find(m, at + 1)) {
                const std::string_view before = trim_text(s.substr(0, at));
                const bool opens = at == 0 || s[at - 1] == ' ' || before.empty() ||
                                   ends_with_any(before, {"：", ":", "。", "；", ";"}) ||
                                   s.substr(0, at).ends_with("\u3000");
                if (opens) {
                    found = std::min(found.value_or(at), at);
                    break;
                }
            }
        }
        if (!found) break;
        starts.push_back(*found);
    }
    if (starts.size() < 3) return {t};
    std::vector<Token> out;
    const std::string_view head = trim_text(s.substr(0, starts.front()));
    if (!head.empty()) out.push_back({t.line, std::string(head), classify_line(head)});
    for (std::size_t k = 0; k < starts.size(); ++k) {
        const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : s.size();
        const std::string piece(trim_text(s.substr(starts[k], end - starts[k])));
        out.push_back({t.line, piece, classify_line(piece)});
    }
    return out;
}

/// "01 项目名称：…" numbers a labelled block; the number is only its position.
Token unnumber_label(const Token& t) {
    if (t.info.kind != LineKind::text) return t;
    std::size_t digits = 0;
    while (digits < t.text.size() && digits < 3 && t.text[digits] >= '0' && t.text[digits] <= '9') ++digits;
    if (digits == 0 || digits >= t.text.size() || t.text[digits] != ' ') return t;
    const std::string rest(trim_text(std::string_view(t.text).substr(digits)));
    LineInfo info = classify_line(rest);
    if (info.kind != LineKind::label) return t;
    return Token{t.line, rest, std::move(info)};
}

}  // namespace

ImportedBulletin OutlineReader::run() {
    std::size_t start = read_title();
    for (std::size_t i = start; i < all_.size(); ++i) {
        for (Token& t : split_inline_items(unnumber_label(all_[i]))) t_.push_back(std::move(t));
    }
    if (!read_table() && !read_outline() && !read_paragraphs()) {
        for (const Token& t : t_) b_.preamble.push_back(t.text);
    }
    finish();
    return std::move(b_);
}

std::size_t OutlineReader::read_title() {
    if (all_.empty()) return 0;
    const Token& first = all_[0];
    // A notice's addressees, listed over several lines ("各镇人民政府、街道办事处"
    // then ", 区属各单位:"), are not its title.
    const bool addressees = all_.size() > 1 && starts_with_any(all_[1].text, {",", "，", "、"}) &&
                            ends_with_any(all_[1].text, {"：", ":"});
    if (first.info.kind != LineKind::text || reads_as_prose(first.text) || addressees) {
        b_.title_missing = true;
        guess(first.line, say(lang_, Msg::import_g_title));
        return 0;
    }
    b_.title = first.text;
    std::size_t i = 1;
    while (i < all_.size()) {
        const Token& next = all_[i];
        const bool near = next.line <= all_[i - 1].line + 2;
        const std::string_view s = next.text;
        const bool subtitle = s.starts_with("——");
        const bool fits = next.info.kind == LineKind::text && utf8_length(s) <= 30 &&
                          !contains_any(s, {"，", ",", "。", "；", ";", "：", ":"}) &&
                          !starts_with_any(s, {"（", "("});
        if (!near || !fits || (title_complete(b_.title) && !subtitle)) break;
        b_.title += " " + next.text;
        ++i;
    }
    return i;
}

bool OutlineReader::has_lead(std::size_t i) const {
    const Token& t = t_[i];
    if (t.info.kind == LineKind::label) {
        // "牵头单位：" with the units on the next line counts; an empty label at the end does not.
        return t.info.field == Field::department &&
               (!t.info.rest.empty() || (i + 1 < t_.size() && t_[i + 1].info.kind == LineKind::text));
    }
    if (is_marker(t)) return find_lead(t.info.rest).has_value();
    if (t.info.kind == LineKind::text) {
        const auto m = find_lead(t.text);
        return m && m->parenthesised && m->end == t.text.size();
    }
    return false;
}

bool OutlineReader::read_outline() {
    std::vector<Key> order;
    std::map<std::size_t, int> count;  // index in `order` → items
    const auto rank_of = [&](const Key& k) {
        const auto it = std::find(order.begin(), order.end(), k);
        if (it == order.end()) {
            order.push_back(k);
            return order.size() - 1;
        }
        return static_cast<std::size_t>(it - order.begin());
    };
    std::vector<std::optional<std::size_t>> rank(t_.size());
    for (std::size_t i = 0; i < t_.size(); ++i) {
        if (auto k = key_of(t_[i])) {
            rank[i] = rank_of(*k);
            ++count[*rank[i]];
        }
    }
    if (order.empty()) return false;

    // The level the lead units are attached to.
    std::map<std::size_t, int> votes;
    for (std::size_t i = 0; i < t_.size(); ++i) {
        if (!has_lead(i)) continue;
        for (std::size_t j = i + 1; j-- > 0;) {
            if (rank[j]) {
                ++votes[*rank[j]];
                break;
            }
        }
    }
    std::optional<std::size_t> level;
    bool by_lead = false;
    for (const auto& [r, v] : votes) {
        if (!level || v > votes[*level]) level = r;
    }
    if (level) by_lead = true;
    if (!level) {
        for (std::size_t r = 0; r < order.size() && !level; ++r) {
            if (order[r].label) level = r;
        }
    }
    if (!level) {
        for (std::size_t r = 0; r < order.size() && !level; ++r) {
            if (count[r] >= 2) level = r;
        }
    }
    if (!level) level = 0;  // one project: its marker is the first one
    // "一、甲专项治理" right above "1. 其一。 2. 其二。": one project with its outcomes, not two.
    if (!by_lead && *level > 0 && count[*level - 1] == 1 && !order[*level - 1].label) {
        std::size_t parent = 0, first = 0;
        while (rank[parent] != *level - 1) ++parent;
        while (rank[first] != *level) ++first;
        bool sentences = true;
        for (std::size_t i = 0; i < t_.size(); ++i) {
            if (rank[i] != *level) continue;
            const std::string_view rest = t_[i].info.rest;
            const std::size_t stop = rest.find("。");
            const std::size_t colon = std::min(rest.find("："), rest.find(":"));
            sentences = sentences && ends_with_any(rest, {"。", "；", ";"}) && (colon == std::string_view::npos || colon > stop);
        }
        // Only a remediation's name leads its outcomes so; "(一)续建工程" heads a group of projects.
        const bool remediation = ends_with_any(strip_sentence_end(t_[parent].info.rest),
                                               {"治理", "整治", "问题", "专项行动"});
        if (first == parent + 1 && sentences && remediation) level = *level - 1;
    }

    // With leads, a top-level part holding no lead is a heading's content, not projects.
    std::vector<bool> active(t_.size(), true);
    if (by_lead && *level != 0) {
        std::size_t part_start = 0;
        const auto close_part = [&](std::size_t end) {
            bool any = false;
            for (std::size_t k = part_start; k < end; ++k) any = any || has_lead(k);
            if (!any) {
                for (std::size_t k = part_start; k < end; ++k) active[k] = false;
            }
        };
        for (std::size_t i = 0; i < t_.size(); ++i) {
            if (rank[i] == 0 && i > part_start) {
                close_part(i);
                part_start = i;
            } else if (rank[i] == 0) {
                part_start = i;
            }
        }
        close_part(t_.size());
    }

    for (std::size_t i = 0; i < t_.size(); ++i) {
        const Token& tok = t_[i];
        if (!active[i] || (rank[i] && *rank[i] < *level)) {
            to_preamble(tok);
            continue;
        }
        if (rank[i] == level) {
            start_project(tok);
            continue;
        }
        in_project(tok, rank[i].has_value());
    }
    return true;
}

void OutlineReader::to_preamble(const Token& tok) {
    if (!b_.projects.empty() && !heading_noted_) {
        guess(tok.line, say(lang_, Msg::import_g_heading, utf8_prefix(tok.text, 20)));
        heading_noted_ = true;
    }
    b_.preamble.push_back(tok.text);
}

void OutlineReader::start_project(const Token& tok) {
    ImportedProject p;
    p.number = static_cast<int>(b_.projects.size()) + 1;
    p.line = tok.line;
    if (is_marker(tok) && tok.info.number != p.number) {
        p.guesses.push_back({tok.line, say(lang_, Msg::import_g_renumbered, tok.info.number, p.number)});
    }
    b_.projects.push_back(std::move(p));
    pending_department_ = false;
    pending_title_ = false;
    heading_noted_ = false;
    content_mode_ = false;
    last_numbered_ = false;
    numbered_ = 0;
    if (is_project_label(tok)) {
        if (tok.info.rest.empty()) {
            pending_title_ = true;
        } else {
            set_title(tok.info.rest, tok.line);
        }
        return;
    }
    set_title(tok.info.rest, tok.line);
}

//  The title and whatever follows it on the same line: lead units, outcome text.
void OutlineReader::set_title(std::string rest, int line) {
    ImportedProject& p = b_.projects.back();
    std::string remainder;
    if (auto m = find_lead(rest)) {
        std::string before(strip_suffixes(std::string_view(rest).substr(0, m->start), {"，", ",", "；", ";"}));
        remainder = std::string(trim_text(std::string_view(rest).substr(m->end)));
        for (std::string& d : split_departments(m->value)) p.departments.push_back(std::move(d));
        rest = before;
    }
    std::string_view r = trim_text(rest);
    std::string title;
    const std::size_t colon = std::min(r.find("："), r.find(":"));
    const std::size_t stop = r.find("。");
    if (colon != std::string_view::npos && colon < stop && utf8_length(r.substr(0, colon)) <= 25) {
        title = std::string(trim_text(r.substr(0, colon)));
        const std::size_t colon_size = r.substr(colon).starts_with("：") ? std::string_view("：").size() : 1;
        remainder = join(std::string(trim_text(r.substr(colon + colon_size))), remainder);
    } else if (stop != std::string_view::npos && stop + std::string_view("。").size() < r.size()) {
        title = std::string(r.substr(0, stop));
        remainder = join(std::string(trim_text(r.substr(stop + std::string_view("。").size()))), remainder);
    } else {
        title = std::string(strip_sentence_end(r));
    }
    p.title = title;
    if (p.title.empty()) p.guesses.push_back({line, say(lang_, Msg::import_g_no_name)});
    if (!remainder.empty()) add_outcome(p, remainder, line, false);
}

std::string OutlineReader::join(std::string a, const std::string& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return a + b;
}

void OutlineReader::in_project(const Token& tok, bool marker) {
    if (b_.projects.empty()) {
        b_.preamble.push_back(tok.text);
        return;
    }
    ImportedProject& p = b_.projects.back();
    const LineInfo& info = tok.info;
    if (pending_title_ && info.kind == LineKind::text) {
        pending_title_ = false;
        return set_title(tok.text, tok.line);
    }
    if (pending_department_ && info.kind == LineKind::text) {
        pending_department_ = false;
        for (std::string& d : split_departments(tok.text)) p.departments.push_back(std::move(d));
        return;
    }
    if (marker) {
        content_mode_ = false;
        if (info.number != numbered_ + 1) {
            p.guesses.push_back({tok.line, say(lang_, Msg::import_g_outcome_number, numbered_ + 1, info.number)});
        }
        numbered_ = info.number;
        add_outcome(p, info.rest, tok.line, true);
        return;
    }
    if (info.kind == LineKind::label) {
        switch (info.field) {
            case Field::department:
                content_mode_ = false;
                if (info.rest.empty()) {
                    pending_department_ = true;
                } else {
                    for (std::string& d : split_departments(info.rest)) p.departments.push_back(std::move(d));
                }
                return;
            case Field::person:
                p.notes.push_back(tok.text);
                return;
            case Field::content:
                content_mode_ = true;
                if (!info.rest.empty()) add_summary(p, info.rest);
                return;
            case Field::outcomes:
                content_mode_ = false;
                last_numbered_ = false;
                if (!info.rest.empty()) add_outcome(p, info.rest, tok.line, false);
                return;
            default:
                break;
        }
    }
    if (content_mode_) return add_summary(p, tok.text);
    add_outcome(p, tok.text, tok.line, false);
}

void OutlineReader::add_summary(ImportedProject& p, const std::string& text) {
    p.summary += (p.summary.empty() ? "" : "\n") + text;
}

//  An outcome's text: a closing （牵头单位：…） names the lead; a numbered
//  item is one outcome, a paragraph of ；-clauses gives one per clause.
void OutlineReader::add_outcome(ImportedProject& p, std::string text, int line, bool numbered) {
    if (auto m = find_lead(text); m && m->parenthesised && m->end == text.size()) {
        for (std::string& d : split_departments(m->value)) p.departments.push_back(std::move(d));
        text = std::string(trim_text(std::string_view(text).substr(0, m->start)));
    }
    if (text.empty()) return;
    if (numbered) {
        p.outcomes.push_back({text, line});
        last_numbered_ = true;
        return;
    }
    if (last_numbered_ && !p.outcomes.empty()) {
        p.outcomes.back().text += "\n\n" + text;
        return;
    }
    for (std::string& clause : split_clauses(text)) p.outcomes.push_back({std::move(clause), line});
}

void OutlineReader::finish() {
    // A last short line after the outcomes ("六安市民生办") signs the text: it names the publisher.
    if (!b_.projects.empty() && !t_.empty() && t_.back().info.kind == LineKind::text) {
        ImportedProject& last = b_.projects.back();
        const std::string& line = t_.back().text;
        if (!last.outcomes.empty() && last.outcomes.back().text == line && utf8_length(line) <= 20 &&
            !contains_any(line, {"，", ",", "。", "；", ";", "：", ":", "、"})) {
            last.outcomes.pop_back();
            b_.publisher = line;
            guess(t_.back().line, say(lang_, Msg::import_g_publisher, line));
        }
    }
    for (ImportedProject& p : b_.projects) {
        // "城镇经济适用住宅楼三期工程, 正在进行…" with nothing below: the name, then the outcome.
        const std::size_t comma = std::min(p.title.find("，"), p.title.find(","));
        if (p.outcomes.empty() && comma != std::string::npos) {
            const std::string_view name = trim_text(std::string_view(p.title).substr(0, comma));
            const std::size_t comma_size = std::string_view(p.title).substr(comma).starts_with("，") ? 3 : 1;
            const std::string rest(trim_text(std::string_view(p.title).substr(comma + comma_size)));
            if (utf8_length(name) >= 2 && utf8_length(name) <= 20 && utf8_length(rest) >= 2) {
                p.guesses.push_back({p.line, say(lang_, Msg::import_g_comma, name)});
                const std::string full = p.title;
                p.title = std::string(name);
                p.outcomes.push_back({std::string(trim_text(std::string_view(full).substr(comma + comma_size))), p.line});
            }
        }
    }
    for (ImportedProject& p : b_.projects) {
        if (p.outcomes.empty()) {
            p.guesses.push_back({p.line, say(lang_, Msg::import_g_no_outcomes, p.number, utf8_prefix(p.title, 20)), false});
        }
    }
    if (b_.projects.empty() && !t_.empty()) {
        guess(t_.front().line, say(lang_, Msg::import_g_no_projects));
    }
}

void OutlineReader::guess(int line, std::string message) { b_.guesses.push_back({line, std::move(message)}); }

}  // namespace outline


std::optional<LeadMatch> find_lead(std::string_view text) {
    std::optional<LeadMatch> best;
    for (std::string_view word : outline::lead_words) {
        for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
            std::string_view after = text.substr(at + word.size());
            const std::size_t before_trim = after.size();
            after = trim_text(after);
            if (!outline::starts_with_any(after, {"：", ":"})) continue;
            const std::size_t colon = at + word.size() + (before_trim - after.size());
            const std::size_t value_start = colon + (after.starts_with("：") ? std::string_view("：").size() : 1);
            LeadMatch m;
            m.start = at;
            std::string_view head = trim_text(text.substr(0, at));
            if (head.ends_with("（") || head.ends_with("(")) {
                m.parenthesised = true;
                m.start = head.size() - (head.ends_with("（") ? std::string_view("（").size() : 1);
                std::size_t close = std::min(text.find("）", value_start), text.find(")", value_start));
                if (close == std::string_view::npos) continue;
                m.value = std::string(trim_text(text.substr(value_start, close - value_start)));
                m.end = close + (text.substr(close).starts_with("）") ? std::string_view("）").size() : 1);
                // A closing 。 after the parenthesis belongs to it.
                if (text.substr(m.end).starts_with("。")) m.end += std::string_view("。").size();
            } else {
                std::size_t end = text.size();
                std::size_t stop_size = 0;
                for (std::string_view stop : {"。", "；", ";", "）", ")"}) {
                    const std::size_t at_stop = text.find(stop, value_start);
                    if (at_stop < end) {
                        end = at_stop;
                        stop_size = stop.size();
                    }
                }
                m.value = std::string(trim_text(text.substr(value_start, end - value_start)));
                m.end = end + stop_size;
            }
            if (m.value.empty()) continue;
            if (!best || m.start < best->start) best = m;
            break;
        }
    }
    return best;
}

ImportedBulletin parse_outline(const std::vector<Token>& tokens, std::string_view language) {
    return outline::OutlineReader(tokens, language).run();
}

}  // namespace bulletin