#pragma once
// Every HTML page of the site: which pages exist, at which path, with which view.
#include <functional>
#include <vector>

#include "model.h"
#include "output.h"
#include "site_map.h"
#include "theme.h"

namespace bulletin {

struct RenderOptions {
    /// Links end in index.html so the copy works opened from disk (file://).
    bool offline = false;
    /// Per edition (Site::editions order): true when the output folder already
    /// holds that edition's pages as this build would make them (build.cpp);
    /// they are not rendered. Empty: render every page.
    std::vector<bool> reuse_edition;
    /// The same per project (Site::projects order) and per department
    /// (Site::departments order), for `serve`, which knows which files changed.
    std::vector<bool> reuse_project;
    std::vector<bool> reuse_department;
};

using Emit = std::function<void(OutputFile&&)>;

/// One page of the site: its kind (site_map.h) and, for a kind the site has
/// one of per edition, project or department, which one (its index in the
/// Site's list).
struct SitePage {
    site_map::PageKind kind;
    std::size_t index = 0;
};

/// Every page of the site: by kind in the site map's order, then in the order
/// of the site's editions, projects or departments. The pages render_pages()
/// renders, and those render_sitemap() lists.
std::vector<SitePage> site_pages(const Site& site);

/// A page's folder: "" (home), "2022/", "2022/ev-charging/", "departments/fagai/"…
std::string page_dir(const Site& site, const SitePage& page);

/// Renders every page of site_pages(), each with its kind's template.
/// Pages are rendered on every core; `emit` is called from several threads,
/// once per page, in no particular order.
void render_pages(const Site& site, const Theme& theme, const RenderOptions& options, const Emit& emit);

}  // namespace bulletin
