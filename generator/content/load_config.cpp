#include "load_config.h"

#include <filesystem>
#include <map>
#include <regex>

#include "fields.h"
#include "identity.h"
#include "messages.h"
#include "text.h"

namespace bulletin {

bool is_language_tag(const std::string& tag) {
    static const std::regex re("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$");
    return std::regex_match(tag, re);
}

bool is_base_url(const std::string& url) {
    static const std::regex re(R"(^https?://[^\s/?#<>"']+(/[^\s?#<>"']*)?/$)");
    return std::regex_match(url, re);
}

namespace {

// The language a plain `language = "…"` line of site.toml names: what
// messages about the file's own syntax mistakes are worded in, when the
// mistake stops the TOML being read.
std::optional<std::string> language_line(const std::string& text) {
    static const std::regex line(R"re(^[ \t]*language[ \t]*=[ \t]*"([^"]+)"[ \t]*(#.*)?$)re");
    std::smatch m;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string one = text.substr(start, end - start);
        if (std::regex_match(one, m, line) && is_language_tag(m[1].str())) return m[1].str();
        start = end + 1;
    }
    return std::nullopt;
}

}  // namespace

std::string site_language(const std::string& content_dir) {
    const std::string file = (std::filesystem::path(content_dir) / "site.toml").string();
    const std::string fallback = SiteConfig{}.language;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return fallback;
    try {
        Diagnostics ignored;  // whoever reads the site reports them
        if (auto config = load_site_config(file, file, ignored)) return config->language;
        // A mistake elsewhere in the file: its language line, if it has a plain one.
        if (const auto source = read_source(file, file, ignored, fallback)) return language_line(source->text).value_or(fallback);
    } catch (const std::exception&) {
    }
    return fallback;
}

std::optional<SiteConfig> load_site_config(const std::string& file, const std::string& shown, Diagnostics& diags) {
    SiteConfig config;
    const std::string default_language = config.language;
    if (!std::filesystem::exists(file)) {
        diags.error({shown, 0, 0}, std::string(text(Msg::missing_file, default_language)),
                    say(default_language, Msg::missing_field_hint,
                        "title = \"…\"；base_url = \"https://www.example.gov.cn/bulletin/\""));
        return std::nullopt;
    }
    auto source = read_source(file, shown, diags, default_language);
    if (!source) return std::nullopt;
    // A syntax mistake is worded in the language the file names, if it names one plainly.
    auto table = parse_toml(*source, source->text, 1, diags, language_line(source->text).value_or(default_language));
    if (!table) return std::nullopt;

    // A field whose value is of the right type but not allowed: the error
    // points at it and quotes its line.
    auto reject = [&](const FieldReader& r, const char* key, std::string message, std::string hint = {}) {
        const SourceLoc loc = r.loc_of(key);
        diags.error(loc, std::move(message), std::move(hint), line_text(source->text, loc.line));
    };
    // The language decides how every later message is worded, so read it first.
    {
        Diagnostics language_diags;
        FieldReader probe(*table, *source, 1, language_diags, default_language, {shown, 1, 1});
        if (auto lang = probe.text("language", false, "language = \"zh-CN\"")) {
            if (is_language_tag(*lang)) {
                config.language = *lang;
            } else {
                reject(probe, "language", say(default_language, Msg::bad_language, *lang));
            }
        }
        diags.append(language_diags);
    }
    const std::string& lang = config.language;
    FieldReader f(*table, *source, 1, diags, lang, {shown, 1, 1});
    const std::size_t errors_before = diags.error_count();
    config.title = f.text("title", true, "title = \"定海区漠视侵害群众利益问题专项治理成果公布\"").value_or("");
    if (auto url = f.text("base_url", true, "base_url = \"https://www.example.gov.cn/bulletin/\"")) {
        if (is_base_url(*url)) {
            config.base_url = *url;
        } else {
            reject(f, "base_url", say(lang, Msg::bad_base_url, *url), std::string(text(Msg::bad_base_url_hint, lang)));
        }
    }
    config.publisher = f.text("publisher", false, "publisher = \"定海区纪委区监委\"").value_or("");
    config.description = f.text("description", false, "description = \"…\"").value_or("");
    if (auto theme = f.text("theme", false, "theme = \"default\"")) {
        if (is_valid_slug(*theme)) {
            config.theme = *theme;
        } else {
            reject(f, "theme", say(lang, Msg::bad_theme, *theme));
        }
    }
    config.identity = read_identity(*table, *source, lang, diags);
    f.warn_unknown({"title", "base_url", "language", "publisher", "description", "theme", "identity"});
    if (diags.error_count() != errors_before) return std::nullopt;
    return config;
}

std::vector<DepartmentEntry> read_department_entries(const toml::table& table, const SourceFile& file,
                                                     const std::string& language, Diagnostics& diags) {
    std::vector<DepartmentEntry> out;
    FieldReader top(table, file, 1, diags, language, {file.path, 1, 1});
    top.warn_unknown({"department"});
    for (const toml::table* entry : top.tables("department", "[[department]]")) {
        FieldReader f(*entry, file, 1, diags, language, top.loc_of(*entry));
        DepartmentEntry e;
        auto slug = f.text("slug", true, "slug = \"fagai\"");
        auto name = f.text("name", true, "name = \"区发改局\"");
        e.department.full_name = f.text("full_name", false, "full_name = \"舟山市定海区发展和改革局\"").value_or("");
        // Search: other names readers type for the department (docs/search-index.md).
        e.department.aliases = f.text_list("aliases", "aliases = [\"卫健局\"]");
        f.warn_unknown({"slug", "name", "full_name", "aliases"});
        e.has_slug = slug.has_value();
        e.has_name = name.has_value();
        e.department.slug = std::move(slug).value_or("");
        e.department.name = std::move(name).value_or("");
        e.slug_loc = f.loc_of("slug");
        e.name_loc = f.loc_of("name");
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<Department> load_departments(const std::string& file, const std::string& shown,
                                         const std::string& language, Diagnostics& diags) {
    std::vector<Department> out;
    if (!std::filesystem::exists(file)) {
        diags.error({shown, 0, 0}, std::string(text(Msg::missing_file, language)),
                    say(language, Msg::missing_field_hint, "[[department]]；slug = \"fagai\"；name = \"区发改局\""));
        return out;
    }
    auto source = read_source(file, shown, diags, language);
    if (!source) return out;
    auto table = parse_toml(*source, source->text, 1, diags, language);
    if (!table) return out;
    std::map<std::string, SourceLoc> slugs;
    std::map<std::string, SourceLoc> names;
    for (DepartmentEntry& e : read_department_entries(*table, *source, language, diags)) {
        if (!e.has_slug || !e.has_name) continue;
        const std::string& slug = e.department.slug;
        const std::string& name = e.department.name;
        bool ok = true;
        if (!is_valid_slug(slug)) {
            const std::string better = suggest_slug(slug);
            diags.error(e.slug_loc, say(language, Msg::bad_dept_slug, slug),
                        better.empty() ? std::string() : say(language, Msg::bad_slug_hint, better),
                        line_text(source->text, e.slug_loc.line));
            ok = false;
        } else if (auto [it, fresh] = slugs.emplace(slug, e.slug_loc); !fresh) {
            diags.error(e.slug_loc, say(language, Msg::dup_dept_slug, slug),
                        say(language, Msg::dup_first_here, fmt::format("{}:{}", shown, it->second.line)),
                        line_text(source->text, e.slug_loc.line));
            ok = false;
        }
        if (name.empty()) {
            diags.error(e.name_loc, say(language, Msg::empty_value, "name"), {}, line_text(source->text, e.name_loc.line));
            ok = false;
        } else if (auto [it, fresh] = names.emplace(name, e.name_loc); !fresh) {
            diags.error(e.name_loc, say(language, Msg::dup_dept_name, name),
                        say(language, Msg::dup_first_here, fmt::format("{}:{}", shown, it->second.line)),
                        line_text(source->text, e.name_loc.line));
            ok = false;
        }
        if (!ok) continue;
        out.push_back(std::move(e.department));
    }
    return out;
}

}  // namespace bulletin
