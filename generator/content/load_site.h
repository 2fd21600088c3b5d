#pragma once
// Reading the content folder into the model (model.h): every file checked,
// every problem reported, the site returned only when there is no error.
#include <memory>
#include <optional>
#include <string>

#include "diagnostics.h"
#include "model.h"

namespace bulletin {

/// What the loader keeps between loads of one content folder (`bulletin
/// serve`): each project file's result, used again while the file's size,
/// modification time and inode, the departments, the language and the
/// drafts option are unchanged, so a load after one saved file reads that
/// file only. The projects are shared, not copied: the site a load returns
/// holds the very projects the cache and the sites before it hold. One load
/// at a time uses a cache.
class LoadCache;
std::shared_ptr<LoadCache> make_load_cache();

struct LoadOptions {
    bool drafts = false;                   ///< include projects marked draft
    std::optional<std::string> base_url;  ///< overrides site.toml's
    LoadCache* cache = nullptr;            ///< may be null: every file is read
};

/// Loads and validates a content tree. Every problem is reported in `diags`
/// (the loader keeps going); the site is returned only when there is no error.
/// `shown_root` is how the content folder is named in messages.
std::optional<Site> load_site(const std::string& content_dir, const LoadOptions& options, Diagnostics& diags);

}  // namespace bulletin
