#pragma once
// Turns a recognised bulletin into the content files it becomes: front
// matter + Markdown per the content format, and the departments to add.
// Pure: it returns bytes; run_import checks and writes them.
#include <string>
#include <vector>

#include "import_parse.h"
#include "import_slug.h"

namespace bulletin {

/// A department already listed in departments.toml.
struct KnownDepartment {
    std::string slug;
    std::string name;
    std::string full_name;
};

/// What the content tree looks like before the import.
struct ImportTarget {
    std::string edition;                         ///< folder name, e.g. "2022"
    int year = 0;                                ///< the edition's year
    std::vector<KnownDepartment> departments;    ///< from departments.toml
    std::string departments_toml;                ///< its text; "" when the file does not exist
    bool departments_toml_exists = false;
};

/// One file to write, relative to the content folder ("2022/_index.md").
struct PlannedFile {
    std::string path;
    std::string bytes;
    bool extends_existing = false;  ///< departments.toml: its old text followed by new entries
};

/// Something the editor has to do in a written file.
struct OutputNotice {
    std::string path;  ///< relative to the content folder
    int line = 0;      ///< line of that file
    std::string message;
};

struct ImportPlan {
    std::vector<PlannedFile> files;  ///< _index.md, then projects in order, then departments.toml
    std::vector<OutputNotice> notices;
    std::vector<KnownDepartment> added_departments;
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

/// The date the importer writes for `published` until the editor sets it:
/// 1 January of the year after `year`.
std::string placeholder_published(int year);

}  // namespace bulletin
