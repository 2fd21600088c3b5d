#pragma once
// The words the generator itself says to editors (errors, hints, summaries),
// in the site's language. UI labels of pages are not here: they live in the
// theme's i18n files, so a theme can be translated without touching C++.
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace bulletin {

enum class Msg {
    error_word, warning_word, counts, counts_none,
    not_utf8, not_utf8_hint,
    fm_missing_open, fm_missing_open_hint, fm_missing_close, fm_missing_close_hint,
    toml_syntax, toml_syntax_hint,
    missing_field, missing_field_hint, missing_field_commented, wrong_type, wrong_type_hint,
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
    // checks on what a reader holds the commission to (content/checks.cpp)
    number_gap, number_gap_hint, number_gap_draft, number_gap_draft_hint,
    percent_target_mismatch, percent_value_mismatch, percent_mismatch_hint,
    preamble_units, preamble_projects, preamble_count_hint, preamble_figure, preamble_figure_hint,
    title_repeats_year, title_repeats_year_hint, published_before_year, published_before_year_hint,
    not_archived, not_archived_hint, relative_time, relative_time_more, relative_time_hint, relative_time_hint_project,
    // local images, attachments and links to projects (content/local_links.cpp)
    link_outside, link_hidden, link_place, link_place_hint, link_missing, link_missing_hint, link_type, link_type_hint,
    link_not_project, link_not_project_hint, dup_project_file, link_not_built, link_not_built_hint,
    // TOML typed with a Chinese input method (content/toml_ime.cpp)
    ime_char, ime_quote_hint, ime_punct_hint, ime_space_hint, ime_unclosed_quote,
    // the site's identity in site.toml (content/identity.cpp)
    identity_not_a_table, identity_not_a_table_hint, identity_bad_site_code, identity_bad_site_code_hint,
    identity_bad_icp, identity_bad_icp_hint, identity_bad_police, identity_bad_police_hint, identity_bad_postcode,
    identity_bad_postcode_hint, identity_bad_phone, identity_bad_phone_hint, identity_bad_email, identity_bad_email_hint,
    // command summaries (pipeline/build.cpp, cli/main.cpp)
    check_summary, build_summary, bad_base_url_option, content_missing,
    // verify (publish/manifest.cpp)
    verify_no_manifest, verify_bad_manifest, verify_summary, verify_summary_links, verify_same, verify_differs,
    // import (import/import.cpp)
    import_bad_edition, import_bad_edition_hint, import_reserved_edition, import_reserved_edition_hint, import_no_content, import_no_content_hint, import_cannot_read,
    import_encoding, import_encoding_hint, import_converted, import_fixed, import_nothing_written, import_no_year,
    import_no_year_hint, import_departments_unreadable, import_departments_unreadable_hint, import_exists,
    import_exists_hint, import_write_failed, import_written, import_updated, import_new_department,
    import_too_large, import_too_large_hint,
    import_e_end_title, import_e_end_lead, import_e_expected_title, import_e_expected_lead, import_e_section_number,
    import_e_no_title, import_e_no_outcomes, import_e_title_first, import_e_header_here, import_e_lead_twice,
    import_e_numbered_first, import_e_outcome_number, import_e_project_start, import_e_empty, import_e_table_header,
    import_e_table_end, import_e_table_number, import_e_table_cell, import_e_table_no_outcomes,
    import_n_page_number, import_n_page_header, import_n_joined,
    import_c_fill_in, import_c_preamble_figures, import_c_outcome_metrics, import_c_departments_header,
    file_too_large, file_too_large_hint, table_too_wide, table_too_wide_hint, table_too_large, table_too_large_hint,
    // joining a short list of names: "a、b" / "a, b"
    list_separator,
    // a name from the content, as a message shows it: as it is in Chinese, in quotes in English
    quoted,
    // serve (serve/serve.cpp)
    serve_listening, serve_updated, serve_failed, serve_stopped, serve_cannot_listen, serve_warnings_again,
    serve_errors_over_site, serve_errors_no_site, serve_warnings, serve_fix_and_save, serve_more_warnings,
    serve_not_found, serve_cannot_watch, serve_watch_limit_hint, serve_watch_hint, serve_no_inotify,
    // the output folder and its lock (publish/publish.cpp)
    out_dangling_link, out_is_root, lock_cannot_create, lock_cannot_lock, lock_held, lock_holder_unknown,
    // new (scaffold/scaffold.cpp)
    new_bad_name, new_bad_name_suggest, new_reserved, new_exists, new_cannot_write, new_no_edition, new_bad_target,
    new_written_edition, new_written_project, new_written_project_titled, new_no_departments,
    // the command line (cli/usage.cpp, cli/main.cpp)
    usage_unknown_command, usage_unknown_command_suggest, usage_unknown_kind, usage_unknown_kind_suggest,
    usage_unknown_option, usage_unknown_option_suggest, usage_name_command, usage_missing, usage_missing_option, usage_missing_value,
    usage_not_a_number, usage_cli_error, usage_arg_target, usage_arg_id, usage_arg_file, usage_arg_dir,
    usage_example_new_edition, usage_example_new_project, usage_example_import, usage_example_verify,
};

/// The text of `m` in `language` (BCP 47, e.g. "zh-CN", "en"); Chinese unless
/// the language is English. Texts use fmt placeholders.
std::string_view text(Msg m, std::string_view language);

/// Every message of the catalogue, in catalogue order (for its tests).
std::vector<Msg> catalogue();

template <typename... Args>
std::string say(std::string_view language, Msg m, Args&&... args) {
    return fmt::format(fmt::runtime(text(m, language)), std::forward<Args>(args)...);
}

}  // namespace bulletin
