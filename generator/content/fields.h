#pragma once
// Typed access to TOML fields that reports every problem with its file line.
// toml++ stays inside this module and the loaders that use it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "diagnostics.h"
#include "front_matter.h"

namespace bulletin {

struct FieldSpec;   // field_table.h
struct FieldTable;

/// A calendar date from content (never from the clock).
struct Date {
    int year = 0, month = 0, day = 0;
    std::string iso() const;  ///< 2023-01-20
    auto operator<=>(const Date&) const = default;
};

/// Parses TOML text that starts at file line `first_line` of `file`. Syntax
/// errors are reported at the file's own line and column.
std::optional<toml::table> parse_toml(const SourceFile& file, const std::string& toml_text, int first_line,
                                      Diagnostics& diags, const std::string& language);

/// Reads the fields of one TOML table, reporting missing and mistyped ones.
class FieldReader {
public:
    FieldReader(const toml::table& table, const SourceFile& file, int first_line, Diagnostics& diags,
                const std::string& language, SourceLoc table_loc);

    /// `example` is shown in the hint when the field is missing or has the wrong type.
    std::optional<std::string> text(const std::string& key, bool required, const std::string& example);
    std::optional<std::int64_t> integer(const std::string& key, bool required, const std::string& example);
    std::optional<double> number(const std::string& key, bool required, const std::string& example);
    std::optional<Date> date(const std::string& key, bool required, const std::string& example);
    std::optional<bool> boolean(const std::string& key, bool required, const std::string& example);
    std::vector<std::string> text_list(const std::string& key, const std::string& example);
    /// Each table of an array of tables (`[[metrics]]`); reports a non-table.
    std::vector<const toml::table*> tables(const std::string& key, const std::string& example);

    /// Warns about keys not in `known`, suggesting the closest known key.
    void warn_unknown(const std::vector<std::string>& known);

    // The same, by a field's declaration (field_table.h): its key, whether it
    // is required, and its example.
    std::optional<std::string> text(const FieldSpec& f);
    std::optional<std::int64_t> integer(const FieldSpec& f);
    std::optional<double> number(const FieldSpec& f);
    std::optional<Date> date(const FieldSpec& f);
    std::optional<bool> boolean(const FieldSpec& f);
    std::vector<std::string> text_list(const FieldSpec& f);
    std::vector<const toml::table*> tables(const FieldSpec& f);
    SourceLoc loc_of(const FieldSpec& f) const;
    /// Warns about keys not in `table`, suggesting the closest of its keys.
    void warn_unknown_fields(const FieldTable& table);

    SourceLoc loc_of(const toml::node& node) const;
    SourceLoc loc_of(const std::string& key) const;
    const SourceFile& file() const { return file_; }
    int first_line() const { return first_line_; }

private:
    const toml::node* get(const std::string& key, bool required, const std::string& example);
    void wrong_type(const std::string& key, const toml::node& node, const char* expected_zh,
                    const char* expected_en, const std::string& example);

    const toml::table& table_;
    const SourceFile& file_;
    int first_line_;
    Diagnostics& diags_;
    std::string language_;  // a copy: callers pass temporaries such as "zh-CN"
    SourceLoc table_loc_;
};

}  // namespace bulletin
