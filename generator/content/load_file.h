#pragma once
// One file of the content folder read into the model, for the loader
// (load_site.cpp): a project file, with every field checked and its links
// resolved, or an edition's _index.md. What is found goes into the
// diagnostics given; nothing here looks at other files.
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diagnostics.h"
#include "local_links.h"
#include "model.h"

namespace bulletin::loading {

/// What reading one file depends on besides the file: the site's departments and language.
struct Context {
    const std::string& content_dir;
    const std::string& language;
    const std::vector<Department>& departments;
    std::map<std::string, std::size_t> department_by_key;  // name or slug → index
    std::vector<std::string> department_names;
};

/// A project's edition before the site is put together.
constexpr std::size_t kNoEdition = static_cast<std::size_t>(-1);

/// One project file as read: its project (or nothing) and what it reported.
struct LoadedProject {
    std::string shown;  // the file, as messages name it
    Diagnostics diags;
    std::shared_ptr<Project> project;  // null when the file has errors or is a draft left out
    std::optional<int> number;  // read even when the file has other errors, to find duplicates
    bool left_out = false;      // a draft this build leaves out (its number still counts for gaps)
    SourceLoc number_loc;
    std::string number_line;
    std::vector<StaticFile> files;  // images and attachments its text links to
    std::vector<LocalLinks::PageLink> pages;  // the pages it links to
    std::vector<std::pair<std::string, bool>> looked_up;  // the files its links name, and whether each was there
};

/// An error at `loc` when `slug` cannot be part of an address, with the nearest one that can.
void check_slug(const std::string& slug, const SourceLoc& loc, const std::string& language, Diagnostics& diags);

/// Reads the project file `file` (shown as `shown`) of an edition; `md_dir` is
/// the folder its links are relative to on the site. A draft is left out
/// unless `drafts`; an `archived` edition's text is checked for words that
/// no longer say when.
LoadedProject load_project(const Context& ctx, const std::filesystem::path& file, const std::string& shown,
                           const std::string& slug, const std::string& md_dir, bool drafts, bool archived);

/// Reads an edition's _index.md; the files and project pages its preamble
/// links to are added to `files` and `pages`. Nothing when it has errors.
std::optional<Edition> load_edition(const Context& ctx, const std::filesystem::path& file, const std::string& shown,
                                    const std::string& id, const SiteConfig& config, Diagnostics& diags,
                                    std::vector<StaticFile>& files, std::vector<LocalLinks::PageLink>& pages);

}  // namespace bulletin::loading
