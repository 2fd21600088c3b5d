#include "toml_ime.h"

#include <optional>

#include "messages.h"
#include "text.h"

namespace bulletin {
namespace {

struct ImeChar {
    std::string_view ch;
    std::string_view zh;  // what it is, in words
    std::string_view en;
    std::string_view ascii;  // what TOML wants instead ("" for the space: delete it)
    Msg hint;
};

constexpr ImeChar kImeChars[] = {
    {"“", "中文左引号", "a Chinese opening quote", "\"", Msg::ime_quote_hint},
    {"”", "中文右引号", "a Chinese closing quote", "\"", Msg::ime_quote_hint},
    {"‘", "中文左单引号", "a Chinese opening single quote", "'", Msg::ime_quote_hint},
    {"’", "中文右单引号", "a Chinese closing single quote", "'", Msg::ime_quote_hint},
    {"＂", "全角引号", "a full-width quote", "\"", Msg::ime_quote_hint},
    {"，", "全角逗号", "a full-width comma", ",", Msg::ime_punct_hint},
    {"：", "全角冒号", "a full-width colon", "=", Msg::ime_punct_hint},
    {"＝", "全角等号", "a full-width equals sign", "=", Msg::ime_punct_hint},
    {"（", "全角左括号", "a full-width parenthesis", "(", Msg::ime_punct_hint},
    {"）", "全角右括号", "a full-width parenthesis", ")", Msg::ime_punct_hint},
    {"［", "全角左方括号", "a full-width bracket", "[", Msg::ime_punct_hint},
    {"］", "全角右方括号", "a full-width bracket", "]", Msg::ime_punct_hint},
    {"【", "中文左方括号", "a Chinese bracket", "[", Msg::ime_punct_hint},
    {"】", "中文右方括号", "a Chinese bracket", "]", Msg::ime_punct_hint},
    {"｛", "全角左花括号", "a full-width brace", "{", Msg::ime_punct_hint},
    {"｝", "全角右花括号", "a full-width brace", "}", Msg::ime_punct_hint},
    {"＃", "全角井号", "a full-width hash", "#", Msg::ime_punct_hint},
    {"\u3000", "全角空格", "a full-width space", "", Msg::ime_space_hint},
};

const ImeChar* ime_at(std::string_view s) {
    for (const ImeChar& c : kImeChars) {
        if (s.starts_with(c.ch)) return &c;
    }
    return nullptr;
}

struct Found {
    int line = 0;            // 1-based line of the TOML text
    std::size_t offset = 0;  // byte offset in that line
    const ImeChar* what = nullptr;
    bool unclosed = false;  // a text whose closing quote is this curly one
};

// The first mistake, scanning as TOML does: comments and quoted texts
// (one-line and multi-line, basic and literal) are skipped.
std::optional<Found> find(std::string_view toml) {
    std::string_view multi;  // the closing delimiter of an open multi-line text
    int line_no = 0;
    for (std::size_t pos = 0; pos <= toml.size();) {
        const std::size_t end = std::min(toml.find('\n', pos), toml.size());
        const std::string_view line = toml.substr(pos, end - pos);
        ++line_no;
        std::size_t i = 0;
        while (i < line.size()) {
            if (!multi.empty()) {
                const std::size_t close = line.find(multi, i);
                if (close == std::string_view::npos) {
                    i = line.size();
                } else {
                    i = close + multi.size();
                    multi = {};
                }
                continue;
            }
            const char c = line[i];
            if (c == '#') break;
            if (line.substr(i).starts_with("\"\"\"") || line.substr(i).starts_with("'''")) {
                multi = line.substr(i, 3);
                i += 3;
                continue;
            }
            if (c == '"' || c == '\'') {
                // A one-line text: find its end; if there is none, a curly quote in it
                // was most likely meant to close it.
                std::size_t k = i + 1;
                const ImeChar* last_curly = nullptr;
                std::size_t last_at = 0;
                for (; k < line.size() && line[k] != c; ++k) {
                    if (c == '"' && line[k] == '\\') {
                        ++k;
                        continue;
                    }
                    if (const ImeChar* m = ime_at(line.substr(k)); m && m->hint == Msg::ime_quote_hint) {
                        last_curly = m;
                        last_at = k;
                    }
                }
                if (k >= line.size()) {
                    if (last_curly) return Found{line_no, last_at, last_curly, true};
                    return std::nullopt;  // some other mistake: the parser's message stands
                }
                i = k + 1;
                continue;
            }
            if (const ImeChar* m = ime_at(line.substr(i))) return Found{line_no, i, m, false};
            ++i;
        }
        pos = end + 1;
    }
    return std::nullopt;
}

}  // namespace

bool report_ime_mistake(const SourceFile& file, std::string_view toml_text, int first_line, int error_line,
                        Diagnostics& diags, const std::string& language) {
    const auto found = find(toml_text);
    if (!found) return false;
    const int line = found->line + first_line - 1;
    if (line > error_line) return false;
    const std::string source_line = line_text(file.text, line);
    const std::string_view toml_line = [&] {
        std::size_t pos = 0;
        for (int k = 1; k < found->line; ++k) pos = toml_text.find('\n', pos) + 1;
        return toml_text.substr(pos, toml_text.find('\n', pos) - pos);
    }();
    const int column = static_cast<int>(utf8_length(toml_line.substr(0, found->offset))) + 1;
    const bool en = language.substr(0, 2) == "en";
    const std::string what(en ? found->what->en : found->what->zh);
    std::string message = found->unclosed ? say(language, Msg::ime_unclosed_quote, found->what->ch, what)
                                          : say(language, Msg::ime_char, found->what->ch, what);
    diags.error({file.path, line, column}, std::move(message), say(language, found->what->hint, found->what->ascii),
                source_line);
    return true;
}

}  // namespace bulletin
