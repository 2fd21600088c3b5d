#include "import_figures.h"

#include <cctype>
#include <set>
#include <utility>

#include "text.h"

namespace bulletin {
namespace {

// Longest first, so 万人次 wins over 万人 and 万.
constexpr std::string_view units[] = {
    "万人次", "万元", "亿元", "万人", "人次", "万", "亿", "%", "％", "个", "家", "座", "次", "件", "起",
    "条",     "份",   "所",   "辆",   "人",   "名", "户", "单", "项", "元", "场", "台", "处", "张", "套",
};

// What ends the words a label is taken from.
constexpr std::string_view label_breaks[] = {"，", "。", "；", "、", "：", ",", ";", ":", "（", "）", "(", ")",
                                             "“",  "”",  "《",  "》",  " ",  "的"};

constexpr int lead_sentence_max_chars = 20;
constexpr int label_max_chars = 16;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// The words between the previous break and `end`, at most label_max_chars.
std::string label_before(std::string_view text, std::size_t end) {
    std::size_t start = 0;
    for (std::string_view brk : label_breaks) {
        const std::size_t at = text.substr(0, end).rfind(brk);
        if (at != std::string_view::npos && at + brk.size() > start) start = at + brk.size();
    }
    std::string_view words = text.substr(start, end - start);
    // Keep the end of a long clause: it names the thing counted.
    while (utf8_length(words) > static_cast<std::size_t>(label_max_chars)) {
        words.remove_prefix(1);
        while (!words.empty() && (static_cast<unsigned char>(words[0]) & 0xC0) == 0x80) words.remove_prefix(1);
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

std::vector<SuggestedMetric> find_key_figures(std::string_view text) {
    std::vector<SuggestedMetric> found;
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
            if (seen.insert({std::string(value), std::string(unit)}).second) {
                std::string label = label_before(text, start);
                found.push_back({std::move(label), std::string(value), unit == "％" ? "%" : std::string(unit)});
            }
            break;
        }
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
