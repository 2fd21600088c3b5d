#include "json_text.h"

#include <charconv>
#include <cstdint>

#include <nlohmann/json.hpp>
#include <unicode/utf8.h>

namespace bulletin {

namespace {

bool needs_escape(uint8_t c) { return c < 0x20 || c == '"' || c == '\\'; }

/// Appends `s` as a JSON string when it is well-formed UTF-8, which
/// nlohmann's dump() copies as it is but for the escapes. Returns false,
/// having appended part of it, otherwise. Sequences are checked with ICU's
/// macros: U8_FWD_1 steps over a whole sequence only when it is well formed.
bool append_plain_json_string(std::string& out, std::string_view s) {
    if (s.size() > static_cast<std::size_t>(INT32_MAX)) return false;  // ICU's offsets are 32-bit
    out += '"';
    const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
    const auto length = static_cast<int32_t>(s.size());
    int32_t run = 0;  // start of the bytes not yet copied
    for (int32_t i = 0; i < length;) {
        const uint8_t lead = bytes[i];
        if (!U8_IS_SINGLE(lead)) {
            const int32_t at = i;
            U8_FWD_1(bytes, i, length);
            if (!U8_IS_LEAD(lead) || i - at != U8_COUNT_TRAIL_BYTES(lead) + 1) return false;
            continue;
        }
        ++i;
        if (!needs_escape(lead)) continue;
        out.append(s.data() + run, static_cast<std::size_t>(i - 1 - run));
        run = i;
        switch (lead) {
            case '\b': out += "\\b"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\f': out += "\\f"; break;
            case '\r': out += "\\r"; break;
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            default: {
                static constexpr char hex_digits[] = "0123456789abcdef";
                out += "\\u00";
                out += hex_digits[(lead >> 4) & 0xf];
                out += hex_digits[lead & 0xf];
            }
        }
    }
    out.append(s.data() + run, static_cast<std::size_t>(length - run));
    out += '"';
    return true;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    const std::size_t size = out.size();
    out.reserve(size + s.size() + 2);
    if (append_plain_json_string(out, s)) return;
    // Anything else, rare in text here, is left to the library, which decides
    // what an invalid sequence becomes.
    out.resize(size);
    out += nlohmann::ordered_json(std::string(s)).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void JsonWriter::integer(long long v) {
    char digits[24];
    out_.append(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
}

void JsonWriter::number(double v) {
    // The library's public API: a non-finite number is written as null.
    out_ += nlohmann::json(v).dump();
}

}  // namespace bulletin
