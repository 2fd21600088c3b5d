// libFuzzer target: a plain-text bulletin through the importer: encoding
// detection (UTF-8 or GB18030), page-break repair and the structure parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "import_parse.h"
#include "import_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bulletin;
    const auto decoded = decode_import_text(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!decoded) return 0;
    (void)parse_bulletin(decoded->text);
    return 0;
}
