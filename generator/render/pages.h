#pragma once
// Every HTML page of the site: which pages exist, at which path, with which view.
#include <functional>
#include <vector>

#include "model.h"
#include "output.h"
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

/// Renders home, editions, projects, departments, archive and search pages.
/// Pages are rendered on every core; `emit` is called from several threads,
/// once per page, in no particular order.
void render_pages(const Site& site, const Theme& theme, const RenderOptions& options, const Emit& emit);

}  // namespace bulletin
