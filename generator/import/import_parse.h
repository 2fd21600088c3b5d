#pragma once
// Structure recognition for `bulletin import`: the text of a bulletin in →
// a plain value out (title, preamble, projects), or an error naming the
// line and what was expected there. Pure: no disk, no globals, so tests
// call it directly.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import_lines.h"
#include "import_text.h"

namespace bulletin {

/// One outcome of a project, as the bulletin words it (no Markdown).
/// `text` may hold more than one paragraph, separated by "\n\n".
struct ImportedOutcome {
    std::string text;
    int line = 0;
};

/// A reading the importer is not sure of: the draft says `# 待核对：message`
/// where it matters and the command prints one line naming both places.
struct ImportGuess {
    int line = 0;          ///< line of the input file
    std::string message;   ///< what was guessed and what to check, in the site's language
    bool guess = true;     ///< false for a fact to fill in (a project without outcomes): --strict accepts it
};

struct ImportedProject {
    std::string title;
    std::vector<std::string> departments;  ///< first leads (`department`), the rest are `co_departments`
    std::vector<ImportedOutcome> outcomes;
    int number = 0;  ///< the section number (一 → 1), or its position when the text has none
    int line = 0;    ///< where the project starts in the input
    std::string summary{};              ///< 项目内容: what was planned
    std::vector<std::string> notes{};   ///< lines kept as comments (牵头领导：张三)
    std::vector<ImportGuess> guesses{}; ///< shown in this project's file
};

struct ImportedBulletin {
    std::string title;                   ///< the title line as printed
    std::vector<std::string> preamble;   ///< paragraphs before the first project
    std::vector<ImportedProject> projects;
    std::vector<ImportGuess> guesses;    ///< shown in the edition's _index.md
    bool title_missing = false;          ///< the text has no title line: `title` is left out of the draft
    std::string publisher;               ///< a closing line that signs the text (六安市民生办)
};

struct ImportError {
    int line = 0;          ///< line of the input file (0 for the end of the file)
    std::string message;   ///< what was found and what was expected, in the site's language
};

/// `bulletin` is set on success, `error` otherwise; `notes` either way
/// (the repairs made to the text).
struct ParseResult {
    std::optional<ImportedBulletin> bulletin;
    ImportError error;
    std::vector<ImportNote> notes;
};

/// Recognises the bulletin in `text` (UTF-8, already decoded): repairs page
/// breaks, then reads the title, the preamble and every project in any of
/// the forms `docs/import.md` lists (labelled fields, numbered sections,
/// a paragraph of clauses, a table pasted one cell per line).
ParseResult parse_bulletin(std::string_view text, std::string_view language = "zh-CN");

/// A classified line of the repaired text; what the structure parsers read.
struct Token {
    int line = 0;
    std::string text;
    LineInfo info;
};

/// Reads projects laid out as a table pasted one cell per line, starting at
/// the header row `tokens[header]`. Fills `bulletin.projects`; returns an
/// error when a row does not have the cells the header announces.
std::optional<ImportError> parse_table(const std::vector<Token>& tokens, std::size_t header, ImportedBulletin& bulletin,
                                       std::string_view language = "zh-CN");

/// Reads any text as a bulletin, never failing: finds the level of the
/// outline that carries the projects (the one the lead units are attached
/// to, else the first with two items or more), a table pasted one cell per
/// line, or paragraphs whose first sentence is a title; everything else
/// goes to the preamble. Each uncertain reading is recorded as a guess.
ImportedBulletin parse_outline(const std::vector<Token>& tokens, std::string_view language = "zh-CN");

/// A cell of a table's header row: a bare label, or a short name without
/// punctuation or digits (民生实事).
bool is_header_like(std::string_view cell);

/// Where a lead label (牵头单位：…, also in parentheses) sits in `text`.
struct LeadMatch {
    std::size_t start = 0;   ///< where the label (or its opening parenthesis) starts
    std::size_t end = 0;     ///< just past the value (and its closing parenthesis or 。)
    std::string value;       ///< the units as written
    bool parenthesised = false;
};
std::optional<LeadMatch> find_lead(std::string_view text);

/// Splits 区发改局、区住建局 or 区发改局，区住建局 into names.
std::vector<std::string> split_departments(std::string_view value);

/// Takes a trailing （牵头单位：…） off a title; returns the departments it named.
std::vector<std::string> take_parenthesised_departments(std::string& title);

/// Splits a paragraph of clauses (…；…；…。) into outcomes, without the ； between them.
std::vector<std::string> split_clauses(std::string_view paragraph);

}  // namespace bulletin
