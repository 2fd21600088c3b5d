// Projects laid out as a table and pasted one cell per line:
//   序号 / 治理项目 / 牵头单位 / 治理成果      (the header row)
//   1 / 新能源汽车… / 区发改局 / 1. … / 2. …   (one row per project)
// The header gives the order of the cells; a row's outcomes run until the
// next row number, or, without a number column, while they are numbered.
#include <algorithm>

#include <fmt/format.h>

#include "import_parse.h"
#include "messages.h"
#include "text.h"

namespace bulletin {
namespace {

std::string_view column_name(Field f) {
    switch (f) {
        case Field::number: return "序号";
        case Field::project: return "项目名称";
        case Field::department: return "牵头单位";
        case Field::outcomes: return "治理成果";
        default: break;
    }
    return "";
}

/// The row number a cell holds: "3", "三" or "3." alone.
std::optional<int> row_number(const Token& tok) {
    const LineInfo& info = tok.info;
    if ((info.kind == LineKind::section || info.kind == LineKind::numbered) && info.rest.empty()) return info.number;
    if (tok.text.empty() || tok.text.size() > 3) return std::nullopt;
    int n = 0;
    for (char c : tok.text) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

bool is_header_cell(const Token& tok) { return tok.info.kind == LineKind::label && tok.info.bare; }

class TableParser {
public:
    TableParser(const std::vector<Token>& tokens, ImportedBulletin& bulletin, std::string_view language)
        : t_(tokens), b_(bulletin), language_(language) {}

    std::optional<ImportError> run(std::size_t header) {
        i_ = header;
        while (i_ < t_.size() && is_header_cell(t_[i_])) columns_.push_back(t_[i_++].info.field);
        const bool has_project = std::find(columns_.begin(), columns_.end(), Field::project) != columns_.end();
        const bool has_outcomes = std::find(columns_.begin(), columns_.end(), Field::outcomes) != columns_.end();
        const bool plain = std::all_of(columns_.begin(), columns_.end(), [](Field f) {
            return f == Field::number || f == Field::project || f == Field::department || f == Field::outcomes;
        });
        if (!has_project || !has_outcomes || !plain) {
            return ImportError{t_[header].line, std::string(text(Msg::import_e_table_header, language_))};
        }
        numbered_rows_ = std::find(columns_.begin(), columns_.end(), Field::number) != columns_.end();
        while (i_ < t_.size() && !error_) {
            // A PDF repeats the header row on every page.
            if (is_header_cell(t_[i_])) {
                while (i_ < t_.size() && is_header_cell(t_[i_])) ++i_;
                continue;
            }
            read_row();
        }
        return error_;
    }

private:
    void fail(int line, std::string message) {
        if (!error_) error_ = ImportError{line, std::move(message)};
    }

    /// True at the number cell of row `row`, or at a repeated header row.
    bool at_row_start(int row) const {
        if (i_ >= t_.size() || is_header_cell(t_[i_])) return true;
        return numbered_rows_ && row_number(t_[i_]) == row;
    }

    void read_row() {
        ImportedProject p;
        p.number = static_cast<int>(b_.projects.size()) + 1;
        p.line = t_[i_].line;
        for (std::size_t c = 0; c < columns_.size() && !error_; ++c) {
            const Field column = columns_[c];
            if (i_ >= t_.size()) {
                return fail(t_.back().line, say(language_, Msg::import_e_table_end, p.number, column_name(column)));
            }
            const Token& cell = t_[i_];
            if (column == Field::outcomes) {
                read_outcomes(p, c + 1 == columns_.size());
                continue;
            }
            ++i_;
            if (column == Field::number) {
                if (row_number(cell) != p.number) {
                    return fail(cell.line, say(language_, Msg::import_e_table_number, p.number, utf8_prefix(cell.text, 30)));
                }
            } else if (cell.info.kind != LineKind::text) {
                return fail(cell.line, say(language_, Msg::import_e_table_cell, p.number, column_name(column),
                                           utf8_prefix(cell.text, 30)));
            } else if (column == Field::project) {
                p.title = cell.text;
                std::vector<std::string> named = take_parenthesised_departments(p.title);
                if (p.departments.empty()) p.departments = std::move(named);
            } else if (column == Field::department) {
                p.departments = split_departments(cell.text);
            }
        }
        if (!error_ && p.outcomes.empty()) {
            fail(p.line, say(language_, Msg::import_e_table_no_outcomes, p.number, utf8_prefix(p.title, 30)));
        }
        b_.projects.push_back(std::move(p));
    }

    void read_outcomes(ImportedProject& p, bool last_column) {
        int numbered = 0;
        while (i_ < t_.size() && !error_) {
            const Token& cell = t_[i_];
            if (last_column && numbered_rows_ && at_row_start(p.number + 1)) return;
            if (cell.info.kind == LineKind::numbered && !cell.info.rest.empty()) {
                if (cell.info.number != numbered + 1) {
                    return fail(cell.line, say(language_, Msg::import_e_outcome_number, numbered + 1, cell.info.number));
                }
                p.outcomes.push_back({cell.info.rest, cell.line});
                ++numbered;
            } else if (cell.info.kind == LineKind::text && numbered > 0 && last_column && numbered_rows_) {
                p.outcomes.back().text += "\n\n" + cell.text;  // a second paragraph in the same cell
            } else if (cell.info.kind == LineKind::text && p.outcomes.empty()) {
                for (std::string& clause : split_clauses(cell.text)) p.outcomes.push_back({std::move(clause), cell.line});
                ++i_;
                if (!(last_column && numbered_rows_)) return;  // one paragraph is the whole cell
                continue;
            } else {
                return;
            }
            ++i_;
        }
    }

    const std::vector<Token>& t_;
    ImportedBulletin& b_;
    std::string_view language_;
    std::vector<Field> columns_;
    bool numbered_rows_ = false;
    std::size_t i_ = 0;
    std::optional<ImportError> error_;
};

}  // namespace

std::optional<ImportError> parse_table(const std::vector<Token>& tokens, std::size_t header, ImportedBulletin& bulletin,
                                       std::string_view language) {
    return TableParser(tokens, bulletin, language).run(header);
}

}  // namespace bulletin
