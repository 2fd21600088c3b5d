#include "front_matter.h"

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "files.h"
#include "messages.h"
#include "text.h"

namespace bulletin {
namespace {

bool is_fence(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return line == "+++";
}

// The columns of a table's delimiter row (`| --- | :-: |`), or 0 when the
// line is not one: only '|', '-', ':' and blanks, with a '-' in every cell.
std::size_t delimiter_columns(std::string_view line) {
    std::size_t cells = 0, pipes = 0;
    bool dash = false, content = false;
    for (char c : line) {
        if (c == '|') {
            ++pipes;
            if (content) {
                if (!dash) return 0;
                ++cells;
            }
            dash = content = false;
        } else if (c == '-') {
            dash = content = true;
        } else if (c == ':') {
            content = true;
        } else if (c != ' ' && c != '\t') {
            return 0;
        }
    }
    if (content) {
        if (!dash) return 0;
        ++cells;
    }
    return pipes > 0 ? cells : 0;
}

// A table wider or longer than anyone can read costs cmark-gfm time and
// memory that grow with its cells (and, for rows with more cells than the
// table has columns, with their square): refused before it is parsed. Only
// files with a table (a delimiter row) are checked; a line of text with
// many '|' elsewhere is left alone.
bool table_width_ok(const SourceFile& file, const FrontMatter& fm, Diagnostics& diags, const std::string& language) {
    struct Line {
        int number;
        std::string_view text;
        std::size_t pipes;
    };
    std::vector<Line> piped;  // the lines holding a '|'
    std::optional<Line> first_delimiter;
    int line = fm.body_line;
    for (std::size_t pos = 0; pos < fm.body.size(); ++line) {
        const std::size_t end = std::min(fm.body.find('\n', pos), fm.body.size());
        const std::string_view l(fm.body.data() + pos, end - pos);
        const auto pipes = static_cast<std::size_t>(std::count(l.begin(), l.end(), '|'));
        if (pipes > 0) {
            piped.push_back({line, l, pipes});
            if (!first_delimiter && delimiter_columns(l) > 0) first_delimiter = piped.back();
        }
        pos = end + 1;
    }
    if (!first_delimiter) return true;
    auto shown = [](std::string_view l) { return l.size() > 80 ? std::string(l.substr(0, 80)) + "…" : std::string(l); };
    std::size_t cells = 0;
    for (const Line& l : piped) {
        // A row's cells: its '|' less one, or as many when it leaves out the outer ones.
        const std::size_t columns = std::max(delimiter_columns(l.text), l.pipes > 0 ? l.pipes - 1 : 0);
        if (columns > max_table_columns) {
            diags.error({file.path, l.number, 1}, say(language, Msg::table_too_wide, columns, max_table_columns),
                        std::string(text(Msg::table_too_wide_hint, language)), shown(l.text));
            return false;
        }
        cells += l.pipes;
    }
    if (cells > max_table_cells) {
        diags.error({file.path, first_delimiter->number, 1}, say(language, Msg::table_too_large, cells, max_table_cells),
                    std::string(text(Msg::table_too_large_hint, language)), shown(first_delimiter->text));
        return false;
    }
    return true;
}

}  // namespace

std::optional<SourceFile> decode_source(std::string path, std::string bytes, Diagnostics& diags,
                                        const std::string& language) {
    if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
    // Most files have LF line ends already and are taken as they are; the
    // others are rewritten a line at a time.
    std::string text;
    if (bytes.find('\r') == std::string::npos) {
        text = std::move(bytes);
    } else {
        text.reserve(bytes.size());
        const std::string_view rest(bytes);
        for (std::size_t pos = 0; pos < rest.size();) {
            const std::size_t cr = std::min(rest.find('\r', pos), rest.size());
            text.append(rest, pos, cr - pos);
            if (cr == rest.size()) break;
            text += '\n';
            pos = cr + 1;
            if (pos < rest.size() && rest[pos] == '\n') ++pos;
        }
    }
    // Checked after the line ends are LF, so a file with lone CR line ends is
    // reported at the right line too.
    if (auto bad = find_invalid_utf8(text)) {
        auto [line, col] = line_column(text, *bad);
        diags.error({path, line, col}, std::string(bulletin::text(Msg::not_utf8, language)),
                    std::string(bulletin::text(Msg::not_utf8_hint, language)));
        return std::nullopt;
    }
    return SourceFile{std::move(path), std::move(text)};
}

std::optional<SourceFile> read_source(const std::filesystem::path& file, const std::string& shown_path,
                                      Diagnostics& diags, const std::string& language) {
    std::string bytes;
    try {
        bytes = files::read_file(file, max_source_bytes);
    } catch (const files::TooLarge& e) {
        diags.error({shown_path, 1, 1},
                    say(language, Msg::file_too_large, fmt::format("{:.1f}", static_cast<double>(e.size()) / (1024 * 1024)),
                        max_source_bytes / (1024 * 1024)),
                    std::string(text(Msg::file_too_large_hint, language)));
        return std::nullopt;
    } catch (const files::FileError& e) {
        if (e.error() == EISDIR) bytes.clear();  // a folder is reported like an empty file
        else throw;
    }
    return decode_source(shown_path, std::move(bytes), diags, language);
}

std::optional<FrontMatter> split_front_matter(const SourceFile& file, Diagnostics& diags,
                                              const std::string& language) {
    const std::string& t = file.text;
    std::size_t eol = t.find('\n');
    std::string_view first(t.data(), eol == std::string::npos ? t.size() : eol);
    if (!is_fence(first)) {
        diags.error({file.path, 1, 1}, std::string(text(Msg::fm_missing_open, language)),
                    std::string(text(Msg::fm_missing_open_hint, language)), std::string(first));
        return std::nullopt;
    }
    std::size_t pos = eol == std::string::npos ? t.size() : eol + 1;
    int line = 2;
    while (pos < t.size()) {
        std::size_t end = t.find('\n', pos);
        std::string_view l(t.data() + pos, (end == std::string::npos ? t.size() : end) - pos);
        if (is_fence(l)) {
            FrontMatter fm;
            fm.toml = t.substr(eol + 1, pos - eol - 1);
            fm.toml_line = 2;
            fm.body = end == std::string::npos ? std::string() : t.substr(end + 1);
            fm.body_line = line + 1;
            if (!table_width_ok(file, fm, diags, language)) return std::nullopt;
            return fm;
        }
        if (end == std::string::npos) break;
        pos = end + 1;
        ++line;
    }
    diags.error({file.path, 1, 1}, std::string(text(Msg::fm_missing_close, language)),
                std::string(text(Msg::fm_missing_close_hint, language)), "+++");
    return std::nullopt;
}

}  // namespace bulletin
