#pragma once
// Links from a page's Markdown to files of the content folder: an image or
// attachment beside the project (a page bundle 2024/slug/index.md with its
// files, or the edition's folder) or under content/files/ is published at
// the same path; a link to another project's .md file becomes that
// project's address. Nothing outside the content folder, no hidden file and
// no file type that could run script in a browser is ever published.
#include <string>
#include <utility>
#include <vector>

#include "diagnostics.h"
#include "front_matter.h"
#include "markdown.h"
#include "model.h"

namespace bulletin {

/// The folder of content files, outside every edition, that pages may link to
/// (published as site_map::files_dir).
inline constexpr const char* kFilesFolder = "files";

class LocalLinks {
public:
    /// `md_dir`: the Markdown file's folder relative to the content folder
    /// ("2024" or "2024/slug"); `body_line`: the file line the Markdown starts on.
    LocalLinks(std::string content_dir, std::string md_dir, const SourceFile& file, int body_line, Diagnostics& diags,
               const std::string& language);

    /// For render_markdown: resolves a link, or reports why it cannot be published.
    LinkResolver resolver();

    /// The files the page links to, in the order first linked.
    std::vector<StaticFile> files;

    /// The pages it links to ("2022/ev-charging/"), to be checked once the site is known.
    struct PageLink {
        std::string target;
        Diagnostic where;  ///< location and source line; message filled in if the page is missing
    };
    std::vector<PageLink> pages;

    /// Every file a link was looked for at on disk, and whether a file was
    /// there: what the page depends on besides its own file (load_site.h's cache).
    std::vector<std::pair<std::string, bool>> looked_up;

private:
    std::optional<std::string> resolve(const LocalLink& link);
    void report(const LocalLink& link, std::string message, std::string hint);
    Diagnostic at(const LocalLink& link) const;

    std::string content_dir_;
    std::string md_dir_;
    const SourceFile& file_;
    int body_line_;
    Diagnostics& diags_;
    std::string language_;  // a copy: callers may pass a temporary
};

}  // namespace bulletin
