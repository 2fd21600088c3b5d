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
};

/// Reads the text, writes `<edition>/_index.md`, one file per project and any
/// missing departments. Prints what it wrote to `out` and problems to `err`.
/// Returns 0 on success, 1 when the text cannot be understood (nothing is
/// written then), 2 on usage or I/O errors. Validation of the result is the
/// caller's (the same as `bulletin check`).
int run_import(const ImportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace bulletin
