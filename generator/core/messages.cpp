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
    Entry{Msg::file_too_large, "文件太大：{} MB，一个内容文件最多 {} MB", "the file is too large: {} MB; a content file holds at most {} MB"},
    Entry{Msg::file_too_large_hint, "一个项目的通报通常只有几 KB；请检查是否误存了其他文件，或把内容拆成几个项目",
          "a project's bulletin is a few KB; check that this is the right file, or split it into several projects"},
    Entry{Msg::table_too_wide, "表格有 {} 列，最多 {} 列", "the table has {} columns; at most {} are allowed"},
    Entry{Msg::table_too_wide_hint, "这么宽的表格在手机上无法阅读；请把表格拆成几张，或改为列表",
          "a table this wide cannot be read on a phone; split it into several tables or use a list"},
    Entry{Msg::table_too_large, "这个文件的表格共有 {} 格，最多 {} 格", "the tables of this file have {} cells; at most {} are allowed"},
    Entry{Msg::table_too_large_hint, "这么大的表格不适合放在通报页面上；请只保留要点，完整数据可另行公开",
          "a table this large does not belong on a bulletin page; keep the key figures and publish the full data separately"},
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
