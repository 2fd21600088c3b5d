// libFuzzer target: a content file's bytes through what the loader does
// first — UTF-8 check, line ends, front matter split, the table-width limit,
// the TOML parse with its diagnostics, and the body's Markdown.
#include <cstddef>
#include <cstdint>
#include <string>

#include "diagnostics.h"
#include "fields.h"
#include "front_matter.h"
#include "markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bulletin;
    Diagnostics diags;
    auto file = decode_source("content/2022/x.md", std::string(reinterpret_cast<const char*>(data), size), diags, "zh-CN");
    if (!file) return 0;
    auto fm = split_front_matter(*file, diags, "zh-CN");
    if (!fm) return 0;
    auto table = parse_toml(*file, fm->toml, fm->toml_line, diags, "zh-CN");
    if (table) {
        FieldReader reader(*table, *file, fm->toml_line, diags, "zh-CN", {file->path, 1, 1});
        (void)reader.text("title", true, "title = \"甲\"");
        (void)reader.number("number", false, "number = 1");
    }
    (void)render_markdown(fm->body);
    (void)format_diagnostics(diags, "zh-CN");
    return 0;
}
