#pragma once
// Reading content files: bytes → checked UTF-8 text → front matter + body.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "diagnostics.h"

namespace bulletin {

/// A content file as text: UTF-8 checked, BOM removed, CRLF and CR turned into LF
/// (neither shifts line numbers).
struct SourceFile {
    std::string path;  ///< as shown in messages, e.g. "content/2022/ev-charging.md"
    std::string text;
};

/// Turns raw bytes into a SourceFile, or reports where the bytes stop being UTF-8.
std::optional<SourceFile> decode_source(std::string path, std::string bytes, Diagnostics& diags,
                                        const std::string& language);

/// Limits an editor never reaches, so a wrong or hostile file is refused at
/// once instead of costing minutes and gigabytes: a content file's size, and
/// the columns of a Markdown table row, and the cells of a file's tables.
inline constexpr std::uint64_t max_source_bytes = 1024 * 1024;
inline constexpr std::size_t max_table_columns = 100;
inline constexpr std::size_t max_table_cells = 20000;

/// Reads a file from disk and decodes it. A file larger than
/// max_source_bytes is reported (nothing is returned). I/O failure throws
/// std::runtime_error.
std::optional<SourceFile> read_source(const std::filesystem::path& file, const std::string& shown_path,
                                      Diagnostics& diags, const std::string& language);

struct FrontMatter {
    std::string toml;   ///< the text between the two +++ lines
    int toml_line = 0;  ///< file line of the first TOML line (2 when +++ is line 1)
    std::string body;   ///< everything after the closing +++ line
    int body_line = 0;  ///< file line where the body starts
};

/// Splits `+++` front matter from the body. A missing opening or closing
/// line is reported, and so are tables in the body past max_table_columns
/// or max_table_cells.
std::optional<FrontMatter> split_front_matter(const SourceFile& file, Diagnostics& diags,
                                              const std::string& language);

}  // namespace bulletin
