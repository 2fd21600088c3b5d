#include "checks.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "messages.h"
#include "text.h"

namespace fs = std::filesystem;

namespace bulletin {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr std::string_view kChineseDigits[] = {"零", "〇", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九"};
constexpr int kChineseDigitValues[] = {0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9};

// The value of a Chinese digit or unit (十 百 千) at the start of `s`, or -1.
int chinese_at(std::string_view s, int& unit) {
    unit = 0;
    for (std::size_t k = 0; k < std::size(kChineseDigits); ++k) {
        if (s.starts_with(kChineseDigits[k])) return kChineseDigitValues[k];
    }
    if (s.starts_with("十")) unit = 10;
    if (s.starts_with("百")) unit = 100;
    if (s.starts_with("千")) unit = 1000;
    return unit ? 0 : -1;
}

// True when the code point before `i` would make a number at `i` a tail of a longer one.
bool inside_number(std::string_view s, std::size_t i) {
    if (i == 0) return false;
    const std::size_t p = previous_code_point(s, i);
    if (is_digit(s[p]) || s[p] == '.') return true;
    int unit = 0;
    return chinese_at(s.substr(p), unit) >= 0;
}

// Punctuation that ends the clause a figure belongs to.
bool is_clause_end(std::string_view s, std::size_t i) {
    static constexpr std::string_view ends[] = {"。", "；", "，", "！", "？", "：", ";", ",", "\n"};
    return std::any_of(std::begin(ends), std::end(ends), [&](std::string_view e) { return s.substr(i).starts_with(e); });
}

// Up to `max_cps` code points before byte `end`, stopping after the clause's start.
std::string_view clause_before(std::string_view s, std::size_t end, int max_cps) {
    std::size_t start = end;
    for (int k = 0; k < max_cps && start > 0; ++k) {
        const std::size_t p = previous_code_point(s, start);
        if (is_clause_end(s, p)) break;
        start = p;
    }
    return s.substr(start, end - start);
}

// The sentence before byte `end`: back to the last 。；！？ or line break.
std::string_view sentence_before(std::string_view s, std::size_t end) {
    std::size_t start = end;
    for (int k = 0; k < 200 && start > 0; ++k) {
        const std::size_t p = previous_code_point(s, start);
        const std::string_view c = s.substr(p, start - p);
        if (c == "。" || c == "；" || c == "！" || c == "？" || c == "\n" || c == ";") break;
        start = p;
    }
    return s.substr(start, end - start);
}

// Where byte `offset` of the body is in the file.
SourceLoc body_loc(const SourceFile& file, const FrontMatter& fm, std::size_t offset) {
    auto [line, col] = line_column(fm.body, offset);
    return {file.path, fm.body_line + line - 1, col};
}

void warn_at(Diagnostics& diags, const SourceFile& file, const FrontMatter& fm, std::size_t offset,
             std::string message, std::string hint) {
    const SourceLoc loc = body_loc(file, fm, offset);
    diags.warning(loc, std::move(message), std::move(hint), line_text(file.text, loc.line));
}

std::string fixed(double v, int decimals) { return fmt::format("{:.{}f}", v, decimals); }

// `written` (with `decimals` places) says `exact`, rounded or cut to that precision.
bool agrees(double written, int decimals, double exact) {
    const double scale = std::pow(10.0, decimals);
    const long long w = std::llround(written * scale);
    return w == std::llround(exact * scale) || w == static_cast<long long>(std::floor(exact * scale + 1e-9));
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> words) {
    return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return s.find(w) != std::string_view::npos; });
}

// Code points `a` and `b` share at their ends.
std::size_t common_suffix_cps(std::string_view a, std::string_view b) {
    std::size_t n = 0;
    std::size_t i = a.size(), j = b.size();
    while (i > 0 && j > 0) {
        const std::size_t pi = previous_code_point(a, i), pj = previous_code_point(b, j);
        if (a.substr(pi, i - pi) != b.substr(pj, j - pj)) break;
        i = pi;
        j = pj;
        ++n;
    }
    return n;
}

// Every plain number in `s` (for finding a target written next to a percentage).
std::vector<double> numbers_in(std::string_view s) {
    std::vector<double> out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len = 0;
        if (is_digit(s[i]) && !inside_number(s, i)) {
            if (auto v = read_number(s.substr(i), len)) {
                out.push_back(*v);
                i += len;
                continue;
            }
        }
        i = next_code_point(s, i);
    }
    return out;
}

bool same_value(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

void check_percentages(const SourceFile& file, const FrontMatter& fm, const Project& p, const std::string& lang,
                       Diagnostics& diags) {
    const std::string_view body = fm.body;
    std::vector<const Metric*> with_target, percent_metrics;
    for (const Metric& m : p.metrics) {
        if (m.target) with_target.push_back(&m);
        if (m.unit == "%" || m.unit == "％") percent_metrics.push_back(&m);
    }
    if (with_target.empty() && percent_metrics.empty()) return;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const bool ascii = body[i] == '%';
        if (!ascii && !body.substr(i).starts_with("％")) continue;
        std::size_t start = i;
        while (start > 0 && (is_digit(body[start - 1]) || body[start - 1] == '.')) --start;
        while (start < i && body[start] == '.') ++start;
        if (start == i) continue;
        const std::string written(body.substr(start, i - start));
        const std::size_t dot = written.find('.');
        const int decimals = dot == std::string::npos ? 0 : static_cast<int>(written.size() - dot - 1);
        const double value = std::stod(written);
        const std::string_view context = clause_before(body, start, 30);
        // A metric that is itself a rate, named just before the figure (任务完成率120.30%).
        const Metric* rate = nullptr;
        for (const Metric* m : percent_metrics) {
            if (common_suffix_cps(context, m->label) >= 2) rate = m;
        }
        if (rate) {
            if (!agrees(value, decimals, rate->value)) {
                warn_at(diags, file, fm, start,
                        say(lang, Msg::percent_value_mismatch, written + "%", rate->label, format_number(rate->value)),
                        say(lang, Msg::percent_mismatch_hint, fixed(rate->value, decimals) + "%"));
            }
            continue;
        }
        // A share of a target (目标(60个)的118%, 完成目标的120%).
        if (with_target.empty() || !contains_any(context, {"目标", "任务", "计划", "完成率"})) continue;
        // The target written beside it picks the metric; a target written that
        // is no metric's means the sentence is about something else.
        const Metric* metric = nullptr;
        const std::vector<double> written_numbers = numbers_in(context);
        for (double n : written_numbers) {
            for (const Metric* m : with_target) {
                if (same_value(*m->target, n)) metric = m;
            }
        }
        if (!metric && written_numbers.empty() && with_target.size() == 1) {
            // No number: the one metric with a target, when its sentence names it or its value.
            const Metric* only = with_target.front();
            const std::string_view sentence = sentence_before(body, start);
            const std::vector<double> said = numbers_in(sentence);
            if (sentence.find(only->label) != std::string_view::npos ||
                std::any_of(said.begin(), said.end(), [&](double n) { return same_value(n, only->value); })) {
                metric = only;
            }
        }
        if (!metric) continue;
        const double exact = metric->value / *metric->target * 100.0;
        if (!agrees(value, decimals, exact)) {
            warn_at(diags, file, fm, start,
                    say(lang, Msg::percent_target_mismatch, written + "%", metric->label, format_number(metric->value),
                        format_number(*metric->target), fixed(exact, decimals) + "%"),
                    say(lang, Msg::percent_mismatch_hint, fixed(exact, decimals) + "%"));
        }
    }
}

// Words that say "when" only as long as the edition is current.
constexpr std::string_view kRelativeTime[] = {"截至目前", "目前", "今年", "明年", "下一步", "下步", "预计"};

// `hint`: a project can record the change in [[corrections]], an edition's preamble cannot.
void check_relative_time(const SourceFile& file, const FrontMatter& fm, Msg hint, const std::string& lang,
                         Diagnostics& diags) {
    const std::string_view body = fm.body;
    std::map<std::string_view, std::pair<std::size_t, int>> found;  // word → first offset, count
    for (std::size_t i = 0; i < body.size();) {
        bool matched = false;
        for (std::string_view w : kRelativeTime) {
            if (body.substr(i).starts_with(w)) {
                auto [it, fresh] = found.emplace(w, std::pair<std::size_t, int>{i, 0});
                ++it->second.second;
                i += w.size();
                matched = true;
                break;
            }
        }
        if (!matched) i = next_code_point(body, i);
    }
    for (const auto& [word, where] : found) {
        std::string message = say(lang, Msg::relative_time, word);
        if (where.second > 1) message += say(lang, Msg::relative_time_more, where.second);
        warn_at(diags, file, fm, where.first, std::move(message), say(lang, hint, word));
    }
}

// Where `key = …` is in a file's front matter (at its value), for a field the
// loader no longer holds; the file's start when the key is not written.
SourceLoc field_loc(const SourceFile& file, std::string_view key) {
    int line = 1;
    for (std::size_t pos = 0; pos < file.text.size(); ++line) {
        const std::size_t end = std::min(file.text.find('\n', pos), file.text.size());
        const std::string_view l(file.text.data() + pos, end - pos);
        if (line > 1 && l.starts_with("+++")) break;
        const std::size_t after = l.find_first_not_of(" \t", key.size());
        if (l.starts_with(key) && after != std::string_view::npos && l[after] == '=') {
            const std::size_t value = std::min(l.find_first_not_of(" \t", after + 1), l.size());
            return {file.path, line, static_cast<int>(utf8_length(l.substr(0, value))) + 1};
        }
        pos = end + 1;
    }
    return {file.path, 1, 1};
}

struct PreambleCounts {
    std::size_t projects = 0;
    std::size_t leads = 0;  ///< distinct lead departments
    std::size_t units = 0;  ///< distinct lead and co-departments
};

void check_preamble(const SourceFile& file, const FrontMatter& fm, const Edition& e, const PreambleCounts& counts,
                    const std::string& lang, Diagnostics& diags) {
    const std::string_view text = fm.body;
    for (std::size_t i = 0; i < text.size(); i = next_code_point(text, i)) {
        if (inside_number(text, i)) continue;
        std::size_t len = 0;
        const auto n = read_number(text.substr(i), len);
        if (!n) continue;
        std::string_view rest = text.substr(i + len);
        const std::string written(text.substr(i, len));
        if (!rest.starts_with("家") && !rest.starts_with("个")) continue;
        const bool ge = rest.starts_with("个");
        rest.remove_prefix(3);
        std::string_view noun = rest;
        for (std::string_view prefix : {"牵头", "责任", "成员", "相关"}) {
            if (noun.starts_with(prefix)) noun.remove_prefix(prefix.size());
        }
        if (noun.starts_with("单位") || noun.starts_with("部门")) {
            // 会同11家单位 counts either the lead departments or all departments named.
            if (!same_value(*n, static_cast<double>(counts.units)) && !same_value(*n, static_cast<double>(counts.leads))) {
                warn_at(diags, file, fm, i, say(lang, Msg::preamble_units, written, counts.leads, counts.units),
                        std::string(bulletin::text(Msg::preamble_count_hint, lang)));
            }
            continue;
        }
        if (!ge) continue;
        noun = rest;
        for (std::string_view prefix : {"专项治理", "治理", "重点"}) {
            if (noun.starts_with(prefix)) noun.remove_prefix(prefix.size());
        }
        bool projects = noun.starts_with("项目");
        if (!projects) {
            // 精选13个群众……的问题: a chosen number of problems, within one clause.
            std::size_t k = 0;
            for (int cps = 0; cps < 40 && k < rest.size() && !is_clause_end(rest, k); ++cps) {
                if (rest.substr(k).starts_with("问题")) {
                    projects = contains_any(clause_before(text, i, 12),
                                            {"精选", "选定", "选取", "选择", "确定", "筛选", "聚焦", "梳理"});
                    break;
                }
                k = next_code_point(rest, k);
            }
        }
        if (projects && !same_value(*n, static_cast<double>(counts.projects))) {
            warn_at(diags, file, fm, i, say(lang, Msg::preamble_projects, written, e.id, counts.projects),
                    std::string(bulletin::text(Msg::preamble_count_hint, lang)));
        }
    }
    // A headline figure written again in the preamble: its label, a few
    // words, the number, the unit (开展下沉式监督检查97次).
    for (const Figure& f : e.figures) {
        if (f.label.empty()) continue;
        for (std::size_t at = text.find(f.label); at != std::string_view::npos; at = text.find(f.label, at + 1)) {
            std::size_t i = at + f.label.size();
            std::size_t len = 0;
            std::optional<double> n;
            for (int cps = 0; cps <= 4 && i < text.size() && !is_clause_end(text, i); ++cps) {
                if ((n = read_number(text.substr(i), len))) break;
                i = next_code_point(text, i);
            }
            if (!n || !text.substr(i + len).starts_with(f.unit)) continue;
            if (!same_value(*n, f.value)) {
                warn_at(diags, file, fm, i,
                        say(lang, Msg::preamble_figure, std::string(text.substr(i, len)) + f.unit, f.label,
                            format_number(f.value) + f.unit),
                        std::string(bulletin::text(Msg::preamble_figure_hint, lang)));
            }
        }
    }
}

}  // namespace

std::optional<double> read_number(std::string_view s, std::size_t& length) {
    length = 0;
    if (!s.empty() && is_digit(s[0])) {
        std::size_t i = 0;
        while (i < s.size() && is_digit(s[i])) ++i;
        if (i + 1 < s.size() && s[i] == '.' && is_digit(s[i + 1])) {
            ++i;
            while (i < s.size() && is_digit(s[i])) ++i;
        }
        length = i;
        return std::stod(std::string(s.substr(0, i)));
    }
    long long total = 0, digit = -1;
    std::size_t i = 0;
    for (int unit = 0;;) {
        const int v = chinese_at(s.substr(i), unit);
        if (v < 0) break;
        if (unit) {
            total += (digit < 0 ? 1 : digit) * unit;
            digit = -1;
        } else {
            digit = v;
        }
        i += 3;
    }
    if (i == 0) return std::nullopt;
    length = i;
    return static_cast<double>(total + std::max<long long>(digit, 0));
}

void check_numbering(const std::vector<NumberedFile>& files, const std::string& lang, Diagnostics& diags) {
    std::map<int, const NumberedFile*> shown, drafts;
    for (const NumberedFile& f : files) {
        // A number out of range is an error of its own; a gap beside it says nothing more.
        if (f.number < 1 || f.number > 9999) return;
        (f.left_out ? drafts : shown).emplace(f.number, &f);
    }
    if (shown.empty()) return;
    int expected = 1;
    for (const auto& [number, file] : shown) {
        if (number <= expected) {
            expected = number + 1;
            continue;
        }
        // Numbers expected … number-1 are missing; the file with `number` comes right after them.
        const std::string missing =
            expected == number - 1 ? std::to_string(expected) : fmt::format("{}–{}", expected, number - 1);
        std::string draft_files;
        bool all_drafts = true;
        for (int k = expected; k < number; ++k) {
            auto d = drafts.find(k);
            if (d == drafts.end()) {
                all_drafts = false;
            } else {
                draft_files += (draft_files.empty() ? std::string() : std::string(text(Msg::list_separator, lang))) +
                               d->second->loc.file;
            }
        }
        if (all_drafts) {
            diags.warning(file->loc, say(lang, Msg::number_gap_draft, missing, draft_files),
                          std::string(text(Msg::number_gap_draft_hint, lang)), file->line);
        } else {
            diags.error(file->loc, say(lang, Msg::number_gap, missing, number),
                        say(lang, Msg::number_gap_hint, number, expected), file->line);
        }
        expected = number + 1;
    }
}

void check_project_text(const SourceFile& file, const FrontMatter& fm, const Project& p, bool archived,
                        const std::string& lang, Diagnostics& diags) {
    check_percentages(file, fm, p, lang, diags);
    if (archived) check_relative_time(file, fm, Msg::relative_time_hint_project, lang, diags);
}

void check_edition_fields(const Edition& e, const SourceFile& file, const SourceLoc& title_loc,
                          const SourceLoc& published_loc, const std::string& lang, Diagnostics& diags) {
    const std::string year = std::to_string(e.year);
    if (e.title.starts_with(year)) {
        std::string_view rest = std::string_view(e.title).substr(year.size());
        std::size_t cut = year.size();
        for (std::string_view w : {" ", "年度", "年", " ", "："}) {
            if (rest.starts_with(w)) {
                rest.remove_prefix(w.size());
                cut += w.size();
            }
        }
        diags.warning(title_loc, say(lang, Msg::title_repeats_year, e.title.substr(0, cut), year),
                      say(lang, Msg::title_repeats_year_hint, e.title.substr(0, cut), rest),
                      line_text(file.text, title_loc.line));
    }
    if (e.published.year < e.year) {
        diags.error(published_loc, say(lang, Msg::published_before_year, e.published.iso(), e.year),
                    say(lang, Msg::published_before_year_hint, e.year, e.year + 1),
                    line_text(file.text, published_loc.line));
    }
}

void check_site(const Site& site, const std::string& content_dir, Diagnostics& diags) {
    const std::string& lang = site.config.language;
    for (std::size_t k = 0; k < site.editions.size(); ++k) {
        const Edition& e = site.editions[k];
        const fs::path path = fs::path(content_dir) / e.id / "_index.md";
        Diagnostics ignored;  // the loader has read this file already and reported its problems
        const auto file = read_source(path, (fs::path(content_dir) / e.id / "_index.md").lexically_normal().generic_string(),
                                      ignored, lang);
        if (!file) continue;
        const auto fm = split_front_matter(*file, ignored, lang);
        if (!fm) continue;
        PreambleCounts counts;
        std::set<std::size_t> leads, units;
        for (std::size_t i : e.projects) {
            const Project& p = site.projects[i];
            leads.insert(p.department);
            units.insert(p.department);
            units.insert(p.co_departments.begin(), p.co_departments.end());
        }
        counts.projects = e.projects.size();
        counts.leads = leads.size();
        counts.units = units.size();
        check_preamble(*file, *fm, e, counts, lang, diags);
        if (e.archived) check_relative_time(*file, *fm, Msg::relative_time_hint, lang, diags);
        // Editions are newest first: every other one has a newer edition.
        if (k > 0 && !e.archived && e.year < site.editions.front().year) {
            const SourceLoc loc = field_loc(*file, "archived");
            diags.warning(loc, say(lang, Msg::not_archived, site.editions.front().id),
                          std::string(text(Msg::not_archived_hint, lang)), line_text(file->text, loc.line));
        }
    }
}

}  // namespace bulletin
