#include "feeds.h"

#include <algorithm>

#include <fmt/format.h>

#include "pages.h"
#include "site_map.h"
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
    out += fmt::format("<link rel=\"self\" type=\"application/atom+xml\" href=\"{}{}\"/>\n", xml_escape(base), site_map::feed);
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

OutputFiles render_sitemap(const Site& site, std::size_t max_urls) {
    const std::string& base = site.config.base_url;
    const Date latest = site.latest().published;
    struct Url {
        std::string line;
        Date lastmod;
    };
    std::vector<Url> urls;
    urls.reserve(site.editions.size() + site.projects.size() + site.departments.size() + 3);
    // Every page the site map lists in the sitemap, in its order. An edition's
    // pages change when it is published, a project's also when corrected; the
    // pages of the whole site with the latest edition.
    for (const SitePage& page : site_pages(site)) {
        if (!site_map::page_kind(page.kind).in_sitemap) continue;
        Date lastmod = latest;
        if (page.kind == site_map::PageKind::edition) lastmod = site.editions[page.index].published;
        if (page.kind == site_map::PageKind::project) {
            const Project& p = site.projects[page.index];
            lastmod = site.editions[p.edition].published;
            if (!p.corrections.empty()) lastmod = std::max(lastmod, p.corrections.back().date);
        }
        urls.push_back({fmt::format("<url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
                                    xml_escape(base + page_dir(site, page)), lastmod.iso()),
                        lastmod});
    }

    const char* const head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    auto urlset = [&](std::size_t from, std::size_t to) {
        std::string out = head;
        out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
        for (std::size_t i = from; i < to; ++i) out += urls[i].line;
        out += "</urlset>\n";
        return out;
    };
    if (max_urls == 0) max_urls = site_map::sitemap_max_urls;
    if (urls.size() <= max_urls) return {{std::string(site_map::sitemap), urlset(0, urls.size())}};
    // Past the protocol's limit: sitemap.xml lists the parts, each a sitemap of its own.
    OutputFiles files;
    std::string index = head;
    index += "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (std::size_t from = 0, n = 1; from < urls.size(); from += max_urls, ++n) {
        const std::size_t to = std::min(urls.size(), from + max_urls);
        Date lastmod = urls[from].lastmod;
        for (std::size_t i = from; i < to; ++i) lastmod = std::max(lastmod, urls[i].lastmod);
        const std::string part = site_map::sitemap_part(n);
        index += fmt::format("<sitemap><loc>{}</loc><lastmod>{}</lastmod></sitemap>\n", xml_escape(base + part),
                             lastmod.iso());
        files.push_back({part, urlset(from, to)});
    }
    index += "</sitemapindex>\n";
    files.insert(files.begin(), {std::string(site_map::sitemap), std::move(index)});
    return files;
}

}  // namespace bulletin
