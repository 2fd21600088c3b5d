// `bulletin import`: the disk side. Reads and decodes the text, parses it,
// plans every file, and only when all of that succeeded and nothing would
// be overwritten without --force, writes them (each through a temporary
// file and a rename, so a file is never left half written).
#include "import.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <ostream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "diagnostics.h"
#include "files.h"
#include "import_parse.h"
#include "import_write.h"
#include "load_config.h"
#include "messages.h"
#include "site_map.h"
#include "text.h"

namespace bulletin {
namespace {

namespace fs = std::filesystem;

/// The site's language from site.toml (Chinese when it is missing or unreadable).
std::string site_language(const fs::path& content_dir) {
    try {
        const toml::table site = toml::parse_file((content_dir / "site.toml").string());
        return site["language"].value_or(std::string("zh-CN"));
    } catch (const std::exception&) {
        return "zh-CN";
    }
}

// A whole year's bulletin is well under 1 MB of text; far past that the file is not one.
constexpr std::uint64_t max_import_bytes = 16 * 1024 * 1024;

std::optional<std::string> read_bytes(const fs::path& path) {
    try {
        return files::read_file(path, max_import_bytes);
    } catch (const files::FileError&) {
        return std::nullopt;
    }
}


/// The edition's year: the edition id when it is one, else the first
/// "YYYY年" of the title or preamble.
std::optional<int> edition_year(const std::string& edition, const ImportedBulletin& b) {
    const auto four_digits = [](std::string_view s) {
        return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (four_digits(edition)) return std::stoi(edition);
    std::vector<std::string> texts{b.title};
    texts.insert(texts.end(), b.preamble.begin(), b.preamble.end());
    for (const std::string& t : texts) {
        for (std::size_t at = t.find("年"); at != std::string::npos; at = t.find("年", at + 1)) {
            if (at >= 4 && four_digits(std::string_view(t).substr(at - 4, 4))) return std::stoi(t.substr(at - 4, 4));
        }
    }
    return std::nullopt;
}

/// The departments already listed, as written (content/load_config.h reads the
/// file's layout), or the error to show when the file cannot be read as TOML.
std::optional<std::vector<Department>> known_departments(const std::string& text, const std::string& shown,
                                                         std::ostream& err, const std::string& language) {
    toml::table table;
    try {
        table = toml::parse(text, shown);
    } catch (const toml::parse_error& e) {
        err << format_diagnostic({Severity::error,
                                  {shown, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column)},
                                  say(language, Msg::import_departments_unreadable, e.description()),
                                  std::string(bulletin::text(Msg::import_departments_unreadable_hint, language)),
                                  line_text(text, static_cast<int>(e.source().begin.line))},
                                 language);
        return std::nullopt;
    }
    // The entries' own mistakes (a bad slug, a missing name…) are check's to
    // report; import only adds to the list.
    Diagnostics left_to_check;
    std::vector<Department> known;
    for (DepartmentEntry& e : read_department_entries(table, SourceFile{shown, text}, language, left_to_check)) {
        known.push_back(std::move(e.department));
    }
    return known;
}

void usage_error(std::ostream& err, const std::string& language, const std::string& message,
                 const std::string& hint = {}) {
    err << format_diagnostic({Severity::error, {"bulletin import", 0, 0}, message, hint, {}}, language);
}

}  // namespace

int run_import(const ImportOptions& options, std::ostream& out, std::ostream& err) {
    const std::string input = options.input.string();
    const std::string language = site_language(options.content_dir);
    auto hint = [&](Msg m) { return std::string(bulletin::text(m, language)); };
    // The loader's rule (site_map.h), so every file written here can be built.
    switch (site_map::check_edition_id(options.edition)) {
        case site_map::EditionId::ok:
            break;
        case site_map::EditionId::reserved:
            usage_error(err, language, say(language, Msg::import_reserved_edition, options.edition),
                        hint(Msg::import_reserved_edition_hint));
            return 2;
        case site_map::EditionId::bad_slug: {
            const std::string better = suggest_slug(options.edition);
            usage_error(err, language, say(language, Msg::import_bad_edition, options.edition),
                        say(language, Msg::import_bad_edition_hint,
                            better.empty() || site_map::is_reserved(better) ? std::string("2022") : better));
            return 2;
        }
    }
    if (!fs::is_directory(options.content_dir)) {
        usage_error(err, language, say(language, Msg::import_no_content, options.content_dir.string()),
                    hint(Msg::import_no_content_hint));
        return 2;
    }
    std::optional<std::string> bytes;
    try {
        bytes = read_bytes(options.input);
    } catch (const files::TooLarge& e) {
        usage_error(err, language,
                    say(language, Msg::import_too_large, input,
                        fmt::format("{:.1f}", static_cast<double>(e.size()) / (1024 * 1024)), max_import_bytes / (1024 * 1024)),
                    hint(Msg::import_too_large_hint));
        return 2;
    }
    if (!bytes) {
        usage_error(err, language, say(language, Msg::import_cannot_read, input));
        return 2;
    }
    const std::optional<DecodedText> decoded = decode_import_text(*bytes);
    if (!decoded) {
        err << format_diagnostic({Severity::error, {input, 0, 0}, hint(Msg::import_encoding), hint(Msg::import_encoding_hint), {}},
                                 language);
        return 1;
    }
    if (!decoded->converted_from.empty()) {
        out << say(language, Msg::import_converted, input, decoded->converted_from) << "\n";
    }

    const ParseResult parsed = parse_bulletin(decoded->text, language);
    for (const ImportNote& note : parsed.notes) out << say(language, Msg::import_fixed, input, note.line, note.message) << "\n";
    if (!parsed.bulletin) {
        err << format_diagnostic({Severity::error, {input, parsed.error.line, 1}, parsed.error.message,
                                  hint(Msg::import_nothing_written), line_text(decoded->text, parsed.error.line)},
                                 language);
        return 1;
    }
    const ImportedBulletin& bulletin = *parsed.bulletin;

    ImportTarget target;
    target.edition = options.edition;
    target.language = language;
    if (auto year = edition_year(options.edition, bulletin)) {
        target.year = *year;
    } else {
        usage_error(err, language, say(language, Msg::import_no_year, options.edition), hint(Msg::import_no_year_hint));
        return 2;
    }
    const fs::path departments_path = options.content_dir / "departments.toml";
    target.departments_toml_exists = fs::exists(departments_path);
    if (target.departments_toml_exists) {
        const std::optional<std::string> text = read_bytes(departments_path);
        if (!text) {
            usage_error(err, language, say(language, Msg::import_cannot_read, departments_path.string()));
            return 2;
        }
        target.departments_toml = *text;
        auto known = known_departments(*text, departments_path.string(), err, language);
        if (!known) return 2;
        target.departments = std::move(*known);
    }

    const ImportPlan plan = plan_import(bulletin, target, SlugMaker());

    // Every guess and every field left to fill, with the input line and the draft line.
    int guesses = 0;
    int todos = 0;
    for (const OutputNotice& n : plan.notices) {
        const std::string shown = (options.content_dir / n.path).string();
        if (n.guess) {
            ++guesses;
            err << say(language, Msg::import_guess, input, n.source_line, n.message, shown, n.line) << "\n";
        } else {
            ++todos;
            err << say(language, Msg::import_todo, shown, n.line, n.message) << "\n";
        }
    }
    if (options.strict && guesses > 0) {
        err << format_diagnostic({Severity::error, {input, 0, 0}, say(language, Msg::import_strict_refused, guesses),
                                  say(language, Msg::import_strict_hint), {}},
                                 language);
        return 1;
    }
    if (options.dry_run) {
        out << say(language, Msg::import_plan, options.edition, title_without_year(bulletin.title, target.year),
                   bulletin.projects.size())
            << "\n";
        for (const ImportedProject& p : bulletin.projects) {
            std::string lead;
            for (const std::string& d : p.departments) {
                lead += (lead.empty() ? std::string() : std::string(bulletin::text(Msg::list_separator, language))) +
                        say(language, Msg::quoted, d);
            }
            if (lead.empty()) lead = say(language, Msg::import_no_lead);
            out << say(language, Msg::import_plan_project, p.number, p.title, lead, p.outcomes.size()) << "\n";
        }
        for (const PlannedFile& file : plan.files) {
            out << say(language, Msg::import_plan_file, (options.content_dir / file.path).string()) << "\n";
        }
        return 0;
    }

    bool blocked = false;
    for (const PlannedFile& file : plan.files) {
        if (!file.extends_existing && !options.force && fs::exists(options.content_dir / file.path)) {
            usage_error(err, language, say(language, Msg::import_exists, (options.content_dir / file.path).string()),
                        hint(Msg::import_exists_hint));
            blocked = true;
        }
    }
    if (blocked) {
        err << hint(Msg::import_nothing_written) << "\n";
        return 2;
    }

    for (const PlannedFile& file : plan.files) {
        const fs::path path = options.content_dir / file.path;
        try {
            files::write_atomic(path, file.bytes);
        } catch (const files::FileError& e) {
            usage_error(err, language, say(language, Msg::import_write_failed, path.string(), std::strerror(e.error())));
            return 2;
        }
        out << say(language, file.extends_existing ? Msg::import_updated : Msg::import_written, path.string()) << "\n";
    }
    for (const Department& d : plan.added_departments) {
        out << say(language, Msg::import_new_department, d.name, d.slug) << "\n";
    }
    out << say(language, Msg::import_summary, input, bulletin.projects.size(),
               (options.content_dir / options.edition).string())
        << "\n";
    if (guesses + todos > 0) err << say(language, Msg::import_guess_count, guesses, todos) << "\n";
    return 0;
}

}  // namespace bulletin
