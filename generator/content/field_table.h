#pragma once
// The front matter's fields, one declaration each: the loader reads a field
// through its declaration (FieldReader's overloads taking a FieldSpec), the
// unknown-key warning and its suggestion list a table's keys, the open data
// names its JSON member and CSV column, and README.md's content-format table
// is this table (tests/unit/field_table_test.cpp compares them).
//
// To add a field: declare it here and put it in its table (field_table.cpp),
// give the model a member (model.h) and read it in load_site.cpp.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bulletin {

enum class FieldType { text, integer, number, date, boolean, text_list, tables };

struct FieldSpec {
    std::string_view key;
    FieldType type;
    bool required;
    std::string_view example;    ///< a correct line, shown in the hint when the field is missing or mistyped
    std::string_view meaning;    ///< what it is, for README.md's table
    std::string_view open_data;  ///< its member in data/<edition>.json, empty when it has none
    std::string_view csv = {};   ///< the theme string heading its column in data/<edition>.csv, if it has one
};

struct FieldTable {
    std::string_view name;  ///< what README.md's table is headed by: "project", "edition"…
    std::span<const FieldSpec* const> fields;

    std::vector<std::string> keys() const;
    /// README.md's table of these fields (Markdown).
    std::string markdown() const;
};

namespace fields {

namespace project {
extern const FieldSpec title, department, co_departments, number, status, tags, summary, draft, metrics, corrections;
}
namespace metric {
extern const FieldSpec label, value, unit, target;
}
namespace correction {
extern const FieldSpec date, note, reason;
}
namespace edition {
extern const FieldSpec title, year, published, publisher, archived, figures;
}
namespace figure {
extern const FieldSpec label, value, unit;
}

extern const FieldTable project_table, metric_table, correction_table, edition_table, figure_table;
/// Every table, in README.md's order.
std::span<const FieldTable* const> all_tables();

}  // namespace fields
}  // namespace bulletin
