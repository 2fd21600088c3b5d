// `bulletin import`: the disk side. Reads and decodes the text, parses it,
// plans every file, and only when all of that succeeded and nothing would
// be overwritten without --force, writes them (each through a temporary
// file and a rename, so a file is never left half written).
#include "import.h"

#include <algorithm>
#include <fstream>
#include <ostream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "diagnostics.h"
#include "files.h"
#include "import_parse.h"
#include "import_write.h"
#include "site_map.h"
#include "text.h"

namespace bulletin {
namespace {

namespace fs = std::filesystem;

const std::string language = "zh-CN";  // the importer speaks the site's language

// A whole year's bulletin is well under 1 MB of text; far past that the file is not one.
constexpr std::uint64_t max_import_bytes = 16 * 1024 * 1024;

std::optional<std::string> read_bytes(const fs::path& path) {
    try {
        return files::read_file(path, max_import_bytes);
    } catch (const files::FileError&) {
        return std::nullopt;
    }
}

void write_atomically(const fs::path& path, const std::string& bytes) {
    try {
        files::write_atomic(path, bytes);
    } catch (const files::FileError& e) {
        throw std::runtime_error(fmt::format("无法写入 {}：{}", path.string(), e.what()));
    }
}

/// The edition's year: the edition id when it is one, else the first
/// "YYYY年" of the title or preamble.
std::optional<int> edition_year(const std::string& edition, const ImportedBulletin& b) {
    const auto four_digits = [](std::string_view s) {
        return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (four_digits(edition)) return std::stoi(edition);
    std::vector<std::string> texts{b.title};
    texts.insert(texts.end(), b.preamble.begin(), b.preamble.end());
    for (const std::string& t : texts) {
        for (std::size_t at = t.find("年"); at != std::string::npos; at = t.find("年", at + 1)) {
            if (at >= 4 && four_digits(std::string_view(t).substr(at - 4, 4))) return std::stoi(t.substr(at - 4, 4));
        }
    }
    return std::nullopt;
}

/// The departments already listed, or the error to show when the file cannot be read as TOML.
std::optional<std::vector<KnownDepartment>> known_departments(const std::string& text, const std::string& shown,
                                                              std::ostream& err) {
    std::vector<KnownDepartment> known;
    try {
        const toml::table table = toml::parse(text, shown);
        if (const toml::array* list = table["department"].as_array()) {
            for (const toml::node& node : *list) {
                if (const toml::table* d = node.as_table()) {
                    known.push_back({(*d)["slug"].value_or(std::string()), (*d)["name"].value_or(std::string()),
                                     (*d)["full_name"].value_or(std::string())});
                }
            }
        }
    } catch (const toml::parse_error& e) {
        err << format_diagnostic({Severity::error,
                                  {shown, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column)},
                                  fmt::format("无法读取部门名单：{}", e.description()),
                                  "请先修正这个文件（bulletin check 会指出问题），再导入",
                                  line_text(text, static_cast<int>(e.source().begin.line))},
                                 language);
        return std::nullopt;
    }
    return known;
}

void usage_error(std::ostream& err, const std::string& message, const std::string& hint = {}) {
    err << format_diagnostic({Severity::error, {"bulletin import", 0, 0}, message, hint, {}}, language);
}

}  // namespace

int run_import(const ImportOptions& options, std::ostream& out, std::ostream& err) {
    const std::string input = options.input.string();
    // The loader's rule (site_map.h), so every file written here can be built.
    switch (site_map::check_edition_id(options.edition)) {
        case site_map::EditionId::ok:
            break;
        case site_map::EditionId::reserved:
            usage_error(err, fmt::format("--edition “{}” 是网站保留的地址，不能用作一期的名称", options.edition),
                        "换一个期号，例如 --edition 2022");
            return 2;
        case site_map::EditionId::bad_slug: {
            const std::string better = suggest_slug(options.edition);
            usage_error(err, fmt::format("--edition “{}” 不能用作一期的名称", options.edition),
                        better.empty() || site_map::is_reserved(better)
                            ? std::string("只用小写字母、数字和 -，例如 --edition 2022")
                            : fmt::format("只用小写字母、数字和 -，例如 --edition {}", better));
            return 2;
        }
    }
    if (!fs::is_directory(options.content_dir)) {
        usage_error(err, fmt::format("内容文件夹 {} 不存在", options.content_dir.string()),
                    "用 --content 指定含 site.toml 的文件夹");
        return 2;
    }
    std::optional<std::string> bytes;
    try {
        bytes = read_bytes(options.input);
    } catch (const files::TooLarge& e) {
        usage_error(err, fmt::format("{} 太大：{:.1f} MB，一份通报最多 {} MB", input,
                                     static_cast<double>(e.size()) / (1024 * 1024), max_import_bytes / (1024 * 1024)),
                    "一年的通报全文通常不到 1 MB；请检查是否选错了文件");
        return 2;
    }
    if (!bytes) {
        usage_error(err, fmt::format("无法读取 {}", input));
        return 2;
    }
    const std::optional<DecodedText> decoded = decode_import_text(*bytes);
    if (!decoded) {
        err << format_diagnostic({Severity::error, {input, 0, 0}, "无法识别文件的编码：既不是 UTF-8，也不是 GBK/GB18030",
                                  "请在编辑器中把文件另存为 UTF-8 编码", {}},
                                 language);
        return 1;
    }
    if (!decoded->converted_from.empty()) {
        out << fmt::format("{}: 文件不是 UTF-8 编码，已按 {} 读取并转换\n", input, decoded->converted_from);
    }

    const ParseResult parsed = parse_bulletin(decoded->text);
    for (const ImportNote& note : parsed.notes) out << fmt::format("{}:{}: 已修复：{}\n", input, note.line, note.message);
    if (!parsed.bulletin) {
        err << format_diagnostic({Severity::error, {input, parsed.error.line, 1}, parsed.error.message,
                                  "没有写入任何文件", line_text(decoded->text, parsed.error.line)},
                                 language);
        return 1;
    }
    const ImportedBulletin& bulletin = *parsed.bulletin;

    ImportTarget target;
    target.edition = options.edition;
    if (auto year = edition_year(options.edition, bulletin)) {
        target.year = *year;
    } else {
        usage_error(err, fmt::format("无法确定第 {} 期的年份：--edition 不是年份，标题和前言中也没有“某某某某年”",
                                     options.edition),
                    "用年份作为期号，例如 --edition 2022");
        return 2;
    }
    const fs::path departments_path = options.content_dir / "departments.toml";
    target.departments_toml_exists = fs::exists(departments_path);
    if (target.departments_toml_exists) {
        const std::optional<std::string> text = read_bytes(departments_path);
        if (!text) {
            usage_error(err, fmt::format("无法读取 {}", departments_path.string()));
            return 2;
        }
        target.departments_toml = *text;
        auto known = known_departments(*text, departments_path.string(), err);
        if (!known) return 2;
        target.departments = std::move(*known);
    }

    const ImportPlan plan = plan_import(bulletin, target, SlugMaker());

    bool blocked = false;
    for (const PlannedFile& file : plan.files) {
        if (!file.extends_existing && !options.force && fs::exists(options.content_dir / file.path)) {
            usage_error(err, fmt::format("{} 已存在，没有覆盖", (options.content_dir / file.path).string()),
                        "确认要覆盖时加 --force");
            blocked = true;
        }
    }
    if (blocked) {
        err << "没有写入任何文件。\n";
        return 2;
    }

    try {
        for (const PlannedFile& file : plan.files) {
            const fs::path path = options.content_dir / file.path;
            write_atomically(path, file.bytes);
            out << fmt::format("{} {}\n", file.extends_existing ? "已更新" : "已写入", path.string());
        }
    } catch (const std::exception& e) {
        usage_error(err, fmt::format("写入失败：{}", e.what()));
        return 2;
    }
    for (const KnownDepartment& d : plan.added_departments) {
        out << fmt::format("新增部门 {}（slug = \"{}\"）\n", d.name, d.slug);
    }
    for (const OutputNotice& n : plan.notices) {
        const std::string shown = (options.content_dir / n.path).string();
        err << format_diagnostic({Severity::warning, {shown, n.line, 1}, n.message, {}, {}}, language);
    }
    out << fmt::format("从 {} 导入了 {} 个治理项目到 {}/\n", input, bulletin.projects.size(),
                       (options.content_dir / options.edition).string());
    return 0;
}

}  // namespace bulletin
