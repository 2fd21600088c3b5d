#include "feeds.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "parallel.h"
#include "text.h"
#include "views.h"

namespace bulletin {
namespace {

// Dates carry the publisher's offset; content dates have no time of day.
std::string atom_time(const Date& d) { return d.iso() + "T00:00:00+08:00"; }

struct FeedEntry {
    Date updated;
    std::string id;
    std::string title;
    std::string url;
    std::string summary;
    std::string category;
};

}  // namespace

std::string render_atom(const Site& site, const Theme& theme) {
    const std::string& base = site.config.base_url;
    std::vector<FeedEntry> entries;
    for (const Project& p : site.projects) {
        const Edition& e = site.editions[p.edition];
        const std::string url = base + project_url(site, p);
        entries.push_back({e.published, url, p.title, url, p.summary, site.departments[p.department].name});
        for (std::size_t i = 0; i < p.corrections.size(); ++i) {
            const Correction& c = p.corrections[i];
            entries.push_back({c.date, url + "#" + correction_anchor(p, i),
                               theme.string("correction") + "：" + p.title, url,
                               c.reason.empty() ? c.note : c.note + "（" + theme.string("correction_reason") + c.reason + "）",
                               site.departments[p.department].name});
        }
    }
    // Newest first; ties keep the bulletin's order (stable sort over projects by number).
    std::stable_sort(entries.begin(), entries.end(),
                     [](const FeedEntry& a, const FeedEntry& b) { return a.updated > b.updated; });
    if (entries.size() > 200) entries.resize(200);
    const Date updated = entries.empty() ? site.latest().published : entries.front().updated;

    std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    out += fmt::format("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", xml_escape(site.config.language));
    out += fmt::format("<title>{}</title>\n", xml_escape(site.config.title));
    if (!site.config.description.empty()) out += fmt::format("<subtitle>{}</subtitle>\n", xml_escape(site.config.description));
    out += fmt::format("<id>{}</id>\n", xml_escape(base));
    out += fmt::format("<link rel=\"self\" type=\"application/atom+xml\" href=\"{}feed.xml\"/>\n", xml_escape(base));
    out += fmt::format("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml_escape(base));
    out += fmt::format("<updated>{}</updated>\n", atom_time(updated));
    out += fmt::format("<author><name>{}</name></author>\n",
                       xml_escape(site.config.publisher.empty() ? site.config.title : site.config.publisher));
    for (const FeedEntry& e : entries) {
        out += "<entry>\n";
        out += fmt::format("<title>{}</title>\n", xml_escape(e.title));
        out += fmt::format("<id>{}</id>\n", xml_escape(e.id));
        out += fmt::format("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml_escape(e.url));
        out += fmt::format("<updated>{}</updated>\n", atom_time(e.updated));
        out += fmt::format("<category term=\"{}\"/>\n", xml_escape(e.category));
        out += fmt::format("<summary>{}</summary>\n", xml_escape(e.summary));
        out += "</entry>\n";
    }
    out += "</feed>\n";
    return out;
}

std::string render_sitemap(const Site& site) {
    const std::string& base = site.config.base_url;
    const Date latest = site.latest().published;
    std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    auto add = [&](const std::string& path, const Date& lastmod) {
        out += fmt::format("<url><loc>{}</loc><lastmod>{}</lastmod></url>\n", xml_escape(base + path), lastmod.iso());
    };
    add("", latest);
    for (const Edition& e : site.editions) add(edition_url(e), e.published);
    for (const Project& p : site.projects) {
        Date d = site.editions[p.edition].published;
        if (!p.corrections.empty()) d = std::max(d, p.corrections.back().date);
        add(project_url(site, p), d);
    }
    add("departments/", latest);
    for (const Department& d : site.departments) add(department_url(d), latest);
    add("archive/", latest);
    out += "</urlset>\n";
    return out;
}

namespace {

// A cell Excel will not read as a formula, quoted per RFC 4180 when needed.
std::string csv_cell(std::string s) {
    if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s.insert(0, "'");
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
    return out;
}

}  // namespace

OutputFiles render_open_data(const Site& site, const Theme& theme, const std::vector<bool>& skip) {
    // One edition per job on every core; each lands in its own slots.
    OutputFiles out(2 * site.editions.size());
    const std::string& base = site.config.base_url;
    parallel_for(site.editions.size(), [&](std::size_t edition_index) {
        if (edition_index < skip.size() && skip[edition_index]) return;
        const Edition& e = site.editions[edition_index];
        nlohmann::ordered_json doc;
        doc["format"] = "bulletin-edition";
        doc["version"] = 1;
        doc["edition"] = {{"id", e.id},        {"title", e.title},         {"year", e.year},
                          {"published", e.published.iso()}, {"publisher", e.publisher}, {"archived", e.archived},
                          {"url", base + edition_url(e)}};
        doc["figures"] = nlohmann::ordered_json::array();
        for (const Figure& f : e.figures) doc["figures"].push_back({{"label", f.label}, {"value", f.value}, {"unit", f.unit}});
        doc["projects"] = nlohmann::ordered_json::array();

        const std::string header[] = {"csv_number", "csv_title", "csv_department", "csv_co_departments", "csv_status",
                                      "csv_tags", "csv_metrics", "csv_outcomes", "csv_url"};
        std::string csv = "\xEF\xBB\xBF";
        std::vector<std::string> cells;
        for (const std::string& k : header) cells.push_back(csv_cell(theme.string(k)));
        csv += join(cells, ",") + "\r\n";

        for (std::size_t i : e.projects) {
            const Project& p = site.projects[i];
            const Department& d = site.departments[p.department];
            std::vector<std::string> co;
            for (std::size_t c : p.co_departments) co.push_back(site.departments[c].name);
            nlohmann::ordered_json metrics = nlohmann::ordered_json::array();
            std::vector<std::string> metric_texts;
            for (const Metric& m : p.metrics) {
                nlohmann::ordered_json mj = {{"label", m.label}, {"value", m.value}, {"unit", m.unit}};
                std::string t = m.label + " " + format_number(m.value) + m.unit;
                if (m.target) {
                    mj["target"] = *m.target;
                    t += " / " + format_number(*m.target) + m.unit + " (" + percent_of(m.value, *m.target) + ")";
                }
                metrics.push_back(mj);
                metric_texts.push_back(t);
            }
            nlohmann::ordered_json corrections = nlohmann::ordered_json::array();
            for (const Correction& c : p.corrections) corrections.push_back({{"date", c.date.iso()}, {"note", c.note}, {"reason", c.reason}});
            doc["projects"].push_back({{"number", p.number},
                                       {"slug", p.slug},
                                       {"title", p.title},
                                       {"department", d.name},
                                       {"department_slug", d.slug},
                                       {"co_departments", co},
                                       {"status", p.ongoing ? "ongoing" : "completed"},
                                       {"tags", p.tags},
                                       {"metrics", metrics},
                                       {"corrections", corrections},
                                       {"summary", p.summary},
                                       {"text", p.body_text},
                                       {"url", base + project_url(site, p)}});
            cells = {std::to_string(p.number), p.title, d.name, join(co, "、"),
                     theme.string(p.ongoing ? "status_ongoing" : "status_completed"), join(p.tags, "、"),
                     join(metric_texts, "；"), p.body_text, base + project_url(site, p)};
            for (std::string& c : cells) c = csv_cell(c);
            csv += join(cells, ",") + "\r\n";
        }
        out[2 * edition_index] = {"data/" + e.id + ".json",
                                  doc.dump(1, '\t', false, nlohmann::json::error_handler_t::replace) + "\n"};
        out[2 * edition_index + 1] = {"data/" + e.id + ".csv", std::move(csv)};
    });
    return out;
}

}  // namespace bulletin
