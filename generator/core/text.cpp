#include "text.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace bulletin {

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t i = 0;
    const auto n = static_cast<int32_t>(s.size());
    while (i < n) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return static_cast<std::size_t>(start);
    }
    return std::nullopt;
}

std::pair<int, int> line_column(std::string_view s, std::size_t offset) {
    int line = 1;
    int col = 1;
    for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\n') {
            ++line;
            col = 1;
        } else if (!U8_IS_TRAIL(c)) {
            ++col;
        }
    }
    return {line, col};
}

std::string line_text(std::string_view s, int line) {
    std::size_t pos = 0;
    for (int l = 1; l < line; ++l) {
        pos = s.find('\n', pos);
        if (pos == std::string_view::npos) return {};
        ++pos;
    }
    std::size_t end = s.find('\n', pos);
    std::string out(s.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    if (!out.empty() && out.back() == '\r') out.pop_back();
    return out;
}

std::string utf8_prefix(std::string_view s, int n) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t i = 0;
    const auto len = static_cast<int32_t>(s.size());
    for (int k = 0; k < n && i < len; ++k) U8_FWD_1(p, i, len);
    return std::string(s.substr(0, static_cast<std::size_t>(i)));
}

int display_width(std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t i = 0;
    const auto len = static_cast<int32_t>(s.size());
    int width = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT(p, i, len, c);
        if (c < 0) continue;
        const auto eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        width += (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) ? 2 : 1;
    }
    return width;
}

std::size_t utf8_length(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return !U8_IS_TRAIL(c); }));
}

std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\n' && c != '\t' && c != '\r') continue;
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string chinese_numeral(int n) {
    static constexpr std::string_view digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static constexpr std::string_view units[] = {"千", "百", "十", ""};
    if (n <= 0 || n > 9999) return std::to_string(n);
    std::string out;
    if (n >= 10 && n < 20) {  // 十五, not 一十五
        out = "十";
        if (n % 10) out += digits[n % 10];
        return out;
    }
    const int parts[] = {n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10};
    bool started = false;
    bool zero = false;
    for (int i = 0; i < 4; ++i) {
        if (parts[i] == 0) {
            zero = started;
            continue;
        }
        if (zero) out += "零";
        zero = false;
        out += digits[parts[i]];
        out += units[i];
        started = true;
    }
    return out;
}

bool is_valid_slug(std::string_view s) {
    if (s.empty() || s.front() == '-' || s.back() == '-') return false;
    char prev = 0;
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && prev == '-')) return false;
        prev = c;
    }
    return true;
}

std::string suggest_slug(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (ok) {
            out += c;
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

namespace {
std::vector<UChar32> code_points(std::string_view s) {
    std::vector<UChar32> out;
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t i = 0;
    const auto len = static_cast<int32_t>(s.size());
    while (i < len) {
        UChar32 c;
        U8_NEXT(p, i, len, c);
        out.push_back(c);
    }
    return out;
}
}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment: a swap of two neighbours (titel → title) is one edit.
    const auto x = code_points(a);
    const auto y = code_points(b);
    std::vector<std::vector<std::size_t>> d(x.size() + 1, std::vector<std::size_t>(y.size() + 1));
    for (std::size_t i = 0; i <= x.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= y.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        for (std::size_t j = 1; j <= y.size(); ++j) {
            const std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[x.size()][y.size()];
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = 0;
    for (const std::string& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (!best || d < best_distance || (d == best_distance && c < *best)) {
            best = c;
            best_distance = d;
        }
    }
    // A typo changes one character in three at most; more makes a different
    // word (区财政局 is not a misspelt 区发改局).
    const std::size_t limit = std::max<std::size_t>(1, (utf8_length(word) + 1) / 3);
    if (best && best_distance <= limit) return best;
    return std::nullopt;
}

std::string format_number(double v) {
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
        return fmt::format("{}", static_cast<long long>(v));
    }
    return fmt::format("{}", v);
}

std::string excerpt(std::string_view s, std::size_t max_chars) {
    if (utf8_length(s) <= max_chars) return std::string(s);
    const std::string head = utf8_prefix(s, static_cast<int>(max_chars));
    const std::size_t stop = head.rfind("。");
    if (stop != std::string::npos && utf8_length(std::string_view(head).substr(0, stop)) >= max_chars / 3) {
        return head.substr(0, stop + std::string_view("。").size());
    }
    return head + "…";
}

std::string collapse_whitespace(std::string_view s) {
    const auto space = [](char c) {
        return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\n' || c == '\t' || c == '\r');
    };
    std::string out;
    out.reserve(s.size());
    // Whole words at a time: in Chinese text they are long.
    for (std::size_t i = 0; i < s.size();) {
        while (i < s.size() && space(s[i])) ++i;
        const std::size_t start = i;
        while (i < s.size() && !space(s[i])) ++i;
        if (i == start) break;
        if (!out.empty()) out += ' ';
        out.append(s, start, i - start);
    }
    return out;
}

}  // namespace bulletin
