#include "open_data.h"

#include <fmt/format.h>

#include "field_table.h"
#include "json_text.h"
#include "parallel.h"
#include "site_map.h"
#include "text.h"
#include "views.h"

namespace bulletin {
namespace {

// A cell Excel will not read as a formula, quoted per RFC 4180 when needed.
void append_csv_cell(std::string& out, std::string_view s) {
    const bool formula = !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@');
    // A plain loop: find_first_of searches the set once per character.
    bool quoted = false;
    for (char c : s) quoted |= c == ',' || c == '"' || c == '\r' || c == '\n';
    if (quoted) out += '"';
    if (formula) out += '\'';
    if (!quoted) {
        out += s;
        return;
    }
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void append_joined(std::string& out, const std::vector<std::string>& items, std::string_view sep) {
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += sep;
        out += items[i];
    }
}


}  // namespace

OutputFiles render_open_data(const Site& site, const Theme& theme, const std::vector<bool>& skip) {
    // One edition per job on every core; each lands in its own slots.
    OutputFiles out(2 * site.editions.size());
    const std::string& base = site.config.base_url;
    parallel_for(site.editions.size(), [&](std::size_t edition_index) {
        if (edition_index < skip.size() && skip[edition_index]) return;
        const Edition& e = site.editions[edition_index];
        std::string json;
        JsonWriter j(json);
        j.begin_object();
        j.key("format").string("bulletin-edition");
        j.key("version").integer(1);
        j.key("edition").begin_object();
        j.key("id").string(e.id);
        j.key(fields::edition::title.open_data).string(e.title);
        j.key(fields::edition::year.open_data).integer(e.year);
        j.key(fields::edition::published.open_data).string(e.published.iso());
        j.key(fields::edition::publisher.open_data).string(e.publisher);
        j.key(fields::edition::archived.open_data).boolean(e.archived);
        j.key("url").string(base + edition_url(e));
        j.end_object();
        j.key(fields::edition::figures.open_data).begin_array();
        for (const Figure& f : e.figures) {
            j.item().begin_object();
            j.key(fields::figure::label.open_data).string(f.label);
            j.key(fields::figure::value.open_data).number(f.value);
            j.key(fields::figure::unit.open_data).string(f.unit);
            j.end_object();
        }
        j.end_array();
        j.key("projects").begin_array();

        std::string csv = "\xEF\xBB\xBF";
        // The fields' columns (field_table.h), then the outcomes (the body) and the address.
        namespace pf = fields::project;
        const std::string_view header[] = {pf::number.csv, pf::title.csv,  pf::department.csv, pf::co_departments.csv,
                                           pf::status.csv, pf::tags.csv,   pf::metrics.csv,    "csv_outcomes",
                                           "csv_url"};
        for (std::size_t k = 0; k < std::size(header); ++k) {
            if (k) csv += ',';
            append_csv_cell(csv, theme.string(std::string(header[k])));
        }
        csv += "\r\n";

        std::vector<std::string> co;
        std::string cell;
        for (std::size_t i : e.projects) {
            const Project& p = site.projects[i];
            const Department& d = site.departments[p.department];
            const std::string url = base + project_url(site, p);
            co.clear();
            for (std::size_t c : p.co_departments) co.push_back(site.departments[c].name);
            j.item().begin_object();
            j.key(pf::number.open_data).integer(p.number);
            j.key("slug").string(p.slug);
            j.key(pf::title.open_data).string(p.title);
            j.key(pf::department.open_data).string(d.name);
            j.key("department_slug").string(d.slug);
            j.key(pf::co_departments.open_data).strings(co);
            j.key(pf::status.open_data).string(p.ongoing ? "ongoing" : "completed");
            j.key(pf::tags.open_data).strings(p.tags);
            j.key(pf::metrics.open_data).begin_array();
            for (const Metric& m : p.metrics) {
                j.item().begin_object();
                j.key(fields::metric::label.open_data).string(m.label);
                j.key(fields::metric::value.open_data).number(m.value);
                j.key(fields::metric::unit.open_data).string(m.unit);
                if (m.target) j.key(fields::metric::target.open_data).number(*m.target);
                j.end_object();
            }
            j.end_array();
            j.key(pf::corrections.open_data).begin_array();
            for (const Correction& c : p.corrections) {
                j.item().begin_object();
                j.key(fields::correction::date.open_data).string(c.date.iso());
                j.key(fields::correction::note.open_data).string(c.note);
                j.key(fields::correction::reason.open_data).string(c.reason);
                j.end_object();
            }
            j.end_array();
            j.key(pf::summary.open_data).string(p.summary);
            j.key("text").string(p.body_text);
            j.key("url").string(url);
            j.end_object();

            append_csv_cell(csv, std::to_string(p.number));
            csv += ',';
            append_csv_cell(csv, p.title);
            csv += ',';
            append_csv_cell(csv, d.name);
            csv += ',';
            cell.clear();
            append_joined(cell, co, "、");
            append_csv_cell(csv, cell);
            csv += ',';
            append_csv_cell(csv, theme.string(p.ongoing ? "status_ongoing" : "status_completed"));
            csv += ',';
            cell.clear();
            append_joined(cell, p.tags, "、");
            append_csv_cell(csv, cell);
            csv += ',';
            cell.clear();
            for (std::size_t k = 0; k < p.metrics.size(); ++k) {
                const Metric& m = p.metrics[k];
                if (k) cell += "；";
                cell += m.label + " " + format_number(m.value) + m.unit;
                if (m.target) cell += " / " + format_number(*m.target) + m.unit + " (" + percent_of(m.value, *m.target) + ")";
            }
            append_csv_cell(csv, cell);
            csv += ',';
            append_csv_cell(csv, p.body_text);
            csv += ',';
            append_csv_cell(csv, url);
            csv += "\r\n";
        }
        j.end_array();
        j.end_object();
        json += '\n';
        out[2 * edition_index] = {site_map::data_json(e.id), std::move(json)};
        out[2 * edition_index + 1] = {site_map::data_csv(e.id), std::move(csv)};
    });
    std::erase_if(out, [](const OutputFile& f) { return f.path.empty(); });  // the skipped editions' slots
    return out;
}

}  // namespace bulletin
