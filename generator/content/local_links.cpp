#include "local_links.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "messages.h"
#include "site_map.h"
#include "text.h"

namespace fs = std::filesystem;

namespace bulletin {
namespace {

// What a page may link to and the site publishes: images a browser shows
// and documents it downloads; never HTML, SVG or script, which could run in
// a reader's browser, nor anything the site itself writes.
const std::vector<std::string> kPublishable = {"png", "jpg",  "jpeg", "gif", "webp", "pdf", "doc", "docx", "xls",
                                               "xlsx", "ppt", "pptx", "odt", "ods", "odp", "wps", "et",  "ofd",
                                               "csv",  "txt", "zip",  "rar", "7z"};

std::string percent_decoded(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto hex = [](char c) {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        };
        if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
}

bool inside(const fs::path& file, const fs::path& dir) {
    std::error_code ec;
    const fs::path f = fs::weakly_canonical(file, ec);
    const fs::path d = fs::weakly_canonical(dir, ec);
    const std::string fs_ = f.generic_string(), ds = d.generic_string() + "/";
    return !ec && fs_.compare(0, ds.size(), ds) == 0;
}

}  // namespace

LocalLinks::LocalLinks(std::string content_dir, std::string md_dir, const SourceFile& file, int body_line,
                       Diagnostics& diags, const std::string& language)
    : content_dir_(std::move(content_dir)), md_dir_(std::move(md_dir)), file_(file), body_line_(body_line),
      diags_(diags), language_(language) {}

LinkResolver LocalLinks::resolver() {
    return [this](const LocalLink& link) { return resolve(link); };
}

Diagnostic LocalLinks::at(const LocalLink& link) const {
    const int line = body_line_ + link.line - 1;
    std::string text = line_text(file_.text, line);
    const int column = static_cast<int>(utf8_length(std::string_view(text).substr(
                           0, std::min<std::size_t>(text.size(), static_cast<std::size_t>(std::max(link.column - 1, 0)))))) + 1;
    return {Severity::error, {file_.path, line, column}, {}, {}, std::move(text)};
}

void LocalLinks::report(const LocalLink& link, std::string message, std::string hint) {
    Diagnostic d = at(link);
    d.message = std::move(message);
    d.hint = std::move(hint);
    diags_.add(std::move(d));
}

std::optional<std::string> LocalLinks::resolve(const LocalLink& link) {
    const std::string& lang = language_;
    const std::string place_hint(text(Msg::link_place_hint, lang));
    const std::size_t cut = std::min(link.url.find_first_of("?#"), link.url.size());
    const std::string path = percent_decoded(std::string_view(link.url).substr(0, cut));
    const std::size_t hash = link.url.find('#');
    const std::string fragment = hash == std::string::npos ? "" : link.url.substr(hash);
    if (path.empty()) return std::nullopt;
    const fs::path rel = (path.front() == '/' ? fs::path(path.substr(1)) : fs::path(md_dir_) / path).lexically_normal();
    const std::string shown = rel.generic_string();
    std::vector<std::string> parts;
    for (const fs::path& p : rel) parts.push_back(p.generic_string());
    if (parts.empty() || rel.is_absolute() || parts.front() == "..") {
        report(link, say(lang, Msg::link_outside, link.url), place_hint);
        return std::nullopt;
    }
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const bool last = i + 1 == parts.size();
        if (parts[i].empty() || parts[i][0] == '.' || (parts[i][0] == '_' && !(last && parts[i] == "_index.md"))) {
            report(link, say(lang, Msg::link_hidden, link.url), place_hint);
            return std::nullopt;
        }
    }
    const fs::path on_disk = fs::path(content_dir_) / rel;
    const std::string ext = lower(rel.extension().string());
    const std::string shown_disk = on_disk.lexically_normal().generic_string();
    if (ext == ".md") {
        // Another project (or an edition): its address on the site.
        std::string target;
        if (parts.size() == 2 && parts[1] == "_index.md") {
            target = parts[0] + "/";
        } else if (parts.size() == 2) {
            target = parts[0] + "/" + parts[1].substr(0, parts[1].size() - 3) + "/";
        } else if (parts.size() == 3 && parts[2] == "index.md") {
            target = parts[0] + "/" + parts[1] + "/";
        } else {
            report(link, say(lang, Msg::link_not_project, link.url), std::string(text(Msg::link_not_project_hint, lang)));
            return std::nullopt;
        }
        const bool there = fs::is_regular_file(on_disk);
        looked_up.emplace_back(on_disk.string(), there);
        if (!there || !inside(on_disk, content_dir_)) {
            report(link, say(lang, Msg::link_missing, link.url, shown_disk), std::string(text(Msg::link_missing_hint, lang)));
            return std::nullopt;
        }
        pages.push_back({target, at(link)});
        return target + fragment;
    }
    // An edition's folder or content/files/; never a name the site's own files use.
    if (parts.size() < 2 || (parts.front() != kFilesFolder && site_map::is_reserved(parts.front()))) {
        report(link, say(lang, Msg::link_place, link.url), place_hint);
        return std::nullopt;
    }
    if (ext.size() < 2 || std::find(kPublishable.begin(), kPublishable.end(), ext.substr(1)) == kPublishable.end()) {
        report(link, say(lang, Msg::link_type, link.url),
               say(lang, Msg::link_type_hint, fmt::format("{}", fmt::join(kPublishable, " "))));
        return std::nullopt;
    }
    const bool there = fs::is_regular_file(on_disk);
    looked_up.emplace_back(on_disk.string(), there);
    if (!there) {
        report(link, say(lang, Msg::link_missing, link.url, shown_disk), std::string(text(Msg::link_missing_hint, lang)));
        return std::nullopt;
    }
    if (!inside(on_disk, content_dir_)) {  // a symbolic link out of the content folder
        report(link, say(lang, Msg::link_outside, link.url), place_hint);
        return std::nullopt;
    }
    if (std::none_of(files.begin(), files.end(), [&](const StaticFile& f) { return f.path == shown; })) {
        files.push_back({on_disk.string(), shown});
    }
    return shown + fragment;
}

}  // namespace bulletin
