#pragma once
// Turns a recognised bulletin into the content files it becomes: front
// matter + Markdown per the content format, and the departments to add.
// Pure: it returns bytes; run_import checks and writes them.
#include <string>
#include <vector>

#include "import_parse.h"
#include "import_slug.h"
#include "model.h"

namespace bulletin {

/// What the content tree looks like before the import.
struct ImportTarget {
    std::string edition;                         ///< folder name, e.g. "2022"
    int year = 0;                                ///< the edition's year
    std::vector<Department> departments;         ///< listed in departments.toml, as written
    std::string departments_toml;                ///< its text; "" when the file does not exist
    bool departments_toml_exists = false;
    std::string language = "zh-CN";             ///< of the comments written into the draft
};

/// One file to write, relative to the content folder ("2022/_index.md").
struct PlannedFile {
    std::string path;
    std::string bytes;
    bool extends_existing = false;  ///< departments.toml: its old text followed by new entries
};

/// Something the editor has to do in a written file.
struct OutputNotice {
    std::string path;      ///< relative to the content folder
    int line = 0;          ///< line of that file (its `# 待核对：` comment)
    std::string message;
    int source_line = 0;   ///< line of the input it comes from; 0 when none
    bool guess = false;    ///< a reading the importer is unsure of (--strict refuses it)
};

struct ImportPlan {
    std::vector<PlannedFile> files;  ///< _index.md, then projects in order, then departments.toml
    std::vector<OutputNotice> notices;
    std::vector<Department> added_departments;
};

/// Plans every file of the import. Project slugs are unique within the
/// edition, department slugs across departments.toml; a department whose
/// name or full name is already listed is reused under its listed name.
ImportPlan plan_import(const ImportedBulletin& bulletin, const ImportTarget& target, const SlugMaker& slugs);

/// The Markdown of one outcome after its "1. " marker: escaped, the lead
/// sentence bold with its 。 outside the emphasis (so CommonMark closes it),
/// further paragraphs indented by `indent` spaces.
std::string outcome_markdown(const std::string& text, int indent);

/// Backslash-escapes what Markdown would read as syntax.
std::string escape_markdown(std::string_view text);

/// The edition title without a leading year the site adds anyway:
/// "2023年度群众身边…" with year 2023 → "群众身边…"; otherwise unchanged.
std::string title_without_year(const std::string& title, int year);

}  // namespace bulletin
