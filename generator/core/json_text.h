#pragma once
// JSON text written straight into a string, byte for byte as nlohmann's
// dump() would write it: the open data and the search index are large, and
// building a document tree for them was most of their cost.
#include <string>
#include <string_view>

namespace bulletin {

/// A JSON string exactly as nlohmann's dump() writes it (UTF-8 kept, invalid bytes replaced).
void append_json_string(std::string& out, std::string_view s);

}  // namespace bulletin
