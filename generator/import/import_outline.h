#pragma once
// The tolerant reader: any text in, a bulletin out. Used when the strict
// section parser cannot read a text, or reads it without the lead units the
// text names. It looks at the outline as a whole before reading it:
//
//   1. the title: the first line, unless it reads as prose (a sentence
//      ending in a colon, a quotation, a long clause); a second short line
//      right below completes a title that does not end like one;
//   2. a table pasted one cell per line (a header row of labels with a lead
//      column and a project or content column), read row by row;
//   3. else the level of the outline that holds the projects: the marker
//      form the lead labels are attached to (1、 in "1、…工程，牵头部门：市交通局。"),
//      else a 项目名称 label, else the first marker form with two items or
//      more, else the first; higher levels are headings and go to the preamble, lower ones
//      are outcomes;
//   4. else paragraphs whose first sentence is a short title, or that close
//      with (牵头单位：…);
//   5. else no project: the whole text is the preamble.
// Every reading it is unsure of is recorded as a guess for the editor.
//
// The reader is one class over three files, one per layout besides the outline:
// import_outline_table.cpp (a table pasted one cell per line) and
// import_outline_paragraphs.cpp (titled paragraphs); the rest is here.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "import_parse.h"

namespace bulletin::outline {

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes);

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> suffixes);

bool contains_any(std::string_view s, std::initializer_list<std::string_view> parts);

/// A cell that names a unit (县水务局, 县代建中心, 县残联), not a date or a task.
bool names_a_unit(std::string_view s);

bool has_digit(std::string_view s);

std::string_view strip_suffixes(std::string_view s, std::initializer_list<std::string_view> suffixes);

std::string_view strip_sentence_end(std::string_view s);

class OutlineReader {
public:
    OutlineReader(const std::vector<Token>& tokens, std::string_view language) : all_(tokens), lang_(language) {}

    ImportedBulletin run();

private:
    // the title (import_outline.cpp)
    std::size_t read_title();

    // a table pasted one cell per line (import_outline_table.cpp)
    static bool header_cell(const Token& t);
    static std::optional<int> bare_number(const Token& t);
    bool read_table();
    void read_row(const std::vector<Token>& cells, int line, const std::vector<Token>& columns, std::size_t subject_col,
                  std::size_t lead_col);

    // the outline (import_outline.cpp)
    bool has_lead(std::size_t i) const;
    bool read_outline();
    void to_preamble(const Token& tok);
    void start_project(const Token& tok);
    /// The title and whatever follows it on the same line: lead units, outcome text.
    void set_title(std::string rest, int line);
    static std::string join(std::string a, const std::string& b);
    void in_project(const Token& tok, bool marker);
    static void add_summary(ImportedProject& p, const std::string& text);
    /// An outcome's text: a closing （牵头单位：…） names the lead; a numbered
    /// item is one outcome, a paragraph of ；-clauses gives one per clause.
    void add_outcome(ImportedProject& p, std::string text, int line, bool numbered);

    // titled paragraphs (import_outline_paragraphs.cpp)
    static bool titled_paragraph(const Token& t);
    bool read_paragraphs();

    // the end (import_outline.cpp)
    void finish();
    void guess(int line, std::string message);

    const std::vector<Token>& all_;
    std::string lang_;
    std::vector<Token> t_;
    ImportedBulletin b_;
    bool pending_department_ = false;
    bool pending_title_ = false;
    bool heading_noted_ = false;
    bool content_mode_ = false;
    bool last_numbered_ = false;
    int numbered_ = 0;
};

}  // namespace bulletin::outline
