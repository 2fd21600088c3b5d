#pragma once
// TOML typed with a Chinese input method: curly quotes, full-width
// punctuation and the full-width space where TOML needs ASCII. toml++
// reports these in English, at a place that does not say what is wrong;
// this names the character and its fix, at its own line and column.
#include <string>
#include <string_view>

#include "diagnostics.h"
#include "front_matter.h"

namespace bulletin {

/// Looks in `toml_text` (file line `first_line` onward) for the first such
/// character outside a quoted text, or a text left open because its closing
/// quote is a curly one. Reports it and returns true when it is on or before
/// `error_line`, the line the parser stopped at.
bool report_ime_mistake(const SourceFile& file, std::string_view toml_text, int first_line, int error_line,
                        Diagnostics& diags, const std::string& language);

}  // namespace bulletin
