#include "import_text.h"

#include <map>
#include <memory>

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include "import_lines.h"
#include "messages.h"
#include "text.h"

namespace bulletin {
namespace {

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};

/// Converts `bytes` from `encoding` to UTF-8, or nullopt at the first byte
/// sequence the encoding does not define (so a wrong guess is never silent).
std::optional<std::string> convert_strict(std::string_view bytes, const char* encoding) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterCloser> cnv(ucnv_open(encoding, &status));
    if (U_FAILURE(status)) return std::nullopt;
    ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    if (U_FAILURE(status)) return std::nullopt;
    icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), cnv.get(), status);
    if (U_FAILURE(status)) return std::nullopt;
    std::string out;
    u.toUTF8String(out);
    return out;
}

bool is_blank(const TextLine& l) { return l.text.empty(); }

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

bool strip_dashes(std::string_view& s) {
    bool any = false;
    for (;;) {
        bool hit = false;
        for (std::string_view d : {"-", "－", "—", "–", "~", "～", "·", "•"}) {
            if (s.starts_with(d)) {
                s.remove_prefix(d.size());
                hit = any = true;
            }
            if (s.ends_with(d)) {
                s.remove_suffix(d.size());
                hit = any = true;
            }
        }
        if (!hit) break;
    }
    s = trim_text(s);
    return any;
}

/// The part of a line that carries prose: a numbered item's or label's text;
/// a section marker carries a title, never prose.
std::string_view prose_part(const TextLine& line, const LineInfo& info) {
    if (info.kind == LineKind::section) return {};
    if (info.kind == LineKind::numbered || info.kind == LineKind::label) return info.rest;
    return line.text;
}

/// A paragraph that closes with an aside in brackets is finished when the
/// aside follows a finished sentence ("…418份。（完）") or names the lead
/// units ("…17处（牵头单位：市水利局）"), as many paragraphs end.
bool ends_with_closing_aside(std::string_view prose) {
    const auto aside = closing_aside(prose);
    if (!aside) return false;
    const LineInfo label = classify_line(trim_text(aside->inner));
    return (!aside->before.empty() && ends_sentence(aside->before)) ||
           (label.kind == LineKind::label && label.field == Field::department);
}

/// A line cut at a page break is prose: it has clause punctuation or is
/// long. Titles and table cells have neither, so they are never joined.
bool continues_past_break(const TextLine& line) {
    const LineInfo info = classify_line(line.text);
    const std::string_view prose = prose_part(line, info);
    if (prose.empty() || ends_sentence(prose) || ends_with_closing_aside(prose)) return false;
    const bool punctuated = prose.find("，") != std::string_view::npos || prose.find("；") != std::string_view::npos ||
                            prose.find("。") != std::string_view::npos || prose.find(",") != std::string_view::npos ||
                            prose.find(";") != std::string_view::npos || prose.ends_with("、");
    return punctuated || utf8_length(prose) >= 40;
}

/// The rest of a cut sentence is plain text, not a new item or a row number.
bool continues_sentence(const TextLine& line) {
    return classify_line(line.text).kind == LineKind::text && !all_digits(line.text);
}

/// Indexes of lines that are running headers; the title's first occurrence is kept.
/// In a table a short line standing alone may be a cell (a department leading
/// two projects), so there only repeats next to a page number count.
std::vector<bool> running_headers(const std::vector<TextLine>& lines, const std::vector<bool>& page_number,
                                  std::size_t title_index, bool table) {
    const auto is_gap = [&](std::size_t i) { return is_blank(lines[i]) || page_number[i]; };
    std::map<std::string, std::vector<std::size_t>> candidates;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (is_gap(i) || i == title_index || is_structural(classify_line(lines[i].text))) continue;
        const bool standalone = (i == 0 || is_gap(i - 1)) && (i + 1 == lines.size() || is_gap(i + 1));
        const bool near_page_number = (i > 0 && page_number[i - 1]) || (i + 1 < lines.size() && page_number[i + 1]);
        const bool is_title_again = title_index < lines.size() && lines[i].text == lines[title_index].text;
        if (is_title_again || (((standalone && !table) || near_page_number) && utf8_length(lines[i].text) <= 60)) {
            candidates[lines[i].text].push_back(i);
        }
    }
    std::vector<bool> header(lines.size(), false);
    for (const auto& [text, where] : candidates) {
        const bool is_title = title_index < lines.size() && text == lines[title_index].text;
        if (where.size() < 2 && !is_title) continue;
        for (std::size_t i : where) header[i] = true;
    }
    return header;
}

}  // namespace

std::optional<DecodedText> decode_import_text(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        const char* encoding = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
        auto text = convert_strict(bytes.substr(2), encoding);
        if (!text) return std::nullopt;
        return DecodedText{std::move(*text), encoding};
    }
    if (!find_invalid_utf8(bytes)) return DecodedText{std::string(bytes), ""};
    // Chinese Windows saves text as GBK; GB18030 reads GBK and GB2312 too.
    auto text = convert_strict(bytes, "GB18030");
    if (!text) return std::nullopt;
    return DecodedText{std::move(*text), "GB18030 (GBK)"};
}

std::vector<TextLine> split_import_lines(std::string_view text) {
    std::vector<TextLine> lines;
    int number = 1;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != '\n' && text[i] != '\r') continue;
        lines.push_back({number++, std::string(trim_text(text.substr(start, i - start)))});
        if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') ++i;
        start = i + 1;
    }
    // A final line break does not start another line.
    if (!lines.empty() && lines.back().text.empty() && (text.ends_with('\n') || text.ends_with('\r'))) lines.pop_back();
    return lines;
}

bool is_page_number(std::string_view line, bool bare_numbers_are_content) {
    std::string_view s = trim_text(line);
    if (all_digits(s)) return !bare_numbers_are_content && s.size() <= 3;
    if (s.starts_with("Page ") || s.starts_with("page ")) return all_digits(trim_text(s.substr(5)));
    if (s.starts_with("第")) {
        // 第 3 页, or 第3页 共12页
        std::string_view rest = s.substr(std::string_view("第").size());
        const std::size_t page = rest.find("页");
        if (page == std::string_view::npos || !all_digits(trim_text(rest.substr(0, page)))) return false;
        std::string_view total = trim_text(rest.substr(page + std::string_view("页").size()));
        if (total.empty()) return true;
        if (total.starts_with("，")) total = trim_text(total.substr(std::string_view("，").size()));
        if (!total.starts_with("共") || !total.ends_with("页")) return false;
        total = total.substr(std::string_view("共").size(), total.size() - 2 * std::string_view("共").size());
        return all_digits(trim_text(total));
    }
    const std::size_t slash = s.find('/');
    if (slash != std::string_view::npos) {
        return all_digits(trim_text(s.substr(0, slash))) && all_digits(trim_text(s.substr(slash + 1)));
    }
    std::string_view inner = s;
    return strip_dashes(inner) && all_digits(inner);
}

std::vector<TextLine> repair_lines(const std::vector<TextLine>& lines, bool bare_numbers_are_content,
                                   std::vector<ImportNote>& notes, std::string_view language) {
    std::vector<bool> page_number(lines.size(), false);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        page_number[i] = !is_blank(lines[i]) && is_page_number(lines[i].text, bare_numbers_are_content);
    }
    std::size_t title_index = lines.size();
    for (std::size_t i = 0; i < lines.size() && title_index == lines.size(); ++i) {
        if (!is_blank(lines[i]) && !page_number[i]) title_index = i;
    }
    const std::vector<bool> header = running_headers(lines, page_number, title_index, bare_numbers_are_content);
    if (title_index == lines.size()) return lines;  // nothing but blanks and page numbers

    std::vector<TextLine> out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (page_number[i] || header[i]) {
            notes.push_back({lines[i].number, say(language, page_number[i] ? Msg::import_n_page_number : Msg::import_n_page_header,
                                                  lines[i].text)});
            out.push_back({lines[i].number, ""});  // a page break separates like a blank line
            continue;
        }
        if (is_blank(lines[i]) || i == title_index || !continues_sentence(lines[i])) {
            out.push_back(lines[i]);
            continue;
        }
        std::size_t prev = out.size();
        while (prev > 0 && is_blank(out[prev - 1])) --prev;
        const bool joins = prev > 0 && out[prev - 1].number != lines[title_index].number &&
                           continues_past_break(out[prev - 1]);
        if (!joins) {
            out.push_back(lines[i]);
            continue;
        }
        TextLine& before = out[prev - 1];
        notes.push_back({lines[i].number, say(language, Msg::import_n_joined, before.number, lines[i].number)});
        if (is_ascii_letter(before.text.back()) && is_ascii_letter(lines[i].text.front())) before.text += ' ';
        before.text += lines[i].text;
        out.resize(prev);
    }
    return out;
}

}  // namespace bulletin
