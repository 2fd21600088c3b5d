#include "scaffold.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <set>
#include <utility>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "field_table.h"
#include "fields.h"
#include "front_matter.h"
#include "load_config.h"
#include "messages.h"
#include "site_map.h"
#include "text.h"

namespace fs = std::filesystem;

namespace bulletin {
namespace {

// A TOML basic string: "…" with \\, \" and control characters escaped.
std::string toml_string(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7f) {
            out += fmt::format("\\u{:04X}", u);
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string shown(const fs::path& p) { return p.lexically_normal().generic_string(); }

bool check_name(const std::string& name, const std::string& language, std::ostream& err) {
    if (!is_valid_slug(name)) {
        const std::string better = suggest_slug(name);
        err << "bulletin: "
            << (better.empty() ? say(language, Msg::new_bad_name, name) : say(language, Msg::new_bad_name_suggest, name, better))
            << "\n";
        return false;
    }
    return true;
}

// Creates `file` with `text`, failing when it exists (never overwrites).
bool write_new(const fs::path& file, const std::string& text, const std::string& language, std::ostream& err) {
    std::FILE* f = std::fopen(file.c_str(), "wx");
    if (!f) {
        if (fs::exists(file)) {
            err << "bulletin: " << say(language, Msg::new_exists, shown(file)) << "\n";
        } else {
            err << "bulletin: " << say(language, Msg::new_cannot_write, shown(file), std::strerror(errno)) << "\n";
        }
        return false;
    }
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    return std::fclose(f) == 0 && ok;
}

/// `text` with each {name} of `values` replaced by its value (values are not
/// read again, whatever they hold).
std::string fill(std::string_view text, std::initializer_list<std::pair<std::string_view, std::string>> values) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        bool filled = false;
        if (text[at] == '{') {
            for (const auto& [name, value] : values) {
                if (text.substr(at + 1).starts_with(name) && text.substr(at + 1 + name.size()).starts_with('}')) {
                    out += value;
                    at += name.size() + 2;
                    filled = true;
                    break;
                }
            }
        }
        if (!filled) out += text[at++];
    }
    return out;
}

/// Every field of `table` as `bulletin new` writes it (field_table.h: each
/// field's comment and line, in table order), after the opening +++ line.
/// The placeholders: {title}, {department}, {number} in a project's lines,
/// {year}, {year_line}, {next_year} in an edition's.
std::string front_matter(const FieldTable& table,
                         std::initializer_list<std::pair<std::string_view, std::string>> values) {
    std::string t = "+++\n";
    for (const FieldSpec* f : table.fields) t += fill(f->scaffold, values);
    return t;
}

std::string edition_text(const std::string& id) {
    // The year is the id's when the id is a year; otherwise it is left to fill in.
    const bool is_year = id.size() == 4 && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
    std::string t = front_matter(fields::edition_table,
                                 {{"year", is_year ? id : std::string("2024")},
                                  {"year_line", is_year ? "year = " + id : std::string("# year = 2024")},
                                  {"next_year", is_year ? std::to_string(std::stoi(id) + 1) : std::string("2025")}});
    t += "\n";
    t += "# 第二个 +++ 之下写序言（Markdown），说明本期的背景和总体情况\n";
    t += "+++\n";
    return t;
}

std::string project_text(const std::string& title, const std::string& department, int number) {
    std::string t = front_matter(fields::project_table, {{"title", toml_string(title)},
                                                         {"department", toml_string(department)},
                                                         {"number", std::to_string(number)}});
    t += "\n";
    t += "# 第二个 +++ 之下写正文（Markdown），每条成果一段，例如：\n";
    t += "# 1. **加强服务协调，力推项目建设**。截至12月底，全区共建成……\n";
    t += "+++\n";
    return t;
}

}  // namespace

int next_free_number(const std::string& edition_dir) {
    std::set<long long> used;
    std::error_code ec;
    for (fs::directory_iterator it(edition_dir, ec), end; !ec && it != end; it.increment(ec)) {
        fs::path file = it->path();
        const std::string name = file.filename().string();
        if (name.empty() || name[0] == '.' || name[0] == '_') continue;
        if (it->is_directory()) {
            file /= "index.md";  // a project with its own folder
            if (!fs::exists(file)) continue;
        } else if (!name.ends_with(".md")) {
            continue;
        }
        Diagnostics ignored;
        try {
            auto source = read_source(file, file.string(), ignored, "zh-CN");
            if (!source) continue;
            auto fm = split_front_matter(*source, ignored, "zh-CN");
            if (!fm) continue;
            auto table = parse_toml(*source, fm->toml, fm->toml_line, ignored, "zh-CN");
            if (!table) continue;
            if (auto n = (*table)["number"].value<long long>()) used.insert(*n);
        } catch (const std::exception&) {
        }
    }
    int n = 1;
    while (used.count(n)) ++n;
    return n;
}

int run_new_edition(const std::string& content_dir, const std::string& id, std::ostream& out, std::ostream& err) {
    const std::string language = site_language(content_dir);
    if (!fs::is_directory(content_dir)) {
        err << "bulletin: " << say(language, Msg::content_missing, content_dir) << "\n";
        return 2;
    }
    if (!check_name(id, language, err)) return 2;
    if (site_map::is_reserved(id)) {
        err << "bulletin: " << say(language, Msg::new_reserved, id) << "\n";
        return 2;
    }
    const fs::path dir = fs::path(content_dir) / id;
    const fs::path file = dir / "_index.md";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        err << "bulletin: " << say(language, Msg::new_cannot_write, shown(dir), ec.message()) << "\n";
        return 2;
    }
    if (!write_new(file, edition_text(id), language, err)) return 2;
    out << say(language, Msg::new_written_edition, shown(file)) << "\n";
    return 0;
}

int run_new_project(const std::string& content_dir, const std::string& target, const std::string& department,
                    const std::optional<std::string>& title, std::ostream& out, std::ostream& err) {
    const std::string language = site_language(content_dir);
    const auto slash = target.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == target.size() ||
        target.find('/', slash + 1) != std::string::npos) {
        err << "bulletin: " << say(language, Msg::new_bad_target, target) << "\n";
        return 2;
    }
    const std::string edition = target.substr(0, slash);
    std::string slug = target.substr(slash + 1);
    if (slug.ends_with(".md")) slug.resize(slug.size() - 3);
    const fs::path dir = fs::path(content_dir) / edition;
    if (!fs::exists(dir / "_index.md")) {
        err << "bulletin: " << say(language, Msg::new_no_edition, edition, shown(dir / "_index.md")) << "\n";
        return 2;
    }
    if (!check_name(slug, language, err)) return 2;

    // The department as departments.toml names it, or the nearest name suggested.
    const fs::path departments_file = fs::path(content_dir) / "departments.toml";
    Diagnostics diags;
    const std::vector<Department> departments =
        load_departments(departments_file.string(), shown(departments_file), language, diags);
    if (departments.empty()) {
        err << format_diagnostics(diags, language);
        err << "bulletin: " << say(language, Msg::new_no_departments, shown(departments_file)) << "\n";
        return 2;
    }
    const Department* found = nullptr;
    std::vector<std::string> names;
    for (const Department& d : departments) {
        if (d.name == department || d.slug == department) found = &d;
        names.push_back(d.name);
    }
    if (!found) {
        err << "bulletin: --department: " << say(language, Msg::unknown_department, department) << "\n";
        if (auto close = closest_match(department, names)) {
            err << "    = " << say(language, Msg::unknown_department_hint_suggest, *close) << "\n";
        } else {
            err << "    = " << text(Msg::unknown_department_hint, language) << "\n";
        }
        return 2;
    }

    const fs::path file = dir / (slug + ".md");
    if (fs::exists(dir / slug)) {  // a project kept in its own folder
        err << "bulletin: " << say(language, Msg::new_exists, shown(dir / slug)) << "\n";
        return 2;
    }
    const int number = next_free_number(dir.string());
    if (!write_new(file, project_text(title.value_or(""), found->name, number), language, err)) return 2;
    // With --title given, what is left to write is the text.
    out << say(language, title && !title->empty() ? Msg::new_written_project_titled : Msg::new_written_project, shown(file),
               number)
        << "\n";
    return 0;
}

}  // namespace bulletin
