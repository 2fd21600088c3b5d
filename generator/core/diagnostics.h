#pragma once
// Errors are values with a place: every problem an editor can cause is a
// Diagnostic pointing at a file, line and column, printed like a compiler's.
#include <string>
#include <vector>

namespace bulletin {

/// A position in a source file; line and column count from 1 (column in
/// characters, not bytes). line 0 means "the whole file".
struct SourceLoc {
    std::string file;  ///< path as the user gave it, e.g. "content/2022/ev-charging.md"
    int line = 0;
    int column = 0;
};

enum class Severity { error, warning };

struct Diagnostic {
    Severity severity = Severity::error;
    SourceLoc loc;
    std::string message;      ///< what is wrong, in the site's language
    std::string hint;         ///< how to fix it (may be empty)
    std::string source_line;  ///< the text of loc.line, for the caret display (may be empty)
};

/// Collects every problem of a run; validation keeps going after the first.
class Diagnostics {
public:
    void error(SourceLoc loc, std::string message, std::string hint = {}, std::string source_line = {});
    void warning(SourceLoc loc, std::string message, std::string hint = {}, std::string source_line = {});
    void add(Diagnostic d);
    void append(const Diagnostics& other);

    bool has_errors() const;
    std::size_t error_count() const;
    std::size_t warning_count() const;
    const std::vector<Diagnostic>& items() const { return items_; }
    /// Sorted by file, line, column, so output is stable whatever the load order.
    std::vector<Diagnostic> sorted() const;

private:
    std::vector<Diagnostic> items_;
};

/// `file:line:col: 错误: message`, then the source line with a caret under
/// the column, then the hint. `language` picks the words for "error"/"warning".
std::string format_diagnostic(const Diagnostic& d, const std::string& language);

/// Every diagnostic, sorted, then a count line ("2 个错误，1 个警告").
std::string format_diagnostics(const Diagnostics& ds, const std::string& language);

}  // namespace bulletin
