#include "fields.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "field_table.h"
#include "messages.h"
#include "text.h"
#include "toml_ime.h"

namespace bulletin {

std::string Date::iso() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

namespace {

// toml++ explains syntax errors in English; editors read the site's language.
// The common cases get a plain explanation, the original stays in brackets.
std::string explain_toml_error(std::string_view description, const std::string& language) {
    if (language.substr(0, 2) == "en") return std::string(description);
    struct Known {
        std::string_view needle;
        std::string_view zh;
    };
    static constexpr Known known[] = {
        {"unescaped control characters", "文本缺少结尾的引号（\"），或引号中有换行"},
        {"cannot redefine existing", "同一个字段写了两次"},
        {"expected month between", "月份应在 1 到 12 之间"},
        {"expected day between", "这个月没有这一天"},
        {"expected '='", "字段名后缺少等号 ="},
        {"expected bare key", "这一行不是“字段 = 值”的格式"},
        {"expected a value", "等号后缺少值"},
        {"encountered end-of-file", "文件在字段写完之前结束了"},
        {"expected value-terminator", "值后面有多余的内容（文本要用英文引号括起）"},
        {"expected closing ']'", "缺少右方括号 ]"},
        {"expected table", "表头格式不对，应为 [[metrics]] 这样的写法"},
        {"invalid", "写法无效"},
    };
    for (const Known& k : known) {
        if (description.find(k.needle) != std::string_view::npos) {
            return fmt::format("{}（{}）", k.zh, description);
        }
    }
    return std::string(description);
}

}  // namespace

std::optional<toml::table> parse_toml(const SourceFile& file, const std::string& toml_text, int first_line,
                                      Diagnostics& diags, const std::string& language) {
    try {
        return toml::parse(toml_text, file.path);
    } catch (const toml::parse_error& e) {
        const int line = static_cast<int>(e.source().begin.line) + first_line - 1;
        const int col = static_cast<int>(e.source().begin.column);
        if (report_ime_mistake(file, toml_text, first_line, line, diags, language)) return std::nullopt;
        diags.error({file.path, line, col}, say(language, Msg::toml_syntax, explain_toml_error(e.description(), language)),
                    std::string(bulletin::text(Msg::toml_syntax_hint, language)), line_text(file.text, line));
        return std::nullopt;
    }
}

FieldReader::FieldReader(const toml::table& table, const SourceFile& file, int first_line, Diagnostics& diags,
                         const std::string& language, SourceLoc table_loc)
    : table_(table), file_(file), first_line_(first_line), diags_(diags), language_(language),
      table_loc_(std::move(table_loc)) {}

SourceLoc FieldReader::loc_of(const toml::node& node) const {
    const auto& src = node.source();
    if (src.begin.line == 0) return table_loc_;
    return {file_.path, static_cast<int>(src.begin.line) + first_line_ - 1, static_cast<int>(src.begin.column)};
}

SourceLoc FieldReader::loc_of(const std::string& key) const {
    if (const toml::node* n = table_.get(key)) return loc_of(*n);
    return table_loc_;
}

namespace {

// The line of the front matter (from `first_line`) where `key` is written
// but commented out ("# published = 2025-01-20", as `bulletin new` leaves
// it), or 0. Only for the top-level table: a table's keys are not looked for.
int commented_out(const SourceFile& file, int first_line, const std::string& key) {
    std::string_view text = file.text;
    int line = 1;
    for (std::size_t start = 0; start < text.size(); ++line) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view l = text.substr(start, end - start);
        start = end + 1;
        if (line < first_line) continue;
        if (l.starts_with("+++") || l.starts_with("[")) return 0;  // the end of the front matter, or the first table
        const std::size_t hash = l.find_first_not_of(" \t");
        if (hash == std::string_view::npos || l[hash] != '#') continue;
        l.remove_prefix(hash + 1);
        l.remove_prefix(std::min(l.find_first_not_of(" \t"), l.size()));
        if (!l.starts_with(key)) continue;
        l.remove_prefix(key.size());
        l.remove_prefix(std::min(l.find_first_not_of(" \t"), l.size()));
        if (l.starts_with("=")) return line;
    }
    return 0;
}

}  // namespace

const toml::node* FieldReader::get(const std::string& key, bool required, const std::string& example) {
    const toml::node* n = table_.get(key);
    if (!n && required && table_loc_.line == 1 && table_loc_.column == 1) {
        if (const int line = commented_out(file_, first_line_, key)) {
            diags_.error({file_.path, line, 1}, say(language_, Msg::missing_field, key),
                         std::string(bulletin::text(Msg::missing_field_commented, language_)), line_text(file_.text, line));
            return n;
        }
    }
    if (!n && required) {
        diags_.error(table_loc_, say(language_, Msg::missing_field, key), say(language_, Msg::missing_field_hint, example),
                     table_loc_.line > 0 ? line_text(file_.text, table_loc_.line) : std::string());
    }
    return n;
}

namespace {
const char* type_name_zh(const toml::node& n) {
    if (n.is_string()) return "文本";
    if (n.is_integer()) return "整数";
    if (n.is_floating_point()) return "小数";
    if (n.is_boolean()) return "true/false";
    if (n.is_date() || n.is_date_time()) return "日期";
    if (n.is_array()) return "列表";
    if (n.is_table()) return "表";
    return "其他类型";
}
const char* type_name_en(const toml::node& n) {
    if (n.is_string()) return "text";
    if (n.is_integer()) return "a whole number";
    if (n.is_floating_point()) return "a decimal number";
    if (n.is_boolean()) return "true/false";
    if (n.is_date() || n.is_date_time()) return "a date";
    if (n.is_array()) return "a list";
    if (n.is_table()) return "a table";
    return "another type";
}
}  // namespace

void FieldReader::wrong_type(const std::string& key, const toml::node& node, const char* expected_zh,
                             const char* expected_en, const std::string& example) {
    const bool en = language_.substr(0, 2) == "en";
    const SourceLoc loc = loc_of(node);
    diags_.error(loc,
                 say(language_, Msg::wrong_type, key, en ? expected_en : expected_zh,
                     en ? type_name_en(node) : type_name_zh(node)),
                 say(language_, Msg::wrong_type_hint, example), line_text(file_.text, loc.line));
}

std::optional<std::string> FieldReader::text(const std::string& key, bool required, const std::string& example) {
    const toml::node* n = get(key, required, example);
    if (!n) return std::nullopt;
    if (auto v = n->value<std::string>(); v && n->is_string()) return v;
    wrong_type(key, *n, "用引号括起的文本", "quoted text", example);
    return std::nullopt;
}

std::optional<std::int64_t> FieldReader::integer(const std::string& key, bool required, const std::string& example) {
    const toml::node* n = get(key, required, example);
    if (!n) return std::nullopt;
    if (n->is_integer()) return n->value<std::int64_t>();
    wrong_type(key, *n, "整数（不加引号）", "a whole number (no quotes)", example);
    return std::nullopt;
}

std::optional<double> FieldReader::number(const std::string& key, bool required, const std::string& example) {
    const toml::node* n = get(key, required, example);
    if (!n) return std::nullopt;
    if (n->is_integer() || n->is_floating_point()) return n->value<double>();
    wrong_type(key, *n, "数字（不加引号）", "a number (no quotes)", example);
    return std::nullopt;
}

std::optional<Date> FieldReader::date(const std::string& key, bool required, const std::string& example) {
    const toml::node* n = get(key, required, example);
    if (!n) return std::nullopt;
    if (auto d = n->value<toml::date>()) return Date{d->year, d->month, d->day};
    if (auto dt = n->value<toml::date_time>()) return Date{dt->date.year, dt->date.month, dt->date.day};
    wrong_type(key, *n, "日期（如 2023-01-20，不加引号）", "a date (like 2023-01-20, no quotes)", example);
    return std::nullopt;
}

std::optional<bool> FieldReader::boolean(const std::string& key, bool required, const std::string& example) {
    const toml::node* n = get(key, required, example);
    if (!n) return std::nullopt;
    if (n->is_boolean()) return n->value<bool>();
    wrong_type(key, *n, "true 或 false（不加引号）", "true or false (no quotes)", example);
    return std::nullopt;
}

std::vector<std::string> FieldReader::text_list(const std::string& key, const std::string& example) {
    std::vector<std::string> out;
    const toml::node* n = get(key, false, example);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr) {
        wrong_type(key, *n, "文本列表", "a list of texts", example);
        return out;
    }
    for (const toml::node& item : *arr) {
        if (auto s = item.value<std::string>(); s && item.is_string()) {
            out.push_back(*s);
        } else {
            wrong_type(key, item, "用引号括起的文本", "quoted text", example);
        }
    }
    return out;
}

std::vector<const toml::table*> FieldReader::tables(const std::string& key, const std::string& example) {
    std::vector<const toml::table*> out;
    const toml::node* n = get(key, false, example);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr) {
        wrong_type(key, *n, "表数组 [[…]]", "an array of tables [[…]]", example);
        return out;
    }
    for (const toml::node& item : *arr) {
        if (const toml::table* t = item.as_table()) {
            out.push_back(t);
        } else {
            wrong_type(key, item, "表数组 [[…]]", "an array of tables [[…]]", example);
        }
    }
    return out;
}

void FieldReader::warn_unknown(const std::vector<std::string>& known) {
    for (const auto& [k, node] : table_) {
        const std::string key(k.str());
        if (std::find(known.begin(), known.end(), key) != known.end()) continue;
        std::string hint;
        if (auto close = closest_match(key, known)) {
            hint = say(language_, Msg::unknown_field_hint_suggest, *close);
        } else {
            hint = say(language_, Msg::unknown_field_hint, fmt::format("{}", fmt::join(known, ", ")));
        }
        const SourceLoc loc = loc_of(node);
        diags_.warning(loc, say(language_, Msg::unknown_field, key), hint, line_text(file_.text, loc.line));
    }
}

std::optional<std::string> FieldReader::text(const FieldSpec& f) {
    return text(std::string(f.key), f.required, std::string(f.example));
}
std::optional<std::int64_t> FieldReader::integer(const FieldSpec& f) {
    return integer(std::string(f.key), f.required, std::string(f.example));
}
std::optional<double> FieldReader::number(const FieldSpec& f) {
    return number(std::string(f.key), f.required, std::string(f.example));
}
std::optional<Date> FieldReader::date(const FieldSpec& f) {
    return date(std::string(f.key), f.required, std::string(f.example));
}
std::optional<bool> FieldReader::boolean(const FieldSpec& f) {
    return boolean(std::string(f.key), f.required, std::string(f.example));
}
std::vector<std::string> FieldReader::text_list(const FieldSpec& f) {
    return text_list(std::string(f.key), std::string(f.example));
}
std::vector<const toml::table*> FieldReader::tables(const FieldSpec& f) {
    return tables(std::string(f.key), std::string(f.example));
}
SourceLoc FieldReader::loc_of(const FieldSpec& f) const { return loc_of(std::string(f.key)); }
void FieldReader::warn_unknown_fields(const FieldTable& table) { warn_unknown(table.keys()); }

}  // namespace bulletin
