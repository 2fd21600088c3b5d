#pragma once
// The theme: Mustache templates, UI strings and static assets from
// themes/<name>/. The only module that holds Mustache templates.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <kainjow/mustache.hpp>

#include "diagnostics.h"
#include "output.h"

namespace bulletin {

/// What a template is rendered with.
using View = kainjow::mustache::data;

class Theme {
public:
    /// Loads `templates/*.html` (with `templates/partials/*.html` inlined where
    /// `{{> name}}` appears), `i18n/<language>.toml` (falling back to the
    /// language's primary subtag, then zh-CN) and every file under `assets/`.
    /// Template syntax errors are reported with the template's file and line.
    static std::optional<Theme> load(const std::filesystem::path& dir, const std::string& language,
                                     Diagnostics& diags);

    /// Renders a template by name ("project" for templates/project.html).
    /// Safe to call from several threads at once.
    std::string render(const std::string& name, const View& view) const;

    /// Views that many pages share (an edition's entries, a project's entry,
    /// the UI strings), found by name after the page's own view as if they
    /// were set on it, without being copied into each page's view.
    using SharedViews = std::vector<std::pair<std::string, const View*>>;
    std::string render(const std::string& name, const View& view, const SharedViews& shared) const;

    /// A UI string from the i18n file; the key itself when it is missing.
    const std::string& string(const std::string& key) const;
    /// Every UI string as a view object, for templates as {{t.key}}.
    const View& strings_view() const { return strings_view_; }
    const std::map<std::string, std::string>& strings() const { return strings_; }

    /// Static files to publish, with paths under "assets/".
    const OutputFiles& assets() const { return assets_; }

private:
    std::filesystem::path dir_;
    std::map<std::string, std::string> templates_;  // name → source with partials inlined
    std::map<std::string, std::string> strings_;
    View strings_view_;
    OutputFiles assets_;
    std::uint64_t id_ = 0;  // tells one loaded theme's per-thread template cache from another's
};

}  // namespace bulletin
