#pragma once
// The words the generator itself says to editors (errors, hints, summaries),
// in the site's language. UI labels of pages are not here: they live in the
// theme's i18n files, so a theme can be translated without touching C++.
#include <string_view>

#include <fmt/format.h>

namespace bulletin {

enum class Msg {
    error_word, warning_word, counts, counts_none,
    not_utf8, not_utf8_hint,
    fm_missing_open, fm_missing_open_hint, fm_missing_close, fm_missing_close_hint,
    toml_syntax, toml_syntax_hint,
    missing_field, missing_field_hint, wrong_type, wrong_type_hint,
    unknown_field, unknown_field_hint_suggest, unknown_field_hint,
    bad_base_url, bad_base_url_hint, bad_theme, bad_language,
    bad_slug, bad_slug_hint, bad_dept_slug, dup_dept_slug, dup_dept_name, dup_first_here,
    unknown_department, unknown_department_hint_suggest, unknown_department_hint,
    dup_number, dup_number_hint, number_range, bad_status, bad_status_hint,
    reserved_edition, missing_index, missing_index_hint, dup_year,
    no_editions, no_editions_hint, missing_file, theme_missing, template_error,
    empty_value, target_zero, empty_department, empty_department_hint,
    import_guess, import_todo, import_strict_refused, import_strict_hint, import_plan, import_plan_project,
    import_plan_file, import_no_lead, import_summary, import_guess_count,
    import_g_title, import_g_before_row, import_g_row_cells, import_g_heading, import_g_renumbered,
    import_g_no_name, import_g_outcome_number, import_g_paragraph, import_g_publisher, import_g_comma,
    import_g_no_outcomes, import_g_no_projects, import_c_guess, import_c_no_title, import_n_no_title,
    import_c_original_title, import_c_year, import_c_published, import_n_published, import_c_no_lead,
    import_n_no_lead, import_c_note, import_c_date_seen, import_c_todo,
};

/// The text of `m` in `language` (BCP 47, e.g. "zh-CN", "en"); Chinese unless
/// the language is English. Texts use fmt placeholders.
std::string_view text(Msg m, std::string_view language);

template <typename... Args>
std::string say(std::string_view language, Msg m, Args&&... args) {
    return fmt::format(fmt::runtime(text(m, language)), std::forward<Args>(args)...);
}

}  // namespace bulletin
