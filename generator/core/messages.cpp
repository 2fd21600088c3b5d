#include "messages.h"

#include <array>
#include <utility>

namespace bulletin {
namespace {

struct Entry {
    Msg id;
    std::string_view zh;
    std::string_view en;
};

// One row per message, Chinese first: the default site language.
constexpr std::array kCatalog{
    Entry{Msg::error_word, "错误", "error"},
    Entry{Msg::warning_word, "警告", "warning"},
    Entry{Msg::counts, "共 {} 个错误，{} 个警告", "{} error(s), {} warning(s)"},
    Entry{Msg::counts_none, "没有发现问题", "no problems found"},
    Entry{Msg::not_utf8, "文件不是 UTF-8 编码（第一个无效字节在此处）", "the file is not UTF-8 (first invalid byte here)"},
    Entry{Msg::not_utf8_hint, "请在编辑器中用“UTF-8”编码另存此文件（记事本：另存为 → 编码选 UTF-8）",
          "save the file as UTF-8 in your editor"},
    Entry{Msg::fm_missing_open, "文件开头缺少前置元数据（第一行应为 +++）", "the file does not start with front matter (+++ on the first line)"},
    Entry{Msg::fm_missing_open_hint, "在文件第一行写 +++，接着写 title = \"…\" 等字段，再用一行 +++ 结束",
          "put +++ on the first line, then the fields, then a closing +++ line"},
    Entry{Msg::fm_missing_close, "前置元数据没有结束：找不到第二个 +++ 行", "the front matter is not closed: no second +++ line"},
    Entry{Msg::fm_missing_close_hint, "在字段之后、正文之前单独写一行 +++", "add a line with only +++ after the fields, before the text"},
    Entry{Msg::toml_syntax, "TOML 格式错误：{}", "TOML syntax error: {}"},
    Entry{Msg::toml_syntax_hint, "检查引号是否成对、日期是否写成 2023-01-20、每个字段是否只写一次",
          "check that quotes are paired, dates look like 2023-01-20 and no field is written twice"},
    Entry{Msg::missing_field, "缺少必填字段“{}”", "the required field \"{}\" is missing"},
    Entry{Msg::missing_field_hint, "请添加一行：{}", "add a line: {}"},
    Entry{Msg::wrong_type, "字段“{}”应为{}，这里是{}", "the field \"{}\" must be {}, not {}"},
    Entry{Msg::wrong_type_hint, "例如：{}", "for example: {}"},
    Entry{Msg::unknown_field, "未知字段“{}”，将被忽略", "unknown field \"{}\" is ignored"},
    Entry{Msg::unknown_field_hint_suggest, "是否想写“{}”？", "did you mean \"{}\"?"},
    Entry{Msg::unknown_field_hint, "可用字段：{}", "known fields: {}"},
    Entry{Msg::bad_base_url, "base_url“{}”不是以 / 结尾的 http(s) 绝对地址", "base_url \"{}\" is not an absolute http(s) URL ending in /"},
    Entry{Msg::bad_base_url_hint, "例如：base_url = \"https://www.example.gov.cn/bulletin/\"",
          "for example: base_url = \"https://www.example.gov.cn/bulletin/\""},
    Entry{Msg::bad_theme, "主题名“{}”只能包含小写字母、数字和 -", "the theme name \"{}\" may only hold a-z, 0-9 and -"},
    Entry{Msg::bad_language, "语言代码“{}”无效，应类似 zh-CN 或 en", "the language \"{}\" is not a code like zh-CN or en"},
    Entry{Msg::bad_slug, "文件名“{}”不能用作网址：只能包含小写字母、数字和连字符 -", "the name \"{}\" cannot be used in a URL: only a-z, 0-9 and -"},
    Entry{Msg::bad_slug_hint, "请将其改名为“{}”", "rename it to \"{}\""},
    Entry{Msg::bad_dept_slug, "部门 slug“{}”只能包含小写字母、数字和连字符 -", "the department slug \"{}\" may only hold a-z, 0-9 and -"},
    Entry{Msg::dup_dept_slug, "部门 slug“{}”重复", "the department slug \"{}\" is used twice"},
    Entry{Msg::dup_dept_name, "部门名称“{}”重复", "the department name \"{}\" is used twice"},
    Entry{Msg::dup_first_here, "第一次出现在 {}", "first used at {}"},
    Entry{Msg::unknown_department, "未知部门“{}”：departments.toml 中没有这个名称或 slug", "unknown department \"{}\": not a name or slug in departments.toml"},
    Entry{Msg::unknown_department_hint_suggest, "是否想写“{}”？如是新部门，请先加入 departments.toml",
          "did you mean \"{}\"? A new department must be added to departments.toml first"},
    Entry{Msg::unknown_department_hint, "请先在 departments.toml 中添加该部门", "add the department to departments.toml first"},
    Entry{Msg::dup_number, "编号 {} 在本期中重复（{} 也使用了它）", "number {} is used twice in this edition (also by {})"},
    Entry{Msg::dup_number_hint, "每个项目的 number 在同一期内必须不同", "each project needs its own number within an edition"},
    Entry{Msg::number_range, "编号应为 1 到 9999 之间的整数，这里是 {}", "number must be a whole number from 1 to 9999, not {}"},
    Entry{Msg::bad_status, "status“{}”无效", "status \"{}\" is not valid"},
    Entry{Msg::bad_status_hint, "只能是 \"completed\"（已完成）或 \"ongoing\"（持续推进中）", "use \"completed\" or \"ongoing\""},
    Entry{Msg::reserved_edition, "文件夹名“{}”是网站保留的地址，不能用作一期的名称", "\"{}\" is a reserved address and cannot name an edition"},
    Entry{Msg::missing_index, "这一期缺少 _index.md", "this edition has no _index.md"},
    Entry{Msg::missing_index_hint, "在该文件夹中新建 _index.md，写明 title、year 和 published", "create _index.md with title, year and published"},
    Entry{Msg::dup_year, "年份 {} 已被另一期使用：{}", "the year {} is already used by another edition: {}"},
    Entry{Msg::no_editions, "content 中没有任何一期（应有如 2022/ 的文件夹）", "the content has no edition (a folder such as 2022/)"},
    Entry{Msg::no_editions_hint, "新建一个以年份命名的文件夹，放入 _index.md 和项目文件", "create a folder named after the year with _index.md and project files"},
    Entry{Msg::missing_file, "找不到文件", "file not found"},
    Entry{Msg::theme_missing, "找不到主题“{}”（应在 {}）", "theme \"{}\" not found (expected at {})"},
    Entry{Msg::template_error, "模板错误：{}", "template error: {}"},
    Entry{Msg::empty_value, "字段“{}”不能为空", "the field \"{}\" must not be empty"},
    Entry{Msg::empty_department, "牵头部门未填写", "the lead department is not filled in"},
    Entry{Msg::empty_department_hint, "填写 departments.toml 中的部门名称，例如：department = \"{}\"",
          "write a department name from departments.toml, e.g. department = \"{}\""},
    Entry{Msg::target_zero, "target 必须大于 0", "target must be greater than 0"},
    // checks on what a reader holds the commission to (content/checks.cpp)
    Entry{Msg::number_gap, "编号不连续：缺少 {}，下一个项目的编号是 {}（网站会按一、二、四……显示）",
          "the numbers skip {}: the next project is number {} (the site would list 1, 2, 4…)"},
    Entry{Msg::number_gap_hint, "把 number = {} 改为 {}，或补上缺少编号的项目；本期编号应从 1 起连续排列",
          "change number = {} to {}, or add the missing project; numbers in an edition run 1, 2, 3… with no gap"},
    Entry{Msg::number_gap_draft, "编号 {} 属于未发布的草稿（{}），不带 --drafts 生成时网站上的编号会跳过它",
          "number {} belongs to a draft left out ({}); without --drafts the site's numbering skips it"},
    Entry{Msg::number_gap_draft_hint, "草稿定稿后删去 draft = true；或把它之后的项目编号依次前移",
          "remove draft = true when the draft is final, or renumber the projects after it"},
    Entry{Msg::percent_target_mismatch, "正文写的 {} 与指标“{}”不符：{} ÷ 目标 {} = {}",
          "the text says {} but the metric \"{}\" gives {} ÷ target {} = {}"},
    Entry{Msg::percent_value_mismatch, "正文写的 {} 与指标“{}”的值 {}% 不符",
          "the text says {} but the metric \"{}\" has the value {}%"},
    Entry{Msg::percent_mismatch_hint, "若 [[metrics]] 的数字无误，正文应写作 {}；若正文无误，请改正 [[metrics]] 中的 value 或 target",
          "if the [[metrics]] figures are right the text should say {}; if the text is right, correct value or target in [[metrics]]"},
    Entry{Msg::preamble_units, "前言写的“{}”家单位与本期不符：本期牵头部门 {} 家，连同配合部门共 {} 家",
          "the preamble says {} units, but this edition has {} lead departments, {} with the co-departments"},
    Entry{Msg::preamble_projects, "前言写的“{}”个与本期不符：{} 期共 {} 个项目",
          "the preamble says {}, but edition {} has {} projects"},
    Entry{Msg::preamble_count_hint, "请核对前言中的数字，或检查是否漏放、多放了项目文件（草稿不计入）",
          "check the number in the preamble, or whether a project file is missing or extra (drafts do not count)"},
    Entry{Msg::preamble_figure, "前言写的 {} 与 [[figures]] 中“{}”的 {} 不符", "the preamble says {} but [[figures]] \"{}\" is {}"},
    Entry{Msg::preamble_figure_hint, "前言和 [[figures]] 中的同一数字必须一致：请改正其中错误的一处",
          "the same figure in the preamble and in [[figures]] must agree: correct the wrong one"},
    Entry{Msg::title_repeats_year, "标题以“{}”开头，而网站已在标题前加上年份 {}，页面上年份会出现两次",
          "the title starts with \"{}\", but the site already puts the year {} before it: the year would show twice"},
    Entry{Msg::title_repeats_year_hint, "删去标题开头的“{}”，写作 title = \"{}\"", "remove \"{}\" from the title: title = \"{}\""},
    Entry{Msg::published_before_year, "发布日期 {} 早于本期年份 {}", "the published date {} is before the edition's year {}"},
    Entry{Msg::published_before_year_hint, "{} 年的成果只能在该年或之后发布，例如 published = {}-01-20",
          "the results of {} can only be published then or later, e.g. published = {}-01-20"},
    Entry{Msg::not_archived, "已有更新的一期（{}），这一期还没有标为归档", "a newer edition exists ({}) but this one is not marked archived"},
    Entry{Msg::not_archived_hint, "在 _index.md 的前置元数据中写 archived = true，页面会注明这是往期成果",
          "write archived = true in the front matter of _index.md: its pages then say it is a past edition"},
    Entry{Msg::relative_time, "本期已归档，“{}”已不能说明是哪一天、哪一年", "this edition is archived: \"{}\" no longer says when"},
    Entry{Msg::relative_time_more, "（共 {} 处）", " ({} times)"},
    Entry{Msg::relative_time_hint, "把“{}”改为具体的日期或年份，例如“截至2022年12月底”“2023年”",
          "replace \"{}\" with a date or year, e.g. \"by the end of December 2022\""},
    // local images, attachments and links to projects (content/local_links.cpp)
    Entry{Msg::link_outside, "链接“{}”指向内容文件夹之外，不能发布", "the link \"{}\" points outside the content folder and cannot be published"},
    Entry{Msg::link_hidden, "链接“{}”指向以 . 或 _ 开头的文件或文件夹，这类文件不会发布",
          "the link \"{}\" points to a file or folder whose name starts with . or _, which is never published"},
    Entry{Msg::link_place, "链接“{}”的文件不在某一期的文件夹或 content/files/ 中", "the file of the link \"{}\" is neither in an edition's folder nor in content/files/"},
    Entry{Msg::link_place_hint, "图片和附件请放在项目旁（页面包：2024/slug/index.md 与文件放在同一文件夹）或 content/files/ 下",
          "put images and attachments beside the project (a page bundle: 2024/slug/index.md with its files) or in content/files/"},
    Entry{Msg::link_missing, "找不到链接的文件“{}”（应在 {}）", "the linked file \"{}\" is missing (expected at {})"},
    Entry{Msg::link_missing_hint, "检查文件名（大小写、扩展名）是否与链接一致，或把文件放到该位置",
          "check that the file name (case, extension) matches the link, or put the file there"},
    Entry{Msg::link_type, "链接“{}”的文件类型不能发布", "the file type of the link \"{}\" cannot be published"},
    Entry{Msg::link_type_hint, "可以链接的文件类型：{}（网页和 SVG 可能含脚本，不予发布）",
          "file types that can be linked: {} (web pages and SVG may hold script and are never published)"},
    Entry{Msg::link_not_project, "链接“{}”不是某个项目或某一期的 .md 文件", "the link \"{}\" is not a project's or an edition's .md file"},
    Entry{Msg::link_not_project_hint, "链接其他项目时写它的文件，例如 ev-charging.md 或 ../2021/old-housing.md",
          "link another project by its file, e.g. ev-charging.md or ../2021/old-housing.md"},
    Entry{Msg::dup_project_file, "项目“{}”有两个文件：{}.md 和 {}/index.md", "the project \"{}\" has two files: {}.md and {}/index.md"},
    Entry{Msg::link_not_built, "链接的页面 {} 不会生成（草稿未发布？），网站上这个链接会失效",
          "the linked page {} is not built (a draft left out?): the link would be broken on the site"},
    Entry{Msg::link_not_built_hint, "草稿定稿后删去 draft = true，或先去掉这个链接", "remove draft = true when it is final, or remove the link until then"},
    // TOML typed with a Chinese input method (content/toml_ime.cpp)
    Entry{Msg::ime_char, "这里的 {} 是{}（中文输入法打出的符号），TOML 在这里只认半角英文符号",
          "\"{}\" here is {} (typed with a Chinese input method); TOML needs the ASCII character here"},
    Entry{Msg::ime_unclosed_quote, "文本的引号没有结束：结尾的 {} 是{}，不是半角英文引号",
          "the quoted text is not closed: \"{}\" at its end is {}, not an ASCII quote"},
    Entry{Msg::ime_quote_hint, "请改用半角英文引号 {}（切换到英文输入法再输入）", "type the ASCII quote {} instead"},
    Entry{Msg::ime_punct_hint, "请改用半角英文符号 {}（切换到英文输入法再输入）", "type the ASCII character {} instead"},
    Entry{Msg::ime_space_hint, "请删去这个全角空格{}，或改用半角空格", "delete this full-width space{}, or use an ordinary space"},
    // command summaries (pipeline/build.cpp, cli/main.cpp)
    Entry{Msg::check_summary, "check: {} 期，{} 个项目，{} 个部门，没有错误，{} 个警告",
          "check: {} edition(s), {} project(s), {} department(s), no errors, {} warning(s)"},
    Entry{Msg::build_summary, "build: {} 期 {} 个项目 → {}/ 共 {} 个文件（{} KB），写入 {} 个，删除 {} 个，用时 {} 秒",
          "build: {} edition(s), {} project(s) → {}/ {} files ({} KB), {} written, {} removed, {} s"},
    Entry{Msg::bad_base_url_option, "--base-url {} 不是以 / 结尾的 http(s) 绝对地址（例如 https://www.example.gov.cn/bulletin/）",
          "--base-url {} is not an absolute http(s) URL ending in / (e.g. https://www.example.gov.cn/bulletin/)"},
    Entry{Msg::content_missing, "找不到内容文件夹 {}（用 --content 指定含 site.toml 的文件夹）",
          "content folder not found: {} (name the folder holding site.toml with --content)"},
    // verify (publish/manifest.cpp)
    Entry{Msg::verify_no_manifest, "{}: 找不到清单文件", "{}: manifest file not found"},
    Entry{Msg::verify_bad_manifest, "{}: 清单文件无法读取：{}", "{}: the manifest cannot be read: {}"},
    Entry{Msg::verify_summary, "verify: {} 个文件；{} 个被改动，{} 个缺失，{} 个多余 — {}",
          "verify: {} files; {} changed, {} missing, {} extra — {}"},
    Entry{Msg::verify_same, "一致", "identical"},
    Entry{Msg::verify_differs, "不一致", "different"},
    // import (import/import.cpp)
    Entry{Msg::import_bad_edition, "--edition “{}” 不能用作一期的名称", "--edition \"{}\" cannot name an edition"},
    Entry{Msg::import_bad_edition_hint, "只用小写字母、数字和 -，例如 --edition {}", "use a-z, 0-9 and -, e.g. --edition {}"},
    Entry{Msg::import_reserved_edition, "--edition “{}” 是网站保留的地址，不能用作一期的名称",
          "--edition \"{}\" is a reserved address and cannot name an edition"},
    Entry{Msg::import_reserved_edition_hint, "换一个期号，例如 --edition 2022", "choose another, e.g. --edition 2022"},
    Entry{Msg::import_no_content, "内容文件夹 {} 不存在", "the content folder {} does not exist"},
    Entry{Msg::import_no_content_hint, "用 --content 指定含 site.toml 的文件夹", "name the folder holding site.toml with --content"},
    Entry{Msg::import_cannot_read, "无法读取 {}", "cannot read {}"},
    Entry{Msg::import_encoding, "无法识别文件的编码：既不是 UTF-8，也不是 GBK/GB18030",
          "the file's encoding is neither UTF-8 nor GBK/GB18030"},
    Entry{Msg::import_encoding_hint, "请在编辑器中把文件另存为 UTF-8 编码", "save the file as UTF-8 in your editor"},
    Entry{Msg::import_converted, "{}: 文件不是 UTF-8 编码，已按 {} 读取并转换", "{}: not UTF-8; read as {} and converted"},
    Entry{Msg::import_fixed, "{}:{}: 已修复：{}", "{}:{}: fixed: {}"},
    Entry{Msg::import_nothing_written, "没有写入任何文件", "no file was written"},
    Entry{Msg::import_no_year, "无法确定第 {} 期的年份：--edition 不是年份，标题和前言中也没有“某某某某年”",
          "cannot tell the year of edition {}: --edition is not a year and neither the title nor the preamble names one"},
    Entry{Msg::import_no_year_hint, "用年份作为期号，例如 --edition 2022", "use the year as the edition, e.g. --edition 2022"},
    Entry{Msg::import_departments_unreadable, "无法读取部门名单：{}", "cannot read the department list: {}"},
    Entry{Msg::import_departments_unreadable_hint, "请先修正这个文件（bulletin check 会指出问题），再导入",
          "fix this file first (bulletin check shows where), then import"},
    Entry{Msg::import_exists, "{} 已存在，没有覆盖", "{} exists and was not overwritten"},
    Entry{Msg::import_exists_hint, "确认要覆盖时加 --force", "add --force to overwrite it"},
    Entry{Msg::import_write_failed, "写入失败：{}", "writing failed: {}"},
    Entry{Msg::import_written, "已写入 {}", "written {}"},
    Entry{Msg::import_updated, "已更新 {}", "updated {}"},
    Entry{Msg::import_new_department, "新增部门 {}（slug = \"{}\"）", "new department {} (slug = \"{}\")"},
    Entry{Msg::import_summary, "从 {} 导入了 {} 个治理项目到 {}/", "imported {1} project(s) from {0} into {2}/"},
};

}  // namespace

std::vector<Msg> catalogue() {
    std::vector<Msg> out;
    for (const Entry& e : kCatalog) out.push_back(e.id);
    return out;
}

std::string_view text(Msg m, std::string_view language) {
    const bool english = language.substr(0, 2) == "en";
    for (const Entry& e : kCatalog) {
        if (e.id == m) return english ? e.en : e.zh;
    }
    return "?";
}

}  // namespace bulletin
