#pragma once
// The front matter's fields, one declaration each, here and nowhere else:
// - the loader reads a field through its declaration (FieldReader's overloads
//   taking a FieldSpec); a plain field, one whose value goes into the model
//   as it is written, is read by its table (FieldTable::read, `into<>`), so
//   load_file.cpp names only the fields it checks or combines;
// - the unknown-key warning and its suggestion list a table's keys;
// - the open data names its JSON member and CSV column;
// - `bulletin new` writes each field's lines (`scaffold`) in table order;
// - README.md's content-format table is this table
//   (tests/unit/field_table_test.cpp compares them);
// - `serve` compares plain fields through the table to see what changed.
//
// To add a plain field: declare it below and put it in its table, give the
// model a member (model.h), show it (render/views.cpp and a template) and,
// if it is published, write it in render/open_data.cpp.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "fields.h"
#include "model.h"

namespace bulletin {

enum class FieldType { text, integer, number, date, boolean, text_list, tables };

struct FieldSpec;

/// How a plain field reaches a member of `Model`: read from the front matter
/// into it, and compared between two loads.
template <typename Model>
struct FieldMember {
    void (*read)(FieldReader& reader, const FieldSpec& field, Model& model);
    bool (*same)(const Model& a, const Model& b);
};

/// The member a plain field is read into; monostate for a field the loader
/// reads itself (it is required, checked or combined with others).
using FieldBinding = std::variant<std::monostate, FieldMember<Project>, FieldMember<Edition>, FieldMember<Metric>,
                                  FieldMember<Correction>, FieldMember<Figure>>;

struct FieldSpec {
    std::string_view key;
    FieldType type;
    bool required;
    std::string_view example;    ///< a correct line, shown in the hint when the field is missing or mistyped
    std::string_view meaning;    ///< what it is, for README.md's table
    std::string_view open_data;  ///< its member in data/<edition>.json, empty when it has none
    std::string_view csv;        ///< the theme string heading its column in data/<edition>.csv, empty when none
    /// What `bulletin new` writes for it: its comment and its line, in the
    /// editor's words; {placeholders} are filled by scaffold.cpp.
    std::string_view scaffold;
    FieldBinding plain = {};
};

namespace field_detail {

template <auto Member>
struct MemberOf;
template <typename Model, typename Value, Value Model::*Member>
struct MemberOf<Member> {
    using model = Model;
    using value = Value;
};

template <auto Member>
void read_member(FieldReader& f, const FieldSpec& field, typename MemberOf<Member>::model& model) {
    using Value = typename MemberOf<Member>::value;
    if constexpr (std::is_same_v<Value, std::string>) {
        if (auto v = f.text(field)) model.*Member = std::move(*v);
    } else if constexpr (std::is_same_v<Value, bool>) {
        if (auto v = f.boolean(field)) model.*Member = *v;
    } else if constexpr (std::is_same_v<Value, std::vector<std::string>>) {
        model.*Member = f.text_list(field);
    } else if constexpr (std::is_same_v<Value, std::optional<double>>) {
        model.*Member = f.number(field);
    } else if constexpr (std::is_same_v<Value, std::optional<Date>>) {
        model.*Member = f.date(field);
    } else {
        static_assert(!sizeof(Value), "no reader for a plain field of this member's type");
    }
}

template <auto Member>
bool same_member(const typename MemberOf<Member>::model& a, const typename MemberOf<Member>::model& b) {
    return a.*Member == b.*Member;
}

}  // namespace field_detail

/// A plain field goes into `Member` (&Project::tags…): for FieldSpec::plain.
template <auto Member>
inline constexpr FieldMember<typename field_detail::MemberOf<Member>::model> into{&field_detail::read_member<Member>,
                                                                           &field_detail::same_member<Member>};

struct FieldTable {
    std::string_view name;  ///< what README.md's table is headed by: "project", "edition"…
    std::span<const FieldSpec* const> fields;

    std::vector<std::string> keys() const;
    /// README.md's table of these fields (Markdown).
    std::string markdown() const;

    /// Reads every plain field of this table into `model`, in table order.
    template <typename Model>
    void read(FieldReader& reader, Model& model) const {
        for (const FieldSpec* f : fields) {
            if (const auto* m = std::get_if<FieldMember<Model>>(&f->plain)) m->read(reader, *f, model);
        }
    }
    /// Whether `a` and `b` hold the same value in every plain field of this table.
    template <typename Model>
    bool same(const Model& a, const Model& b) const {
        for (const FieldSpec* f : fields) {
            if (const auto* m = std::get_if<FieldMember<Model>>(&f->plain); m && !m->same(a, b)) return false;
        }
        return true;
    }
};

namespace fields {

using T = FieldType;

// key, type, required, example (the loader's hint), meaning (README.md), open
// data member, CSV column, what `bulletin new` writes, the member a plain field goes to
namespace project {
inline constexpr FieldSpec title{"title", T::text, true, "title = \"新能源汽车充电难问题专项治理\"", "the project's title",
                                 "title", "csv_title", "# 项目标题（必填）\ntitle = {title}\n"};
inline constexpr FieldSpec department{
    "department", T::text, true, "department = \"区发改局\"",
    "the lead department (牵头部门): a name or slug from departments.toml", "department", "csv_department",
    "# 牵头部门（必填）：departments.toml 中的名称或 slug\ndepartment = {department}\n"};
inline constexpr FieldSpec co_departments{
    "co_departments", T::text_list, false, "co_departments = [\"区住建局\"]",
    "the departments taking part, names or slugs", "co_departments", "csv_co_departments",
    "# 配合部门（可选），例如 [\"区发改局\", \"区民政局\"]\nco_departments = []\n"};
inline constexpr FieldSpec number{
    "number", T::integer, true, "number = 1", "its place in the bulletin, 1 to 9999 (shown as 一、二、三…)", "number",
    "csv_number", "# 序号（必填）：本期从 1 起连续编号，页面显示为 一、二、三……\nnumber = {number}\n"};
inline constexpr FieldSpec status{"status", T::text, false, "status = \"completed\"",
                                  "`completed` (the default) or `ongoing`", "status", "csv_status",
                                  "# 状态：\"completed\"（已完成）或 \"ongoing\"（推进中）\nstatus = \"completed\"\n"};
inline constexpr FieldSpec tags{"tags", T::text_list, false, "tags = [\"充电桩\", \"老旧小区\"]", "keywords", "tags",
                                "csv_tags", "# 标签（可选），帮助读者搜索，例如 [\"充电桩\", \"老旧小区\"]\ntags = []\n",
                                into<&Project::tags>};
inline constexpr FieldSpec summary{"summary", T::text, false, "summary = \"…\"",
                                   "a sentence for lists and previews (default: the start of the first paragraph)",
                                   "summary", "", "# 摘要（可选）：不写则取正文第一段\nsummary = \"\"\n"};
inline constexpr FieldSpec draft{
    "draft", T::boolean, false, "draft = false", "`true` leaves the project out unless `--drafts`", "", "",
    "# 草稿：true 时只在预览（bulletin serve）中显示并标“草稿”，发布时不出现\ndraft = false\n", into<&Project::draft>};
inline constexpr FieldSpec metrics{
    "metrics", T::tables, false, "[[metrics]]", "key figures, each a `[[metrics]]` table", "metrics", "csv_metrics",
    "\n# 关键数字（可选，可写多组，每组以 [[metrics]] 开头）。使用时删去行首的“# ”\n"
    "# [[metrics]]\n"
    "# label  = \"公共充电桩\"  # 名称\n"
    "# value  = 71            # 数值\n"
    "# unit   = \"个\"          # 单位（可选）\n"
    "# target = 60            # 目标（可选）：页面显示完成的百分比\n"};
inline constexpr FieldSpec corrections{
    "corrections", T::tables, false, "[[corrections]]",
    "changes after publication, each a `[[corrections]]` table, shown dated and announced in the feed", "corrections",
    "",
    "\n# 发布后的更正（可选，可写多组）：页面和订阅中都会列出\n"
    "# [[corrections]]\n"
    "# date   = 2025-03-01                         # 更正日期\n"
    "# note   = \"公共充电桩数量由 70 个更正为 71 个\"  # 改了什么\n"
    "# reason = \"统计口径调整\"                      # 原因（可选）\n"};
}  // namespace project

// The fields of a [[metrics]], [[corrections]] or [[figures]] table; `bulletin
// new` writes them in their table's lines above.
namespace metric {
inline constexpr FieldSpec label{"label", T::text, true, "label = \"公共充电桩\"", "what is counted", "label", "", ""};
inline constexpr FieldSpec value{"value", T::number, true, "value = 71", "the figure", "value", "", ""};
inline constexpr FieldSpec unit{"unit", T::text, false, "unit = \"个\"", "its unit", "unit", "", "",
                                into<&Metric::unit>};
inline constexpr FieldSpec target{"target", T::number, false, "target = 60",
                                  "the goal, above 0; the page shows the per cent reached", "target", "", "",
                                  into<&Metric::target>};
}  // namespace metric

namespace correction {
inline constexpr FieldSpec date{"date", T::date, true, "date = 2023-03-01", "when it was corrected", "date", "", ""};
inline constexpr FieldSpec note{"note", T::text, true, "note = \"公共充电桩数量由 70 个更正为 71 个\"", "what changed",
                                "note", "", ""};
inline constexpr FieldSpec reason{"reason", T::text, false, "reason = \"统计口径调整\"", "why", "reason", "", "",
                                  into<&Correction::reason>};
}  // namespace correction

namespace edition {
inline constexpr FieldSpec title{"title", T::text, true, "title = \"漠视侵害群众利益问题专项治理工作成果\"",
                                 "the bulletin's title", "title", "",
                                 "# 本期标题（必填）。不要写年份：网站会在前面加上“{year}年”\ntitle = \"\"\n"};
inline constexpr FieldSpec year{"year", T::integer, true, "year = 2022", "the year it reports on", "year", "",
                                "# 年度（必填）\n{year_line}\n"};
inline constexpr FieldSpec published{
    "published", T::date, true, "published = 2023-01-20", "the day it was published", "published", "",
    "# 公布日期（必填），写成 年-月-日，不加引号。填好后删去下一行开头的“# ”\n# published = {next_year}-01-20\n"};
inline constexpr FieldSpec publisher{
    "publisher", T::text, false, "publisher = \"区纪委区监委\"", "who published it (default: `publisher` in site.toml)",
    "publisher", "", "# 发布机关（可选）：不写则用 site.toml 中的 publisher\n# publisher = \"区纪委区监委\"\n",
    into<&Edition::publisher>};
inline constexpr FieldSpec archived{"archived", T::boolean, false, "archived = false",
                                    "`true` once a newer edition supersedes it", "archived", "",
                                    "# 归档：有了更新的一期后改为 true，本期内容从此保持不变\narchived = false\n",
                                    into<&Edition::archived>};
inline constexpr FieldSpec figures{"figures", T::tables, false, "[[figures]]",
                                   "headline figures, each a `[[figures]]` table", "figures", "",
                                   "\n# 主要数字（可选，可写多组，每组以 [[figures]] 开头）。使用时删去行首的“# ”\n"
                                   "# [[figures]]\n"
                                   "# label = \"下沉式监督检查\"  # 名称\n"
                                   "# value = 97                # 数值\n"
                                   "# unit  = \"次\"              # 单位（可选）\n"};
}  // namespace edition

namespace figure {
inline constexpr FieldSpec label{"label", T::text, true, "label = \"下沉式监督检查\"", "what is counted", "label", "", ""};
inline constexpr FieldSpec value{"value", T::number, true, "value = 97", "the figure", "value", "", ""};
inline constexpr FieldSpec unit{"unit", T::text, false, "unit = \"次\"", "its unit", "unit", "", "",
                                into<&Figure::unit>};
}  // namespace figure

// Each table's fields, in the order README.md and `bulletin new` show them.
inline constexpr const FieldSpec* project_fields[] = {
    &project::title, &project::department, &project::co_departments, &project::number,  &project::status,
    &project::tags,  &project::summary,    &project::draft,          &project::metrics, &project::corrections};
inline constexpr const FieldSpec* metric_fields[] = {&metric::label, &metric::value, &metric::unit, &metric::target};
inline constexpr const FieldSpec* correction_fields[] = {&correction::date, &correction::note, &correction::reason};
inline constexpr const FieldSpec* edition_fields[] = {&edition::title,     &edition::year,     &edition::published,
                                                      &edition::publisher, &edition::archived, &edition::figures};
inline constexpr const FieldSpec* figure_fields[] = {&figure::label, &figure::value, &figure::unit};

inline constexpr FieldTable project_table{"project", project_fields};
inline constexpr FieldTable metric_table{"[[metrics]]", metric_fields};
inline constexpr FieldTable correction_table{"[[corrections]]", correction_fields};
inline constexpr FieldTable edition_table{"edition (`_index.md`)", edition_fields};
inline constexpr FieldTable figure_table{"[[figures]]", figure_fields};

/// Every table, in README.md's order.
std::span<const FieldTable* const> all_tables();

/// Whether every plain field of `table` goes into a `Model`.
template <typename Model>
constexpr bool binds_only(const FieldTable& table) {
    for (const FieldSpec* f : table.fields) {
        if (!std::holds_alternative<std::monostate>(f->plain) && !std::holds_alternative<FieldMember<Model>>(f->plain))
            return false;
    }
    return true;
}
static_assert(binds_only<Project>(project_table) && binds_only<Metric>(metric_table) &&
              binds_only<Correction>(correction_table) && binds_only<Edition>(edition_table) &&
              binds_only<Figure>(figure_table));

}  // namespace fields
}  // namespace bulletin
