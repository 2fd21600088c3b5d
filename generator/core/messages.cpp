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
    Entry{Msg::import_guess, "{}:{}: 待核对：{}（草稿 {}:{}）", "{}:{}: to check: {} (draft {}:{})"},
    Entry{Msg::import_todo, "{}:{}: 待填写：{}", "{}:{}: to fill in: {}"},
    Entry{Msg::import_strict_refused, "--strict：有 {} 处读法不确定（见上），没有写入任何文件",
          "--strict: {} uncertain reading(s) (listed above), nothing was written"},
    Entry{Msg::import_strict_hint, "去掉 --strict 即可写出草稿，再按 # 待核对 注释逐条核对",
          "run without --strict to write the draft, then check each # 待核对 comment"},
    Entry{Msg::import_plan, "计划（--dry-run，不写入任何文件）：第 {} 期“{}”，{} 个项目",
          "plan (--dry-run, nothing written): edition {} \"{}\", {} project(s)"},
    Entry{Msg::import_plan_project, "  {}. {}｜牵头：{}｜成果 {} 条", "  {}. {} | lead: {} | {} outcome(s)"},
    Entry{Msg::import_plan_file, "  将写入 {}", "  would write {}"},
    Entry{Msg::import_no_lead, "（原文未写明）", "(not given in the text)"},
    Entry{Msg::import_summary, "从 {0} 导入了 {1} 个治理项目到 {2}/", "imported {1} project(s) from {0} into {2}/"},
    Entry{Msg::import_guess_count, "共 {} 处待核对，{} 处待填写（见上，草稿中以 # 开头的注释标出）",
          "{} reading(s) to check, {} field(s) to fill in (listed above, marked by # comments in the draft)"},
    Entry{Msg::import_g_title, "原文第一行不像标题，没有把它当作标题：请在 _index.md 中填写 title",
          "the first line does not read as a title, so it is not used as one: fill in title in _index.md"},
    Entry{Msg::import_g_before_row, "表格第{}行之前的这一行放入了前言",
          "this line before table row {} went to the preamble"},
    Entry{Msg::import_g_row_cells, "表格这一行有{}格，表头有{}列：请核对各格归属",
          "this table row has {} cells and the header {} columns: check which cell belongs where"},
    Entry{Msg::import_g_heading, "“{}”在项目之间，当作小标题放入了前言",
          "\"{}\" stands between projects: it went to the preamble as a heading"},
    Entry{Msg::import_g_renumbered, "原文编号为{}，按顺序作为第{}项",
          "numbered {} in the text, it is project {} in order"},
    Entry{Msg::import_g_no_name, "这一项没有名称：请填写 title",
          "this project has no name: fill in title"},
    Entry{Msg::import_g_outcome_number, "成果编号应为{}，原文是{}：已按原文顺序排列",
          "outcome {} was expected, the text numbers it {}: kept in the text's order"},
    Entry{Msg::import_g_paragraph, "原文没有项目编号：把这一段的第一句当作项目名称",
          "the text numbers no project: this paragraph's first sentence is taken as its name"},
    Entry{Msg::import_g_publisher, "末行“{}”当作发布单位（publisher）",
          "the last line \"{}\" is taken as the publisher"},
    Entry{Msg::import_g_comma, "把第一个逗号前的“{}”当作项目名称，其后当作成果",
          "\"{}\", before the first comma, is taken as the name and the rest as an outcome"},
    Entry{Msg::import_g_no_outcomes, "第{}项“{}”原文没有写成果：正文留空",
          "project {} \"{}\" has no outcomes in the text: its body is left empty"},
    Entry{Msg::import_g_no_projects, "没有找到治理项目（编号的条目、“项目名称：”或带牵头单位的段落）：全文放入了前言",
          "no project found (numbered items, 项目名称：, or paragraphs naming a lead unit): the whole text went to the preamble"},
    Entry{Msg::import_c_guess, "# 待核对（原文第{}行）：{}",
          "# 待核对 (line {} of the text): {}"},
    Entry{Msg::import_c_no_title, "# 原文没有标题：请填写本期标题后删去下一行行首的“# ”。",
          "# The text has no title: write the edition's title, then remove the \"# \" at the start of the next line."},
    Entry{Msg::import_n_no_title, "原文没有标题，title 待填写",
          "the text has no title: title is to be filled in"},
    Entry{Msg::import_c_original_title, "# 原文标题：{}",
          "# Title in the text: {}"},
    Entry{Msg::import_c_year, "# 网站会在标题前显示“{}年”，所以标题中去掉了年份。",
          "# The site shows \"{}\" before the title, so the title does not repeat the year."},
    Entry{Msg::import_c_published, "# 发布日期待填写：请填写公告实际发布的日期（如 2023-01-20）后删去下一行行首的“# ”。",
          "# The publication date is to be filled in: write the date it was published (such as 2023-01-20), then remove the \"# \" at the start of the next line."},
    Entry{Msg::import_n_published, "published（发布日期）待填写：原文没有写明",
          "published (the publication date) is to be filled in: the text does not give it"},
    Entry{Msg::import_c_no_lead, "# 原文没有写明牵头部门：请填写 departments.toml 中的部门名称或简称。",
          "# The text names no lead unit: write a name or slug from departments.toml."},
    Entry{Msg::import_n_no_lead, "第{}项“{}”原文没有写明牵头部门，department 留空待填写",
          "project {} \"{}\" names no lead unit in the text: department is left empty"},
    Entry{Msg::import_c_note, "# 原文：{}",
          "# In the text: {}"},
    Entry{Msg::import_c_date_seen, "# 原文中有日期 {}：如果它就是发布日期，删去下一行行首的“# ”即可。",
          "# The text gives the date {}: if it is the publication date, remove the \"# \" at the start of the next line."},
    Entry{Msg::import_c_todo, "# 待填写（原文第{}行）：{}", "# To fill in (line {} of the text): {}"},
    Entry{Msg::empty_department, "牵头部门未填写", "the lead department is not filled in"},
    Entry{Msg::empty_department_hint, "填写 departments.toml 中的部门名称，例如：department = \"{}\"",
          "write a department name from departments.toml, e.g. department = \"{}\""},
    Entry{Msg::target_zero, "target 必须大于 0", "target must be greater than 0"},
};

}  // namespace

std::string_view text(Msg m, std::string_view language) {
    const bool english = language.substr(0, 2) == "en";
    for (const Entry& e : kCatalog) {
        if (e.id == m) return english ? e.en : e.zh;
    }
    return "?";
}

}  // namespace bulletin
