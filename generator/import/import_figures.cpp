#include "import_figures.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <utility>

#include "text.h"

namespace bulletin {
namespace {

// Longest first, so 万人次 wins over 万人 and 万.
constexpr std::string_view units[] = {
    "万平方米", "万人次", "平方米", "万元", "亿元", "万人", "人次", "场次", "批次", "户次", "公里", "万", "亿", "%", "％",
    "个",       "家",     "座",     "次",   "件",   "起",   "条",   "份",   "所",   "辆",   "人",   "名", "户", "单", "项",
    "元",       "场",     "台",     "处",   "张",   "套",   "亩",   "吨",
};

// What ends the words a label is taken from.
constexpr std::string_view label_breaks[] = {"，", "。", "；", "、", "：", ",", ";", ":", "（", "）", "(", ")",
                                             "“",  "”",  "《",  "》",  " ",  "的"};

constexpr int lead_sentence_max_chars = 20;
constexpr int label_max_chars = 16;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// The words between the previous break and `end`, at most label_max_chars.
std::string label_before(std::string_view text, std::size_t end) {
    const auto start_after = [&](bool with_de) {
        std::size_t start = 0;
        for (std::string_view brk : label_breaks) {
            if (!with_de && brk == "的") continue;
            const std::size_t at = text.substr(0, end).rfind(brk);
            if (at != std::string_view::npos && at + brk.size() > start) start = at + brk.size();
        }
        return start;
    };
    std::size_t start = start_after(true);
    // "任务的有3项": the words before 的 say what is counted.
    if (utf8_length(text.substr(start, end - start)) < 2) start = start_after(false);
    std::string_view words = text.substr(start, end - start);
    // Keep the end of a long clause: it names the thing counted.
    while (utf8_length(words) > static_cast<std::size_t>(label_max_chars)) {
        words.remove_prefix(next_code_point(words, 0));
    }
    return std::string(words);
}

bool has_digit(std::string_view s) {
    for (char c : s) {
        if (is_digit(c)) return true;
    }
    return false;
}

}  // namespace

namespace {

// Units that count things: the noun after them is what is counted.
constexpr std::string_view measure_words[] = {"个", "家", "座", "件", "条", "份", "所", "辆", "名", "户",
                                              "项", "场", "台", "处", "张", "套", "次", "起"};

// Words that end the noun after a measure word: 5座公厕建厕位置及… → 公厕建厕位置.
constexpr std::string_view noun_breaks[] = {"及", "和", "与", "等", "并", "共", "已", "均"};

/// The noun right after a measure word: 16个“文化驿站” → 文化驿站, 300个农村村级综合服务社、 → 农村村级综合服务社.
std::string label_after(std::string_view after_unit) {
    std::string_view s = after_unit;
    if (s.starts_with("“")) {
        s.remove_prefix(std::string_view("“").size());
        const std::size_t close = s.find("”");
        if (close == std::string_view::npos || close == 0) return "";
        return std::string(s.substr(0, close));
    }
    std::size_t end = s.size();
    for (std::string_view brk : label_breaks) end = std::min(end, s.find(brk));
    for (std::string_view brk : noun_breaks) end = std::min(end, s.find(brk));
    for (std::size_t i = 0; i < end; ++i) {
        if (is_digit(s[i]) || s[i] == '%') {
            end = i;
            break;
        }
    }
    std::string_view words = s.substr(0, end);
    if (utf8_length(words) < 2 || utf8_length(words) > static_cast<std::size_t>(label_max_chars)) return "";
    if (std::string_view(words).starts_with("以上") || std::string_view(words).starts_with("左右")) return "";
    return std::string(words);
}

struct Figure {
    SuggestedMetric metric;
    bool is_target = false;
};

}  // namespace

std::vector<SuggestedMetric> find_key_figures(std::string_view text) {
    std::vector<Figure> raw;
    std::set<std::pair<std::string, std::string>> seen;
    int title_depth = 0;  // inside 《…》
    for (std::size_t i = 0; i < text.size();) {
        if (text.substr(i).starts_with("《")) ++title_depth;
        if (text.substr(i).starts_with("》") && title_depth > 0) --title_depth;
        if (!is_digit(text[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        while (i < text.size() && is_digit(text[i])) ++i;
        if (i + 1 < text.size() && text[i] == '.' && is_digit(text[i + 1])) {
            ++i;
            while (i < text.size() && is_digit(text[i])) ++i;
        }
        const std::string_view value = text.substr(start, i - start);
        const std::string_view after = text.substr(i);
        const bool joined = start > 0 && (text[start - 1] == '.' || text[start - 1] == '-' ||
                                          std::isalpha(static_cast<unsigned char>(text[start - 1])));
        const bool leading_zero = value.size() > 1 && value[0] == '0' && value[1] != '.';
        // A count of one ("1所小学…") is narrative, not a key figure.
        const bool trivial = value == "0" || value == "1";
        if (title_depth > 0 || joined || leading_zero || trivial || text.substr(0, start).ends_with("第")) continue;
        for (std::string_view unit : units) {
            if (!after.starts_with(unit)) continue;
            const std::string_view before = text.substr(0, start);
            const bool is_target = before.ends_with("目标") || before.ends_with("目标（") || before.ends_with("目标(") ||
                                   before.ends_with("目标：") || before.ends_with("目标:");
            if (is_target || seen.insert({std::string(value), std::string(unit)}).second) {
                std::string label;
                const bool measure = std::find(std::begin(measure_words), std::end(measure_words), unit) !=
                                     std::end(measure_words);
                if (measure) label = label_after(after.substr(unit.size()));
                if (label.empty()) label = label_before(text, start);
                raw.push_back({{std::move(label), std::string(value), unit == "％" ? "%" : std::string(unit), ""},
                               is_target});
            }
            break;
        }
    }
    // A target goes to the figure of the same unit just before it, else just after it.
    std::vector<SuggestedMetric> found;
    for (std::size_t k = 0; k < raw.size(); ++k) {
        if (!raw[k].is_target) continue;
        std::optional<std::size_t> owner;
        if (k > 0 && !raw[k - 1].is_target && raw[k - 1].metric.unit == raw[k].metric.unit) owner = k - 1;
        else if (k + 1 < raw.size() && !raw[k + 1].is_target && raw[k + 1].metric.unit == raw[k].metric.unit) owner = k + 1;
        if (owner) raw[*owner].metric.target = raw[k].metric.value;
    }
    for (Figure& f : raw) {
        if (!f.is_target) found.push_back(std::move(f.metric));
    }
    return found;
}

std::optional<std::string_view> lead_sentence(std::string_view text) {
    const std::size_t stop = text.find("。");
    if (stop == std::string_view::npos || stop == 0) return std::nullopt;
    const std::string_view lead = text.substr(0, stop);
    const std::string_view rest = text.substr(stop + std::string_view("。").size());
    if (rest.empty() || utf8_length(lead) > static_cast<std::size_t>(lead_sentence_max_chars)) return std::nullopt;
    if (has_digit(lead) || lead.find("《") != std::string_view::npos || lead.find("\n") != std::string_view::npos) {
        return std::nullopt;
    }
    return lead;
}

}  // namespace bulletin
