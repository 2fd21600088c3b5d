// The tolerant reader (import_outline.h), for a table pasted one cell per
// line: a header row of labels with a lead column and a project or content
// column, then the rows, each started by its number or told by the count of
// its cells.
#include <algorithm>

#include "import_outline.h"
#include "messages.h"
#include "text.h"

namespace bulletin {

bool is_header_like(std::string_view cell) {
    const LineInfo info = classify_line(cell);
    if (info.kind == LineKind::label) return info.bare;
    return info.kind == LineKind::text && utf8_length(cell) <= 8 && !outline::has_digit(cell) &&
           !outline::contains_any(cell, {"，", ",", "。", "；", ";", "：", ":", "、", "（", "("});
}

namespace outline {

bool OutlineReader::header_cell(const Token& t) { return t.info.kind == LineKind::label && t.info.bare; }

std::optional<int> OutlineReader::bare_number(const Token& t) {
    if (t.text.empty() || t.text.size() > 3 || !std::all_of(t.text.begin(), t.text.end(), [](char c) {
            return c >= '0' && c <= '9';
        })) {
        return std::nullopt;
    }
    return std::stoi(t.text);
}

bool OutlineReader::read_table() {
    std::size_t header = t_.size();
    std::size_t header_end = 0;
    for (std::size_t i = 0; i < t_.size() && header == t_.size(); ++i) {
        if (!header_cell(t_[i])) continue;
        std::size_t j = i;
        bool lead = false, subject = false, unnamed = false;
        while (j < t_.size() && is_header_like(t_[j].text)) {
            const LineInfo& info = t_[j].info;
            lead = lead || (header_cell(t_[j]) && info.field == Field::department);
            subject = subject || (header_cell(t_[j]) && (info.field == Field::project || info.field == Field::content));
            unnamed = unnamed || !header_cell(t_[j]);
            ++j;
        }
        const bool then_rows = j < t_.size() && (bare_number(t_[j]) == 1 || subject);
        if (j - i >= 3 && lead && (subject || unnamed) && then_rows) {
            header = i;
            header_end = j;
        }
    }
    if (header == t_.size()) return false;
    std::vector<Token> columns(t_.begin() + static_cast<std::ptrdiff_t>(header),
                               t_.begin() + static_cast<std::ptrdiff_t>(header_end));
    // A column without a known name (民生实事) is the subject when none is named, else kept as written.
    bool subject_given = std::any_of(columns.begin(), columns.end(), [](const Token& c) {
        return header_cell(c) && (c.info.field == Field::project || c.info.field == Field::content);
    });
    for (Token& c : columns) {
        if (header_cell(c)) continue;
        c.info.kind = LineKind::label;
        c.info.bare = true;
        c.info.field = subject_given ? Field::other : Field::project;
        subject_given = true;
    }
    for (std::size_t i = 0; i < header; ++i) b_.preamble.push_back(t_[i].text);
    const bool numbered = columns.front().info.field == Field::number;
    if (numbered) columns.erase(columns.begin());
    const auto subject = std::find_if(columns.begin(), columns.end(), [](const Token& c) {
        return c.info.field == Field::project;
    });
    const std::size_t subject_col = static_cast<std::size_t>(
        subject != columns.end() ? subject - columns.begin()
                                 : std::find_if(columns.begin(), columns.end(), [](const Token& c) {
                                       return c.info.field == Field::content;
                                   }) - columns.begin());
    const std::size_t lead_col = static_cast<std::size_t>(
        std::find_if(columns.begin(), columns.end(), [](const Token& c) { return c.info.field == Field::department; }) -
        columns.begin());

    // Rows: split at the next row number (or, without a number column, every columns.size() cells).
    std::vector<std::vector<Token>> rows;
    std::vector<int> row_lines;
    std::size_t i = header_end;
    int expect = 1;
    while (i < t_.size()) {
        if (header_cell(t_[i])) {  // the header row repeated on a new page
            ++i;
            continue;
        }
        if (numbered) {
            if (bare_number(t_[i]) != expect) {
                if (rows.empty()) {
                    b_.preamble.push_back(t_[i].text);
                    guess(t_[i].line, say(lang_, Msg::import_g_before_row, expect));
                } else {
                    rows.back().push_back(t_[i]);
                }
                ++i;
                continue;
            }
            row_lines.push_back(t_[i].line);
            rows.emplace_back();
            ++expect;
            ++i;
            continue;
        }
        if (rows.empty() || rows.back().size() == columns.size()) {
            rows.emplace_back();
            row_lines.push_back(t_[i].line);
        }
        rows.back().push_back(t_[i++]);
    }
    for (std::size_t r = 0; r < rows.size(); ++r) read_row(rows[r], row_lines[r], columns, subject_col, lead_col);
    return true;
}

void OutlineReader::read_row(const std::vector<Token>& cells, int line, const std::vector<Token>& columns, std::size_t subject_col,
              std::size_t lead_col) {
    ImportedProject p;
    p.number = static_cast<int>(b_.projects.size()) + 1;
    p.line = line;
    // Which column each cell belongs to: one cell per column when the
    // counts match; else the cells before the lead column from the
    // front, those after it from the back, the rest (several units, one
    // per line) to the lead column.
    std::vector<std::size_t> owner(cells.size(), lead_col);
    if (cells.size() != columns.size()) {
        p.guesses.push_back({line, say(lang_, Msg::import_g_row_cells, cells.size(), columns.size())});
    }
    const std::size_t before = std::min(lead_col, cells.size());
    for (std::size_t c = 0; c < before; ++c) owner[c] = c;
    const std::size_t after = columns.size() - lead_col - 1;
    for (std::size_t k = 0; k < after && before + k < cells.size(); ++k) {
        owner[cells.size() - 1 - k] = columns.size() - 1 - k;
    }
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const Token& cell = cells[c];
        const Field field = columns[owner[c]].info.field;
        if (owner[c] == subject_col) {
            std::string title = cell.text;
            std::vector<std::string> named = take_parenthesised_departments(title);
            if (p.title.empty()) {
                p.title = std::string(strip_sentence_end(title));
            } else {
                add_outcome(p, cell.text, cell.line, false);
            }
            for (std::string& d : named) p.departments.push_back(std::move(d));
        } else if (field == Field::department && (owner[c] != lead_col || cells.size() == columns.size() ||
                                                  names_a_unit(cell.text))) {
            for (std::string& d : split_departments(cell.text)) p.departments.push_back(std::move(d));
        } else if (field == Field::department) {
            // An extra cell that is not a unit: kept as an outcome of the row.
            add_outcome(p, cell.text, cell.line, false);
        } else {
            p.outcomes.push_back({columns[owner[c]].text + "：" + cell.text, cell.line});
        }
    }
    b_.projects.push_back(std::move(p));
}

}  // namespace outline
}  // namespace bulletin
