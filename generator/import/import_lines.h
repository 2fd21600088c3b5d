#pragma once
// What one line of a pasted bulletin is: a section marker, a numbered item,
// a field label or plain text. Both the page-break repair and the structure
// parser need the same answer, so it is decided here once.
#include <optional>
#include <string>
#include <string_view>

namespace bulletin {

enum class LineKind {
    blank,
    section,   ///< a Chinese-numeral section marker: 一 / 一、 / （一） / 第一
    numbered,  ///< an Arabic or circled number: 1. / 1、 / （1） / ①
    label,     ///< a field label: 治理项目：… / 牵头单位：… / 治理成果：…
    text,
};

/// How a section marker or a numbered item is written; items of one list
/// share a form, which is how sections and outcomes are told apart.
enum class NumberForm { none, alone, comma, paren, di, dot, circled };

/// The field a label names. `number` is the 序号 column of a table.
enum class Field {
    none,
    number,      ///< 序号
    project,     ///< 治理项目 / 项目名称 …
    department,  ///< 牵头单位 / 责任单位 … (a unit, never a person)
    outcomes,    ///< 治理成果 / 进展情况 / 完成情况 …
    content,     ///< 项目内容: what was planned, kept as the project's summary
    person,      ///< 牵头领导 / 责任人: a person, never a department
    other,       ///< a table column kept as written: 备注, 完成时限
};

struct LineInfo {
    LineKind kind = LineKind::blank;
    NumberForm form = NumberForm::none;
    int number = 0;      ///< section or item number
    Field field = Field::none;
    bool bare = false;   ///< a label alone without a colon (a table's header cell)
    std::string rest;    ///< the text after the marker, or the label's value
};

/// Classifies one trimmed line.
LineInfo classify_line(std::string_view line);

/// 一 → 1, 十三 → 13, 二十 → 20, 一百零一 → 101; nullopt for anything else.
std::optional<int> parse_chinese_numeral(std::string_view s);

/// True when the line is structure (marker, numbered item or label), not prose.
bool is_structural(const LineInfo& info);

/// Removes white space (ASCII, full-width U+3000, no-break U+00A0, form feed) at both ends.
std::string_view trim_text(std::string_view s);

/// The last code point of `s` ignoring closing quotes and brackets, as UTF-8.
std::string_view last_significant_char(std::string_view s);

/// True when `s` ends a sentence or a clause: 。！？；：… (closing quotes skipped).
bool ends_sentence(std::string_view s);

/// A bracketed group that closes `s` ("…17处（牵头单位：市水利局）", full or
/// half width): the text before it, trimmed, and what is inside the brackets.
struct ClosingAside {
    std::string_view before;
    std::string_view inner;
};
std::optional<ClosingAside> closing_aside(std::string_view s);

}  // namespace bulletin
