#pragma once
// From the bytes an editor hands in to clean lines: decoding (UTF-8, BOM,
// CRLF, GBK/GB18030), then repairing what page layout and PDF extraction
// broke (page numbers, running headers, sentences cut at a page break).
// Every line keeps its number in the input file, so messages can name it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulletin {

/// A remark for the editor about the input, at a line of the input file.
struct ImportNote {
    int line = 0;
    std::string message;
};

/// The input as UTF-8 text, without BOM.
struct DecodedText {
    std::string text;
    std::string converted_from;  ///< "" for UTF-8, else the encoding the bytes were read as
};

/// Decodes UTF-8 (with or without BOM), UTF-16 with a BOM, or, when the
/// bytes are not valid UTF-8, GB18030 (a superset of GBK and GB2312).
/// nullopt when none of these reads the bytes without error.
std::optional<DecodedText> decode_import_text(std::string_view bytes);

/// One line of the input and its 1-based number in the file.
struct TextLine {
    int number = 0;
    std::string text;
};

/// Splits at LF, CRLF or CR and trims every line (full-width spaces and
/// form feeds included). Blank lines are kept: they mark paragraphs.
std::vector<TextLine> split_import_lines(std::string_view text);

/// True for a line that is only a page number: "- 3 -", "第 3 页", "3/12",
/// "Page 3", and a bare "3" unless `bare_numbers_are_content` (a table's
/// 序号 cells are bare numbers too).
bool is_page_number(std::string_view line, bool bare_numbers_are_content);

/// Drops page numbers and running headers (a short line repeated on its
/// own between blank lines; the first occurrence is kept when it is the
/// title), then joins a sentence that a page break split: a prose line that
/// does not end a sentence, followed (across blank lines) by text that does
/// not start a new item. Each change is described in `notes`.
std::vector<TextLine> repair_lines(const std::vector<TextLine>& lines, bool bare_numbers_are_content,
                                   std::vector<ImportNote>& notes, std::string_view language = "zh-CN");

}  // namespace bulletin
