#include "import_write.h"

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "import_figures.h"
#include "messages.h"
#include "text.h"

namespace bulletin {
namespace {

constexpr std::size_t max_metric_suggestions = 8;

std::string toml_string(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += fmt::format("\\u{:04X}", static_cast<unsigned>(c));
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string toml_string_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + toml_string(items[i]);
    return out + "]";
}

/// Bulletins headed "发布单位公布 标题" name their publisher in the title line.
std::pair<std::string, std::string> split_publisher(const std::string& title) {
    for (std::string_view gap : {" ", "\u3000"}) {
        const std::size_t at = title.find(std::string("公布") + std::string(gap));
        if (at != std::string::npos && at > 0) {
            std::string rest(trim_text(std::string_view(title).substr(at + std::string_view("公布").size())));
            if (!rest.empty()) return {title.substr(0, at), rest};
        }
    }
    return {"", title};
}

int count_lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

std::string preamble_figures(const std::vector<std::string>& preamble, const std::string& language);

/// A date the preamble gives on a short line of its own or after 发布时间/发布日期
/// (2017-10-12, 2016年2月26日), as YYYY-MM-DD; it is only offered, never set.
std::optional<std::string> date_in(const std::vector<std::string>& preamble) {
    static const std::regex iso(R"((\d{4})-(\d{1,2})-(\d{1,2}))");
    static const std::regex chinese(R"((\d{4})年(\d{1,2})月(\d{1,2})日)");
    for (const std::string& line : preamble) {
        const bool labelled = line.find("发布时间") != std::string::npos || line.find("发布日期") != std::string::npos;
        if (!labelled && utf8_length(line) > 20) continue;
        std::smatch m;
        if (std::regex_search(line, m, iso) || std::regex_search(line, m, chinese)) {
            const int month = std::stoi(m[2].str()), day = std::stoi(m[3].str());
            if (month < 1 || month > 12 || day < 1 || day > 31) continue;
            return fmt::format("{}-{:02}-{:02}", m[1].str(), month, day);
        }
    }
    return std::nullopt;
}

/// `# 待核对：` lines for the guesses, each recorded as a notice at its line.
std::string guess_comments(const std::vector<ImportGuess>& guesses, const std::string& path, const std::string& before,
                           ImportPlan& plan, const std::string& lang) {
    std::string out;
    for (const ImportGuess& g : guesses) {
        plan.notices.push_back({path, count_lines(before + out) + 1, g.message, g.line, g.guess});
        out += say(lang, g.guess ? Msg::import_c_guess : Msg::import_c_todo, g.line, g.message) + "\n";
    }
    return out;
}

std::string edition_index(const ImportedBulletin& b, const ImportTarget& target, ImportPlan& plan) {
    const auto [publisher, printed] = split_publisher(b.title);
    const std::string title = title_without_year(printed, target.year);
    const std::string path = target.edition + "/_index.md";
    std::string fm = "+++\n";
    fm += guess_comments(b.guesses, path, fm, plan, target.language);
    if (b.title_missing) {
        fm += say(target.language, Msg::import_c_no_title) + "\n";
        plan.notices.push_back({path, count_lines(fm) + 1, say(target.language, Msg::import_n_no_title), 0, false});
        fm += "# title = \"\"\n";
    } else {
        if (title != b.title) fm += say(target.language, Msg::import_c_original_title, b.title) + "\n";
        if (title != printed) fm += say(target.language, Msg::import_c_year, target.year) + "\n";
        fm += "title = " + toml_string(title) + "\n";
    }
    fm += fmt::format("year = {}\n", target.year);
    fm += say(target.language, Msg::import_c_published) + "\n";
    const std::optional<std::string> dated = date_in(b.preamble);
    if (dated) fm += say(target.language, Msg::import_c_date_seen, *dated) + "\n";
    plan.notices.push_back({path, count_lines(fm) + 1, say(target.language, Msg::import_n_published), 0, false});
    fm += "# published = " + dated.value_or("") + "\n";
    if (!publisher.empty()) {
        fm += "publisher = " + toml_string(publisher) + "\n";
    } else if (!b.publisher.empty()) {
        fm += "publisher = " + toml_string(b.publisher) + "\n";
    }
    fm += "archived = false\n";
    fm += preamble_figures(b.preamble, target.language);
    fm += "+++\n";
    std::string body;
    for (const std::string& paragraph : b.preamble) body += (body.empty() ? "" : "\n") + escape_markdown(paragraph) + "\n";
    return fm + body;
}

std::string metric_lines(const std::vector<SuggestedMetric>& figures, std::string_view table, const std::string& language) {
    std::string out;
    for (const SuggestedMetric& m : figures) {
        out += fmt::format("# [[{}]]\n", table);
        out += "# label = " + toml_string(m.label) + (m.label.empty() ? "  " + say(language, Msg::import_c_fill_in) : "") + "\n";
        out += "# value = " + m.value + "\n";
        out += "# unit = " + toml_string(m.unit) + "\n";
        if (!m.target.empty()) out += "# target = " + m.target + "\n";
        out += "#\n";
    }
    return out;
}

std::vector<SuggestedMetric> first_figures(const std::vector<std::string>& texts) {
    std::vector<SuggestedMetric> figures;
    std::set<std::pair<std::string, std::string>> seen;
    for (const std::string& t : texts) {
        for (SuggestedMetric& m : find_key_figures(t)) {
            if (figures.size() < max_metric_suggestions && seen.insert({m.value, m.unit}).second) {
                figures.push_back(std::move(m));
            }
        }
    }
    return figures;
}

/// The summary figures of the preamble (开展监督检查97次…), offered as [[figures]].
std::string preamble_figures(const std::vector<std::string>& preamble, const std::string& language) {
    std::vector<SuggestedMetric> figures = first_figures(preamble);
    for (SuggestedMetric& m : figures) m.target.clear();  // an edition's figures have no target
    if (figures.empty()) return "";
    return "\n" + say(language, Msg::import_c_preamble_figures) + "\n" + metric_lines(figures, "figures", language);
}

std::string metric_suggestions(const ImportedProject& p, const std::string& language) {
    std::vector<std::string> texts;
    for (const ImportedOutcome& o : p.outcomes) texts.push_back(o.text);
    const std::vector<SuggestedMetric> figures = first_figures(texts);
    if (figures.empty()) return "";
    return "\n" + say(language, Msg::import_c_outcome_metrics) + "\n" + metric_lines(figures, "metrics", language);
}

}  // namespace

std::string title_without_year(const std::string& title, int year) {
    for (std::string_view suffix : {"年度", "年"}) {
        const std::string prefix = fmt::format("{}{}", year, suffix);
        if (title.starts_with(prefix) && title.size() > prefix.size()) {
            std::string rest(trim_text(std::string_view(title).substr(prefix.size())));
            if (!rest.empty()) return rest;
        }
    }
    return title;
}

std::string escape_markdown(std::string_view text) {
    std::string out;
    bool line_start = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (line_start) {
            // A paragraph must not begin a heading, quote, list or rule.
            std::size_t digits = i;
            while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
            if (digits > i && digits < text.size() && (text[digits] == '.' || text[digits] == ')')) {
                out.append(text.substr(i, digits - i)).append("\\");
                i = digits - 1;
                line_start = false;
                continue;
            }
            if (c == '#' || c == '+' || c == '-' || c == '>' || c == '=') out += '\\';
        }
        if (c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' || c == '~' ||
            c == '|' || c == '&') {
            out += '\\';
        }
        out += c;
        line_start = c == '\n';
    }
    return out;
}

std::string outcome_markdown(const std::string& text, int indent) {
    std::string first = text;
    std::string more;
    if (const std::size_t gap = text.find("\n\n"); gap != std::string::npos) {
        first = text.substr(0, gap);
        more = text.substr(gap + 2);
    }
    std::string out;
    if (auto lead = lead_sentence(first)) {
        out = "**" + escape_markdown(*lead) + "**" + escape_markdown(std::string_view(first).substr(lead->size()));
    } else {
        out = escape_markdown(first);
    }
    for (std::size_t start = 0; start < more.size();) {
        std::size_t end = more.find("\n\n", start);
        if (end == std::string::npos) end = more.size();
        out += "\n\n" + std::string(indent, ' ') + escape_markdown(more.substr(start, end - start));
        start = end + 2;
    }
    return out;
}

ImportPlan plan_import(const ImportedBulletin& b, const ImportTarget& target, const SlugMaker& slugs) {
    ImportPlan plan;
    plan.files.push_back({target.edition + "/_index.md", edition_index(b, target, plan), false});

    std::map<std::string, std::string> listed;  // name or full name → name as listed
    std::set<std::string> department_slugs;
    for (const Department& d : target.departments) {
        listed.emplace(d.name, d.name);
        if (!d.full_name.empty()) listed.emplace(d.full_name, d.name);
        department_slugs.insert(d.slug);
    }
    const auto resolve = [&](const std::string& name) {
        if (auto it = listed.find(name); it != listed.end()) return it->second;
        std::string base = slugs.department_slug(name);
        Department added;
        added.slug = unique_slug(base.empty() ? "department" : base, department_slugs);
        added.name = name;
        plan.added_departments.push_back(std::move(added));
        listed.emplace(name, name);
        return name;
    };

    std::set<std::string> project_slugs;
    for (const ImportedProject& p : b.projects) {
        std::string base = slugs.project_slug(p.title);
        if (base.empty()) base = fmt::format("p{:02}", p.number);
        const std::string path = target.edition + "/" + unique_slug(base, project_slugs) + ".md";
        std::vector<std::string> names;
        for (const std::string& d : p.departments) names.push_back(resolve(d));

        std::string fm = "+++\n";
        fm += guess_comments(p.guesses, path, fm, plan, target.language);
        for (const std::string& note : p.notes) fm += say(target.language, Msg::import_c_note, note) + "\n";
        fm += "title = " + toml_string(p.title) + "\n";
        if (names.empty()) {
            fm += say(target.language, Msg::import_c_no_lead) + "\n";
            plan.notices.push_back({path, count_lines(fm) + 1,
                                    say(target.language, Msg::import_n_no_lead, p.number, p.title),
                                    p.line, false});
            fm += "department = \"\"\n";
        } else {
            fm += "department = " + toml_string(names.front()) + "\n";
            if (names.size() > 1) fm += "co_departments = " + toml_string_list({names.begin() + 1, names.end()}) + "\n";
        }
        if (!p.summary.empty()) fm += "summary = " + toml_string(p.summary) + "\n";
        fm += fmt::format("number = {}\nstatus = \"completed\"\n", p.number);
        fm += metric_suggestions(p, target.language) + "+++\n";

        std::string body;
        for (std::size_t i = 0; i < p.outcomes.size(); ++i) {
            const std::string marker = fmt::format("{}. ", i + 1);
            body += marker + outcome_markdown(p.outcomes[i].text, static_cast<int>(marker.size())) + "\n";
        }
        plan.files.push_back({path, fm + body, false});
    }

    // A new content folder gets its departments.toml even when the text names no unit, so check
    // reports the empty leads rather than a missing file.
    if (!plan.added_departments.empty() || !target.departments_toml_exists) {
        std::string toml = target.departments_toml;
        if (!target.departments_toml_exists) {
            toml = say(target.language, Msg::import_c_departments_header) + "\n";
        }
        if (!toml.empty() && toml.back() != '\n') toml += '\n';
        for (const Department& d : plan.added_departments) {
            toml += fmt::format("\n[[department]]\nslug = {}\nname = {}\n", toml_string(d.slug), toml_string(d.name));
        }
        plan.files.push_back({"departments.toml", toml, target.departments_toml_exists});
    }
    return plan;
}

}  // namespace bulletin
