// libFuzzer target: any text through the Markdown path (cmark-gfm with its
// extensions, the safety filters, the plain text for search).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)bulletin::render_markdown(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
