#include "field_table.h"

#include <fmt/format.h>

namespace bulletin {
namespace fields {

using T = FieldType;

// key, type, required, example (the loader's hint), meaning (README.md), open data member, CSV column
namespace project {
const FieldSpec title{"title", T::text, true, "title = \"新能源汽车充电难问题专项治理\"", "the project's title", "title", "csv_title"};
const FieldSpec department{"department", T::text, true, "department = \"区发改局\"",
                       "the lead department (牵头部门): a name or slug from departments.toml", "department",
                       "csv_department"};
const FieldSpec co_departments{"co_departments", T::text_list, false, "co_departments = [\"区住建局\"]",
                           "the departments taking part, names or slugs", "co_departments", "csv_co_departments"};
const FieldSpec number{"number", T::integer, true, "number = 1", "its place in the bulletin, 1 to 9999 (shown as 一、二、三…)",
                   "number", "csv_number"};
const FieldSpec status{"status", T::text, false, "status = \"completed\"", "`completed` (the default) or `ongoing`", "status",
                   "csv_status"};
const FieldSpec tags{"tags", T::text_list, false, "tags = [\"充电桩\", \"老旧小区\"]", "keywords", "tags", "csv_tags"};
const FieldSpec summary{"summary", T::text, false, "summary = \"…\"",
                    "a sentence for lists and previews (default: the start of the first paragraph)", "summary"};
const FieldSpec draft{"draft", T::boolean, false, "draft = false", "`true` leaves the project out unless `--drafts`", ""};
const FieldSpec metrics{"metrics", T::tables, false, "[[metrics]]", "key figures, each a `[[metrics]]` table", "metrics",
                    "csv_metrics"};
const FieldSpec corrections{"corrections", T::tables, false, "[[corrections]]",
                        "changes after publication, each a `[[corrections]]` table, shown dated and announced in the feed",
                        "corrections"};
}  // namespace project

namespace metric {
const FieldSpec label{"label", T::text, true, "label = \"公共充电桩\"", "what is counted", "label"};
const FieldSpec value{"value", T::number, true, "value = 71", "the figure", "value"};
const FieldSpec unit{"unit", T::text, false, "unit = \"个\"", "its unit", "unit"};
const FieldSpec target{"target", T::number, false, "target = 60", "the goal, above 0; the page shows the per cent reached",
                   "target"};
}  // namespace metric

namespace correction {
const FieldSpec date{"date", T::date, true, "date = 2023-03-01", "when it was corrected", "date"};
const FieldSpec note{"note", T::text, true, "note = \"公共充电桩数量由 70 个更正为 71 个\"", "what changed", "note"};
const FieldSpec reason{"reason", T::text, false, "reason = \"统计口径调整\"", "why", "reason"};
}  // namespace correction

namespace edition {
const FieldSpec title{"title", T::text, true, "title = \"漠视侵害群众利益问题专项治理工作成果\"", "the bulletin's title", "title"};
const FieldSpec year{"year", T::integer, true, "year = 2022", "the year it reports on", "year"};
const FieldSpec published{"published", T::date, true, "published = 2023-01-20", "the day it was published", "published"};
const FieldSpec publisher{"publisher", T::text, false, "publisher = \"区纪委区监委\"",
                      "who published it (default: `publisher` in site.toml)", "publisher"};
const FieldSpec archived{"archived", T::boolean, false, "archived = false", "`true` once a newer edition supersedes it",
                     "archived"};
const FieldSpec figures{"figures", T::tables, false, "[[figures]]", "headline figures, each a `[[figures]]` table", "figures"};
}  // namespace edition

namespace figure {
const FieldSpec label{"label", T::text, true, "label = \"下沉式监督检查\"", "what is counted", "label"};
const FieldSpec value{"value", T::number, true, "value = 97", "the figure", "value"};
const FieldSpec unit{"unit", T::text, false, "unit = \"次\"", "its unit", "unit"};
}  // namespace figure

namespace {
const FieldSpec* const project_list[] = {&project::title,  &project::department, &project::co_departments,
                                     &project::number, &project::status,     &project::tags,
                                     &project::summary, &project::draft,     &project::metrics,
                                     &project::corrections};
const FieldSpec* const metric_list[] = {&metric::label, &metric::value, &metric::unit, &metric::target};
const FieldSpec* const correction_list[] = {&correction::date, &correction::note, &correction::reason};
const FieldSpec* const edition_list[] = {&edition::title,     &edition::year,     &edition::published,
                                     &edition::publisher, &edition::archived, &edition::figures};
const FieldSpec* const figure_list[] = {&figure::label, &figure::value, &figure::unit};
}  // namespace

const FieldTable project_table{"project", project_list};
const FieldTable metric_table{"[[metrics]]", metric_list};
const FieldTable correction_table{"[[corrections]]", correction_list};
const FieldTable edition_table{"edition (`_index.md`)", edition_list};
const FieldTable figure_table{"[[figures]]", figure_list};

std::span<const FieldTable* const> all_tables() {
    static const FieldTable* const tables[] = {&project_table, &metric_table, &correction_table, &edition_table,
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
