// The values inside a field: department lists, a title's parenthesised
// lead department, and a paragraph of outcome clauses.
#include "import_parse.h"

namespace bulletin {
namespace {

/// Splits `s` after every separator; `keep` leaves the separator on the piece before it.
std::vector<std::string> split_on(std::string_view s, std::initializer_list<std::string_view> separators, bool keep) {
    std::vector<std::string> pieces;
    std::size_t start = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t matched = 0;
        for (std::string_view sep : separators) {
            if (s.substr(i).starts_with(sep)) {
                matched = sep.size();
                break;
            }
        }
        if (matched == 0) {
            ++i;
            continue;
        }
        std::string_view piece = trim_text(s.substr(start, (keep ? i + matched : i) - start));
        if (!piece.empty()) pieces.emplace_back(piece);
        i += matched;
        start = i;
    }
    std::string_view last = trim_text(s.substr(start));
    if (!last.empty()) pieces.emplace_back(last);
    return pieces;
}

/// A note in brackets after a list of units, not a unit's own qualifier
/// (区住建局（区人防办）): "(责任单位列第一位的为牵头单位,下同)".
std::string_view without_closing_note(std::string_view value) {
    const auto note = closing_aside(value);
    if (!note) return value;
    for (std::string_view sign : {"，", ",", "下同", "为牵头"}) {
        if (note->inner.find(sign) != std::string_view::npos) return note->before;
    }
    return value;
}

/// A unit's name with the spaces a PDF put inside it removed (区属功能区管 委会);
/// a space between two Latin letters or digits stays.
std::string without_inner_spaces(std::string_view name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == ' ' && i > 0 && i + 1 < name.size() &&
            (static_cast<unsigned char>(name[i - 1]) >= 0x80 || static_cast<unsigned char>(name[i + 1]) >= 0x80)) {
            continue;
        }
        out += name[i];
    }
    return out;
}

}  // namespace

std::vector<std::string> split_departments(std::string_view value) {
    value = trim_text(value);
    for (std::string_view end : {"。", "；", ";"}) {
        if (value.ends_with(end)) value.remove_suffix(end.size());
    }
    std::vector<std::string> names = split_on(without_closing_note(value), {"、", "，", ",", "；", ";", "/"}, false);
    for (std::string& name : names) name = without_inner_spaces(name);
    return names;
}

std::vector<std::string> take_parenthesised_departments(std::string& title) {
    const auto aside = closing_aside(trim_text(title));
    if (!aside) return {};
    const LineInfo info = classify_line(aside->inner);
    if (info.kind != LineKind::label || info.field != Field::department || info.rest.empty()) return {};
    std::vector<std::string> departments = split_departments(info.rest);
    title = std::string(aside->before);
    return departments;
}

std::vector<std::string> split_clauses(std::string_view paragraph) {
    return split_on(paragraph, {"；", ";"}, false);
}

}  // namespace bulletin
