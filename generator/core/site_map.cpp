#include "site_map.h"

#include <algorithm>

#include "text.h"

namespace bulletin::site_map {
namespace {

std::string joined(std::string_view a, std::string_view b, std::string_view c = {}) {
    std::string out;
    out.reserve(a.size() + b.size() + c.size());
    out += a;
    out += b;
    out += c;
    return out;
}

std::string first_segment(std::string_view path) { return std::string(path.substr(0, path.find('/'))); }

bool starts_with_id(std::string_view path, std::string_view prefix, const std::string& id, char after) {
    return path.size() > prefix.size() + id.size() && path.substr(0, prefix.size()) == prefix &&
           path.substr(prefix.size(), id.size()) == id && path[prefix.size() + id.size()] == after;
}

}  // namespace

namespace {

constexpr PageKindInfo kinds[] = {
    {PageKind::home, "home", true, home, true},
    {PageKind::edition, "edition", false, {}, true},
    {PageKind::project, "project", false, {}, true},
    {PageKind::departments, "departments", true, departments, true},
    {PageKind::department, "department", false, {}, true},
    {PageKind::archive, "archive", true, archive, true},
    {PageKind::search, "search", true, search, false},
};

constexpr bool in_kind_order() {
    for (std::size_t i = 0; i < std::size(kinds); ++i) {
        if (static_cast<std::size_t>(kinds[i].kind) != i) return false;
    }
    return std::size(kinds) == static_cast<std::size_t>(PageKind::search) + 1;
}
static_assert(in_kind_order(), "one entry per PageKind, in its order");

}  // namespace

std::span<const PageKindInfo> page_kinds() { return kinds; }

const PageKindInfo& page_kind(PageKind kind) { return kinds[static_cast<std::size_t>(kind)]; }

std::string sitemap_part(std::size_t n) { return "sitemap-" + std::to_string(n) + ".xml"; }

std::string edition(std::string_view id) { return joined(id, "/"); }
std::string project(std::string_view id, std::string_view slug) {
    std::string out;
    out.reserve(id.size() + slug.size() + 2);
    out += id;
    out += '/';
    out += slug;
    out += '/';
    return out;
}
std::string department(std::string_view slug) { return joined(departments, slug, "/"); }
std::string data_json(std::string_view id) { return joined(data_dir, id, ".json"); }
std::string data_csv(std::string_view id) { return joined(data_dir, id, ".csv"); }
std::string page_file(std::string_view dir) { return joined(dir, "index.html"); }

const std::vector<std::string>& reserved_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const PageKindInfo& page : page_kinds()) {
            if (page.once && !page.address.empty()) out.push_back(first_segment(page.address));
        }
        for (std::string_view path : {assets_dir, data_dir, files_dir, feed, sitemap, manifest, search_manifest,
                                      search_dir}) {
            out.push_back(first_segment(path));
        }
        out.push_back("index.html");
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }();
    return names;
}

bool is_reserved(std::string_view name) {
    const auto& names = reserved_names();
    if (std::find(names.begin(), names.end(), name) != names.end()) return true;
    // The parts of a split sitemap: sitemap-1.xml, sitemap-2.xml…
    return name.starts_with("sitemap-") && name.ends_with(".xml");
}

EditionId check_edition_id(std::string_view id) {
    if (is_reserved(id)) return EditionId::reserved;
    if (!is_valid_slug(id)) return EditionId::bad_slug;
    return EditionId::ok;
}

const std::string& manifest_group(const std::string& path, const std::vector<std::string>& ids) {
    static const std::string site = "site";
    for (const std::string& id : ids) {
        if (starts_with_id(path, "", id, '/') || starts_with_id(path, data_dir, id, '.')) return id;
    }
    return site;
}

}  // namespace bulletin::site_map
