#pragma once
// `bulletin import`: a plain-text bulletin (pasted from Word or a PDF) into content files.
#include <filesystem>
#include <iosfwd>
#include <string>

namespace bulletin {

struct ImportOptions {
    std::filesystem::path input;        ///< the text file (UTF-8, or GBK/GB18030 detected)
    std::string edition;                ///< edition id, e.g. "2022"
    std::filesystem::path content_dir;  ///< the content tree to write into
    bool force = false;                 ///< overwrite existing files
    bool strict = false;                ///< a guess is an error: write nothing then
    bool dry_run = false;               ///< print the plan, write nothing
};

/// Reads the text, writes `<edition>/_index.md`, one file per project and any
/// missing departments. Prints what it wrote to `out`, and to `err` every
/// guess (the input line and the draft's `# 待核对` line) and what is left to
/// fill in. Returns 0 on success, 1 when the text cannot be read (not text,
/// empty) or, with `strict`, when the importer had to guess (nothing is
/// written then), 2 on usage or I/O errors. With `dry_run` it prints the
/// plan (edition, each project's number, title, lead, outcome count) and
/// writes nothing. Validation of the result is the
/// caller's (the same as `bulletin check`).
int run_import(const ImportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace bulletin
