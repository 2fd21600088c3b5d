#include "front_matter.h"

#include <algorithm>
#include <cerrno>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include "messages.h"
#include "text.h"

namespace bulletin {
namespace {

bool is_fence(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return line == "+++";
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
    // Plain POSIX reads into a buffer this thread keeps: a stream's buffers and
    // locale, or asking for the size first, cost more than the small files do.
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot read " + file.string());
    thread_local std::string buffer(64 * 1024, '\0');
    std::size_t got = 0;
    for (;;) {
        if (got == buffer.size()) buffer.resize(2 * buffer.size());
        const ssize_t n = ::read(fd, buffer.data() + got, buffer.size() - got);
        if (n > 0) {
            got += static_cast<std::size_t>(n);
        } else if (n == 0 || errno == EISDIR) {
            break;  // a folder opens but reads as nothing, so it is reported like an empty file
        } else if (errno != EINTR) {
            ::close(fd);
            throw std::runtime_error("cannot read " + file.string());
        }
    }
    ::close(fd);
    return decode_source(shown_path, std::string(buffer, 0, got), diags, language);
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
