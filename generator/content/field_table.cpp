#include "field_table.h"

#include <fmt/format.h>

namespace bulletin {
namespace fields {

std::span<const FieldTable* const> all_tables() {
    static constexpr const FieldTable* tables[] = {&project_table, &metric_table, &correction_table, &edition_table,
                                                   &figure_table};
    return tables;
}

}  // namespace fields

std::vector<std::string> FieldTable::keys() const {
    std::vector<std::string> out;
    for (const FieldSpec* f : fields) out.emplace_back(f->key);
    return out;
}

std::string FieldTable::markdown() const {
    static constexpr std::string_view type_names[] = {"text", "integer", "number", "date", "true/false", "list of text",
                                                      "tables"};
    std::string out = fmt::format("| {} field | type | required | meaning |\n| --- | --- | --- | --- |\n", name);
    for (const FieldSpec* f : fields) {
        out += fmt::format("| `{}` | {} | {} | {} |\n", f->key, type_names[static_cast<int>(f->type)],
                           f->required ? "yes" : "", f->meaning);
    }
    return out;
}

}  // namespace bulletin
