#include "import_lines.h"

#include <array>
#include <utility>

#include "text.h"

namespace bulletin {
namespace {

struct LabelWord {
    std::string_view word;
    Field field;
};

// The words bulletins use for each field; issue 4 lists the forms seen in
// the wild. 序号 only heads a table's number column.
constexpr std::array<LabelWord, 39> label_words{{
    {"治理项目", Field::project},      {"整治项目", Field::project},
    {"项目名称", Field::project},      {"专项治理", Field::project},
    {"牵头责任单位", Field::department}, {"牵头部门", Field::department},
    {"牵头单位", Field::department},   {"责任单位", Field::department},
    {"责任部门", Field::department},   {"主责单位", Field::department},
    {"主办单位", Field::department},   {"治理成果", Field::outcomes},
    {"整治成效", Field::outcomes},     {"工作成效", Field::outcomes},
    {"完成情况", Field::outcomes},     {"主要成效", Field::outcomes},
    {"进展情况", Field::outcomes},     {"进展与成效", Field::outcomes},
    {"当前进度", Field::outcomes},     {"推进情况", Field::outcomes},
    {"工作进展", Field::outcomes},     {"项目进度", Field::outcomes},
    {"项目内容", Field::content},      {"建设内容", Field::content},
    {"实施内容", Field::content},      {"治理目标", Field::content},      {"牵头领导", Field::person},
    {"责任领导", Field::person},       {"分管领导", Field::person},
    {"牵头市领导", Field::person},     {"牵头区领导", Field::person},
    {"牵头县领导", Field::person},     {"责任人", Field::person},
    {"联系人", Field::person},         {"备注", Field::other},
    {"完成时限", Field::other},        {"完成时间", Field::other},
    {"序号", Field::number},           {"编号", Field::number},
}};

constexpr std::string_view chinese_digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

bool consume(std::string_view& s, std::string_view prefix) {
    if (!s.starts_with(prefix)) return false;
    s.remove_prefix(prefix.size());
    return true;
}

bool consume_any(std::string_view& s, std::initializer_list<std::string_view> prefixes) {
    for (std::string_view p : prefixes) {
        if (consume(s, p)) return true;
    }
    return false;
}

bool consume_open_paren(std::string_view& s) { return consume_any(s, {"（", "("}); }
bool consume_close_paren(std::string_view& s) { return consume_any(s, {"）", ")"}); }
bool consume_colon(std::string_view& s) { return consume_any(s, {"：", ":"}); }

/// The longest prefix made of Chinese numeral characters.
std::string_view numeral_prefix(std::string_view s) {
    std::size_t n = 0;
    for (;;) {
        std::string_view rest = s.substr(n);
        bool matched = false;
        for (std::string_view d : {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "零", "两"}) {
            if (rest.starts_with(d)) {
                n += d.size();
                matched = true;
                break;
            }
        }
        if (!matched) return s.substr(0, n);
    }
}

std::string_view digit_prefix(std::string_view s) {
    std::size_t n = 0;
    while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
    return s.substr(0, n);
}

int to_int(std::string_view digits) {
    int v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    return v;
}

LineInfo make(LineKind kind, NumberForm form, int number, std::string_view rest) {
    LineInfo info;
    info.kind = kind;
    info.form = form;
    info.number = number;
    info.rest = std::string(trim_text(rest));
    return info;
}

std::optional<LineInfo> section_marker(std::string_view line) {
    std::string_view s = line;
    if (consume_open_paren(s)) {
        std::string_view num = numeral_prefix(s);
        auto n = parse_chinese_numeral(num);
        s.remove_prefix(num.size());
        if (n && consume_close_paren(s)) return make(LineKind::section, NumberForm::paren, *n, s);
        return std::nullopt;
    }
    if (consume(s, "第")) {
        std::string_view num = numeral_prefix(s);
        auto n = parse_chinese_numeral(num);
        if (!n) return std::nullopt;
        s.remove_prefix(num.size());
        // 第三方… is prose: a marker ends, or is followed by a separator or 项/部分.
        const bool suffix = consume_any(s, {"项", "部分"});
        const bool separator = consume_any(s, {"、", "：", ":", "．", ".", " ", "　"});
        if (s.empty() || suffix || separator) return make(LineKind::section, NumberForm::di, *n, s);
        return std::nullopt;
    }
    std::string_view num = numeral_prefix(s);
    auto n = parse_chinese_numeral(num);
    if (!n) return std::nullopt;
    s.remove_prefix(num.size());
    if (trim_text(s).empty()) return make(LineKind::section, NumberForm::alone, *n, "");
    if (consume_any(s, {"、", "．", "."})) return make(LineKind::section, NumberForm::comma, *n, s);
    return std::nullopt;
}

std::optional<LineInfo> numbered_item(std::string_view line) {
    std::string_view s = line;
    if (consume_open_paren(s)) {
        std::string_view digits = digit_prefix(s);
        if (digits.empty() || digits.size() > 3) return std::nullopt;
        s.remove_prefix(digits.size());
        if (!consume_close_paren(s)) return std::nullopt;
        return make(LineKind::numbered, NumberForm::paren, to_int(digits), s);
    }
    // ① to ⑳ are U+2460..U+2473: E2 91 A0..E2 91 B3.
    if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xE2 && static_cast<unsigned char>(s[1]) == 0x91) {
        const auto c = static_cast<unsigned char>(s[2]);
        if (c >= 0xA0 && c <= 0xB3) return make(LineKind::numbered, NumberForm::circled, c - 0xA0 + 1, s.substr(3));
    }
    std::string_view digits = digit_prefix(s);
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    s.remove_prefix(digits.size());
    if (consume(s, "、")) return make(LineKind::numbered, NumberForm::comma, to_int(digits), s);
    // "3.8%" is a decimal number, not an item.
    if (consume_any(s, {".", "．"}) && (s.empty() || s[0] < '0' || s[0] > '9')) {
        return make(LineKind::numbered, NumberForm::dot, to_int(digits), s);
    }
    return std::nullopt;
}

std::optional<LineInfo> label(std::string_view line) {
    for (const LabelWord& lw : label_words) {
        std::string_view s = line;
        if (!consume(s, lw.word)) continue;
        s = trim_text(s);
        LineInfo info;
        info.kind = LineKind::label;
        info.field = lw.field;
        if (s.empty()) {
            info.bare = true;
            return info;
        }
        if (!consume_colon(s)) return std::nullopt;
        info.rest = std::string(trim_text(s));
        return info;
    }
    // A department in parentheses on a line of its own: （牵头单位：区发改局）
    std::string_view s = line;
    if (consume_open_paren(s) && (s.ends_with("）") || s.ends_with(")"))) {
        s.remove_suffix(s.ends_with("）") ? std::string_view("）").size() : 1);
        auto inner = label(s);
        if (inner && inner->field == Field::department && !inner->bare) return inner;
    }
    return std::nullopt;
}

}  // namespace

std::optional<int> parse_chinese_numeral(std::string_view s) {
    if (s.empty()) return std::nullopt;
    int total = 0;
    int current = 0;
    bool any = false;
    while (!s.empty()) {
        bool matched = false;
        for (int d = 0; d < 10; ++d) {
            if (consume(s, chinese_digits[d])) {
                current = d;
                matched = true;
                break;
            }
        }
        if (matched) {
            any = true;
            continue;
        }
        if (consume(s, "两")) {
            current = 2;
        } else if (consume(s, "零")) {
            current = 0;
        } else if (consume(s, "十")) {
            total += (current == 0 ? 1 : current) * 10;
            current = 0;
        } else if (consume(s, "百")) {
            total += current * 100;
            current = 0;
        } else {
            return std::nullopt;
        }
        any = true;
    }
    total += current;
    if (!any || total <= 0) return std::nullopt;
    return total;
}

LineInfo classify_line(std::string_view line) {
    line = trim_text(line);
    if (line.empty()) return {};
    if (auto m = section_marker(line)) return *m;
    if (auto m = numbered_item(line)) return *m;
    if (auto m = label(line)) return *m;
    return make(LineKind::text, NumberForm::none, 0, line);
}

bool is_structural(const LineInfo& info) {
    return info.kind == LineKind::section || info.kind == LineKind::numbered || info.kind == LineKind::label;
}

std::string_view trim_text(std::string_view s) {
    for (;;) {
        const std::size_t before = s.size();
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\f' || s.front() == '\v' ||
                              s.front() == '\r' || s.front() == '\n')) {
            s.remove_prefix(1);
        }
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\f' || s.back() == '\v' ||
                              s.back() == '\r' || s.back() == '\n')) {
            s.remove_suffix(1);
        }
        for (std::string_view ws : {"\u3000", "\u00A0", "\uFEFF"}) {
            while (s.starts_with(ws)) s.remove_prefix(ws.size());
            while (s.ends_with(ws)) s.remove_suffix(ws.size());
        }
        if (s.size() == before) return s;
    }
}

std::string_view last_significant_char(std::string_view s) {
    s = trim_text(s);
    for (;;) {
        bool stripped = false;
        for (std::string_view close : {"”", "’", "」", "』", "》", "）", ")", "\"", "'"}) {
            if (s.ends_with(close)) {
                s.remove_suffix(close.size());
                stripped = true;
            }
        }
        if (!stripped) break;
    }
    if (s.empty()) return s;
    return s.substr(previous_code_point(s, s.size()));
}

bool ends_sentence(std::string_view s) {
    const std::string_view c = last_significant_char(s);
    for (std::string_view end : {"。", "！", "？", "；", "：", "…", "!", "?", ";", ":"}) {
        if (c == end) return true;
    }
    return false;
}

std::optional<ClosingAside> closing_aside(std::string_view s) {
    const bool full_width = s.ends_with("）");
    if (!full_width && !s.ends_with(")")) return std::nullopt;
    const std::size_t open = full_width ? s.rfind("（") : s.rfind('(');
    if (open == std::string_view::npos) return std::nullopt;
    const std::size_t bracket = full_width ? std::string_view("（").size() : 1;
    return ClosingAside{trim_text(s.substr(0, open)), s.substr(open + bracket, s.size() - open - 2 * bracket)};
}

}  // namespace bulletin
