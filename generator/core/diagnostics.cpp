#include "diagnostics.h"

#include <algorithm>
#include <tuple>

#include "messages.h"
#include "text.h"

namespace bulletin {

void Diagnostics::error(SourceLoc loc, std::string message, std::string hint, std::string source_line) {
    add({Severity::error, std::move(loc), std::move(message), std::move(hint), std::move(source_line)});
}

void Diagnostics::warning(SourceLoc loc, std::string message, std::string hint, std::string source_line) {
    add({Severity::warning, std::move(loc), std::move(message), std::move(hint), std::move(source_line)});
}

void Diagnostics::add(Diagnostic d) { items_.push_back(std::move(d)); }

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
    return std::count_if(items_.begin(), items_.end(),
                         [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

std::vector<Diagnostic> Diagnostics::sorted() const {
    std::vector<Diagnostic> out = items_;
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.loc.file, a.loc.line, a.loc.column) < std::tie(b.loc.file, b.loc.line, b.loc.column);
    });
    return out;
}

std::string format_diagnostic(const Diagnostic& d, const std::string& language) {
    std::string out = d.loc.file;
    if (d.loc.line > 0) {
        out += fmt::format(":{}:{}", d.loc.line, std::max(d.loc.column, 1));
    }
    out += fmt::format(": {}: {}\n",
                       text(d.severity == Severity::error ? Msg::error_word : Msg::warning_word, language),
                       d.message);
    if (!d.source_line.empty() && d.loc.line > 0) {
        // The caret sits under the column, counted in display cells so it
        // lines up under wide (Chinese) characters in a terminal.
        std::string prefix = utf8_prefix(d.source_line, std::max(d.loc.column, 1) - 1);
        out += fmt::format("    {}\n    {}^\n", d.source_line, std::string(display_width(prefix), ' '));
    }
    if (!d.hint.empty()) out += fmt::format("    = {}\n", d.hint);
    return out;
}

std::string format_diagnostics(const Diagnostics& ds, const std::string& language) {
    std::string out;
    for (const Diagnostic& d : ds.sorted()) out += format_diagnostic(d, language);
    if (!ds.items().empty()) out += say(language, Msg::counts, ds.error_count(), ds.warning_count()) + "\n";
    return out;
}

}  // namespace bulletin
