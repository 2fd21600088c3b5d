#include "feeds.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "json_text.h"
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
// OWASP's list of leads a spreadsheet may take for a formula: = + - @, tab, CR.
void append_csv_cell(std::string& out, std::string_view s) {
    const bool formula = !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
                                        s[0] == '\r');
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


// The open data JSON as nlohmann's dump(1, '\t', false, replace) writes it,
// straight into one string: building the document as nlohmann values first
// cost several times the writing. Numbers go through nlohmann's own
// shortest-form conversion, so doubles print as before ("296.0").
class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    /// The next member of an object; its value follows.
    JsonWriter& key(std::string_view k) {
        next_item();
        string(k);
        out_ += ": ";
        return *this;
    }
    /// The next element of an array; its value follows.
    JsonWriter& item() {
        next_item();
        return *this;
    }

    void string(std::string_view s) { append_json_string(out_, s); }
    void integer(long long v) { out_ += std::to_string(v); }
    void number(double v) {
        if (!std::isfinite(v)) {
            out_ += "null";
            return;
        }
        std::array<char, 64> buf{};
        const char* end = nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), v);
        out_.append(buf.data(), static_cast<std::size_t>(end - buf.data()));
    }
    void boolean(bool b) { out_ += b ? "true" : "false"; }
    void strings(const std::vector<std::string>& items) {
        begin_array();
        for (const std::string& s : items) item().string(s);
        end_array();
    }

private:
    void open(char c) {
        out_ += c;
        empty_.push_back(true);
    }
    void close(char c) {
        const bool empty = empty_.back();
        empty_.pop_back();
        if (!empty) newline();
        out_ += c;
    }
    void next_item() {
        if (!empty_.back()) out_ += ',';
        empty_.back() = false;
        newline();
    }
    void newline() {
        out_ += '\n';
        out_.append(empty_.size(), '\t');
    }

    std::string& out_;
    std::vector<bool> empty_;  // per open object or array: nothing in it yet
};

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
        j.key("title").string(e.title);
        j.key("year").integer(e.year);
        j.key("published").string(e.published.iso());
        j.key("publisher").string(e.publisher);
        j.key("archived").boolean(e.archived);
        j.key("url").string(base + edition_url(e));
        j.end_object();
        j.key("figures").begin_array();
        for (const Figure& f : e.figures) {
            j.item().begin_object();
            j.key("label").string(f.label);
            j.key("value").number(f.value);
            j.key("unit").string(f.unit);
            j.end_object();
        }
        j.end_array();
        j.key("projects").begin_array();

        std::string csv = "\xEF\xBB\xBF";
        const char* const header[] = {"csv_number", "csv_title", "csv_department", "csv_co_departments", "csv_status",
                                      "csv_tags", "csv_metrics", "csv_outcomes", "csv_url"};
        for (std::size_t k = 0; k < std::size(header); ++k) {
            if (k) csv += ',';
            append_csv_cell(csv, theme.string(header[k]));
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
            j.key("number").integer(p.number);
            j.key("slug").string(p.slug);
            j.key("title").string(p.title);
            j.key("department").string(d.name);
            j.key("department_slug").string(d.slug);
            j.key("co_departments").strings(co);
            j.key("status").string(p.ongoing ? "ongoing" : "completed");
            j.key("tags").strings(p.tags);
            j.key("metrics").begin_array();
            for (const Metric& m : p.metrics) {
                j.item().begin_object();
                j.key("label").string(m.label);
                j.key("value").number(m.value);
                j.key("unit").string(m.unit);
                if (m.target) j.key("target").number(*m.target);
                j.end_object();
            }
            j.end_array();
            j.key("corrections").begin_array();
            for (const Correction& c : p.corrections) {
                j.item().begin_object();
                j.key("date").string(c.date.iso());
                j.key("note").string(c.note);
                j.key("reason").string(c.reason);
                j.end_object();
            }
            j.end_array();
            j.key("summary").string(p.summary);
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
        out[2 * edition_index] = {"data/" + e.id + ".json", std::move(json)};
        out[2 * edition_index + 1] = {"data/" + e.id + ".csv", std::move(csv)};
    });
    std::erase_if(out, [](const OutputFile& f) { return f.path.empty(); });  // the skipped editions' slots
    return out;
}

}  // namespace bulletin
