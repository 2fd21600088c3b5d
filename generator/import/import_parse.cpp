#include "import_parse.h"

#include <algorithm>

#include <fmt/format.h>

#include "messages.h"
#include "text.h"

namespace bulletin {
namespace {

// A line of the text as a message quotes it: its first 30 characters.
std::string cut(std::string_view s) { return utf8_prefix(s, 30); }

/// The header row of a table pasted one cell per line: two or more bare
/// labels in a row (blank lines between them allowed), one of them the project.
template <typename Line, typename TextOf>
std::optional<std::size_t> find_table_header(const std::vector<Line>& lines, TextOf text_of) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        int cells = 0;
        bool project = false;
        for (std::size_t j = i; j < lines.size(); ++j) {
            if (text_of(lines[j]).empty()) continue;
            const LineInfo info = classify_line(text_of(lines[j]));
            if (info.kind != LineKind::label || !info.bare) break;
            ++cells;
            project = project || info.field == Field::project || info.field == Field::content;
        }
        if (cells >= 2 && project) return i;
        if (!text_of(lines[i]).empty() && is_structural(classify_line(text_of(lines[i])))) return std::nullopt;
    }
    return std::nullopt;
}

/// A header row of a table pasted one cell per line whose subject column
/// has a name of its own (序号 / 民生实事 / 责任单位 / 完成时限), followed by
/// the row number 1. In such a text a short line repeated between blank
/// lines is a cell and a bare number a row number: neither is page furniture.
bool has_cell_table(const std::vector<TextLine>& lines) {
    std::vector<const TextLine*> cells;
    for (const TextLine& l : lines) {
        if (!l.text.empty()) cells.push_back(&l);
    }
    for (std::size_t i = 0; i < cells.size(); ++i) {
        std::size_t j = i;
        bool number = false, lead = false;
        while (j < cells.size() && is_header_like(cells[j]->text)) {
            const LineInfo info = classify_line(cells[j]->text);
            number = number || (info.kind == LineKind::label && info.field == Field::number);
            lead = lead || (info.kind == LineKind::label && info.field == Field::department);
            ++j;
        }
        if (j - i >= 3 && number && lead && j < cells.size() && cells[j]->text == "1") return true;
    }
    return false;
}

/// Reads the projects of a bulletin written as sections (一、… / 治理项目：… / 1. …).
class SectionParser {
public:
    SectionParser(const std::vector<Token>& tokens, ImportedBulletin& bulletin, std::string_view language)
        : t_(tokens), b_(bulletin), language_(language) {}

    std::optional<ImportError> run(std::size_t start) {
        // Arabic section numbers (1. 新能源…) are only used when the first
        // project starts with one; otherwise every Arabic number is an outcome.
        if (t_[start].info.kind == LineKind::numbered) arabic_form_ = t_[start].info.form;
        for (std::size_t i = start; i < t_.size() && !error_; ++i) step(i);
        if (!error_ && pending_ != Pending::none) {
            fail(t_.back().line, std::string(text(pending_ == Pending::title ? Msg::import_e_end_title : Msg::import_e_end_lead,
                                                  language_)));
        }
        if (!error_ && current_) finish();
        return error_;
    }

private:
    enum class Pending { none, title, department };

    void fail(int line, std::string message) {
        if (!error_) error_ = ImportError{line, std::move(message)};
    }

    ImportedProject* cur() { return current_ ? &b_.projects.back() : nullptr; }

    void step(std::size_t i) {
        const Token& tok = t_[i];
        const LineInfo& info = tok.info;
        if (pending_ != Pending::none) {
            const bool is_title = pending_ == Pending::title;
            pending_ = Pending::none;
            if (info.kind != LineKind::text) {
                return fail(tok.line, say(language_, is_title ? Msg::import_e_expected_title : Msg::import_e_expected_lead,
                                          cut(tok.text)));
            }
            return is_title ? set_title(tok.text, tok.line) : set_departments(tok.text, tok.line);
        }
        switch (info.kind) {
            case LineKind::section:
                start_project(info.number, tok);
                return apply_heading(info.rest, tok.line);
            case LineKind::numbered:
                if (is_arabic_heading(i)) {
                    start_project(info.number, tok);
                    return apply_heading(info.rest, tok.line);
                }
                return add_numbered(tok);
            case LineKind::label:
                return apply_label(info, tok);
            case LineKind::text:
                if (cur() && cur()->title.empty()) return set_title(tok.text, tok.line);
                return add_text(tok);
            case LineKind::blank:
                return;
        }
    }

    bool is_arabic_heading(std::size_t i) const {
        const LineInfo& info = t_[i].info;
        if (classify_line(info.rest).field == Field::project) return true;
        if (arabic_form_ == NumberForm::none || info.form != arabic_form_ || info.number != section_ + 1) return false;
        if (!current_) return true;
        // The same form may number outcomes too: a number that cannot be the
        // next outcome, or that is followed by a 1 or by a project's labels
        // before the next number of this form, starts a section.
        if (info.number != next_outcome_number()) return true;
        if (numbered_outcomes_ > 0 && outcome_form_ != arabic_form_) return true;
        for (std::size_t j = i + 1; j < t_.size(); ++j) {
            const LineInfo& next = t_[j].info;
            if (next.kind == LineKind::numbered) return next.form != arabic_form_ || next.number == 1;
            if (next.kind == LineKind::label && (next.field == Field::project || next.field == Field::outcomes)) {
                return true;
            }
        }
        return false;
    }

    int next_outcome_number() const { return numbered_outcomes_ + 1; }

    void start_project(int number, const Token& tok) {
        if (current_) finish();
        if (error_) return;
        if (number != section_ + 1) {
            return fail(tok.line, say(language_, Msg::import_e_section_number, section_ + 1, chinese_numeral(section_ + 1),
                                      number));
        }
        section_ = number;
        ImportedProject p;
        p.number = number;
        p.line = tok.line;
        b_.projects.push_back(std::move(p));
        current_ = true;
        numbered_outcomes_ = 0;
        last_was_numbered_ = false;
        department_line_ = 0;
    }

    void finish() {
        const ImportedProject& p = b_.projects.back();
        if (p.title.empty()) {
            return fail(p.line, say(language_, Msg::import_e_no_title, p.number));
        }
        if (p.outcomes.empty()) {
            return fail(p.line, say(language_, Msg::import_e_no_outcomes, cut(p.title)));
        }
    }

    void apply_heading(const std::string& rest, int line) {
        if (rest.empty() || error_) return;
        const LineInfo info = classify_line(rest);
        if (info.kind == LineKind::label) return apply_label(info, Token{line, rest, info});
        set_title(rest, line);
    }

    void apply_label(const LineInfo& info, const Token& tok) {
        if (info.field == Field::project) {
            if (!current_ || !cur()->title.empty()) start_project(section_ + 1, tok);
            if (error_) return;
            if (info.rest.empty()) {
                pending_ = Pending::title;
                return;
            }
            return set_title(info.rest, tok.line);
        }
        if (!current_ || cur()->title.empty()) {
            return fail(tok.line, say(language_, Msg::import_e_title_first, cut(tok.text)));
        }
        if (info.field == Field::department) {
            if (info.rest.empty()) {
                pending_ = Pending::department;
                return;
            }
            return set_departments(info.rest, tok.line);
        }
        if (info.field == Field::outcomes) {
            last_was_numbered_ = false;
            if (info.rest.empty()) return;
            const LineInfo inner = classify_line(info.rest);
            Token value{tok.line, info.rest, inner};
            return inner.kind == LineKind::numbered ? add_numbered(value) : add_text(value);
        }
        fail(tok.line, say(language_, Msg::import_e_header_here, cut(tok.text)));
    }

    void set_title(std::string title, int line) {
        std::vector<std::string> departments = take_parenthesised_departments(title);
        cur()->title = std::move(title);
        if (!departments.empty()) set_department_list(std::move(departments), line);
    }

    void set_departments(std::string_view value, int line) { set_department_list(split_departments(value), line); }

    void set_department_list(std::vector<std::string> departments, int line) {
        if (!cur()->departments.empty()) {
            return fail(line, say(language_, Msg::import_e_lead_twice, cut(cur()->title), department_line_));
        }
        cur()->departments = std::move(departments);
        department_line_ = line;
        last_was_numbered_ = false;
    }

    void add_numbered(const Token& tok) {
        if (!current_ || cur()->title.empty()) {
            return fail(tok.line, say(language_, Msg::import_e_numbered_first, cut(tok.text)));
        }
        if (tok.info.number != next_outcome_number()) {
            return fail(tok.line, say(language_, Msg::import_e_outcome_number, next_outcome_number(), tok.info.number));
        }
        cur()->outcomes.push_back({tok.info.rest, tok.line});
        if (numbered_outcomes_++ == 0) outcome_form_ = tok.info.form;
        last_was_numbered_ = true;
    }

    void add_text(const Token& tok) {
        if (!current_) return fail(tok.line, std::string(text(Msg::import_e_project_start, language_)));
        if (last_was_numbered_) {
            // A second paragraph of the same numbered outcome.
            cur()->outcomes.back().text += "\n\n" + tok.text;
            return;
        }
        for (std::string& clause : split_clauses(tok.text)) cur()->outcomes.push_back({std::move(clause), tok.line});
    }

    const std::vector<Token>& t_;
    ImportedBulletin& b_;
    std::string_view language_;
    std::optional<ImportError> error_;
    NumberForm arabic_form_ = NumberForm::none;
    NumberForm outcome_form_ = NumberForm::none;  ///< how the current project numbers its outcomes
    Pending pending_ = Pending::none;
    bool current_ = false;
    bool last_was_numbered_ = false;
    int section_ = 0;
    int numbered_outcomes_ = 0;
    int department_line_ = 0;
};

/// The strict reading is used only when it is whole: at least two projects,
/// and every lead label of the text went to a project. Otherwise the
/// tolerant reader sees the outline as a whole.
bool strict_reading_complete(const std::vector<Token>& tokens, const ImportedBulletin& b) {
    if (b.projects.empty()) return false;
    int labels = 0;
    for (const Token& t : tokens) {
        if ((t.info.kind == LineKind::label && t.info.field == Field::department) || find_lead(t.text)) ++labels;
    }
    const auto led = std::count_if(b.projects.begin(), b.projects.end(), [](const ImportedProject& p) {
        return !p.departments.empty();
    });
    return labels <= led;
}

/// A first line that is a sentence (it ends with a colon, or is long prose), not a title.
bool reads_as_prose_title(std::string_view s) {
    const std::size_t n = utf8_length(s);
    return s.ends_with("：") || s.ends_with(":") || n > 60 ||
           (n > 40 && (s.find("，") != std::string_view::npos || s.find(",") != std::string_view::npos));
}

bool starts_project(const LineInfo& info) {
    return info.kind == LineKind::section || info.kind == LineKind::numbered ||
           (info.kind == LineKind::label && (info.field == Field::project || info.bare));
}

}  // namespace

ParseResult parse_bulletin(std::string_view text, std::string_view language) {
    ParseResult result;
    const std::vector<TextLine> raw = split_import_lines(text);
    const bool table = find_table_header(raw, [](const TextLine& l) -> const std::string& { return l.text; })
                           .has_value() ||
                       has_cell_table(raw);
    std::vector<Token> tokens;
    for (TextLine& line : repair_lines(raw, table, result.notes, language)) {
        if (line.text.empty()) continue;
        LineInfo info = classify_line(line.text);
        tokens.push_back({line.number, std::move(line.text), std::move(info)});
    }
    if (tokens.empty()) {
        result.error = {0, std::string(bulletin::text(Msg::import_e_empty, language))};
        return result;
    }
    ImportedBulletin b;
    if (is_structural(tokens[0].info)) {
        result.bulletin = parse_outline(tokens, language);
        return result;
    }
    b.title = tokens[0].text;
    std::size_t start = 1;
    // A title set on two lines ("区纪委区监委公布" / "漠视……工作成果"): the
    // next line, right below, short and without clause punctuation.
    while (start < tokens.size() && tokens[start].line == tokens[start - 1].line + 1 &&
           tokens[start].info.kind == LineKind::text && !ends_sentence(b.title) &&
           tokens[start].text.find("，") == std::string::npos && tokens[start].text.find("。") == std::string::npos &&
           utf8_length(tokens[start].text) <= 40) {
        b.title += " " + tokens[start++].text;
    }
    while (start < tokens.size() && !is_structural(tokens[start].info)) b.preamble.push_back(tokens[start++].text);
    if (start == tokens.size() || !starts_project(tokens[start].info) || reads_as_prose_title(b.title)) {
        result.bulletin = parse_outline(tokens, language);
        return result;
    }
    std::optional<ImportError> error;
    const auto header = find_table_header(tokens, [](const Token& t) -> const std::string& { return t.text; });
    if (header == start) {
        error = parse_table(tokens, start, b, language);
    } else {
        error = SectionParser(tokens, b, language).run(start);
    }
    if (error || !strict_reading_complete(tokens, b)) {
        result.bulletin = parse_outline(tokens, language);
        return result;
    }
    result.bulletin = std::move(b);
    return result;
}

}  // namespace bulletin
