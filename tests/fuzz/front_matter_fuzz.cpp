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
    // Named, as in the loader: FieldReader keeps a reference to the language.
    const std::string language = "zh-CN";
    Diagnostics diags;
    auto file = decode_source("content/2022/x.md", std::string(reinterpret_cast<const char*>(data), size), diags, language);
    if (!file) return 0;
    auto fm = split_front_matter(*file, diags, language);
    if (!fm) return 0;
    auto table = parse_toml(*file, fm->toml, fm->toml_line, diags, language);
    if (table) {
        FieldReader reader(*table, *file, fm->toml_line, diags, language, {file->path, 1, 1});
        (void)reader.text("title", true, "title = \"甲\"");
        (void)reader.number("number", false, "number = 1");
    }
    (void)render_markdown(fm->body);
    (void)format_diagnostics(diags, language);
    return 0;
}
