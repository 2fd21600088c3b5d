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
    file_too_large, file_too_large_hint, table_too_wide, table_too_wide_hint, table_too_large, table_too_large_hint,
};

/// The text of `m` in `language` (BCP 47, e.g. "zh-CN", "en"); Chinese unless
/// the language is English. Texts use fmt placeholders.
std::string_view text(Msg m, std::string_view language);

template <typename... Args>
std::string say(std::string_view language, Msg m, Args&&... args) {
    return fmt::format(fmt::runtime(text(m, language)), std::forward<Args>(args)...);
}

}  // namespace bulletin
