#include "json_text.h"

#include <nlohmann/json.hpp>

namespace bulletin {

namespace {

bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

/// Appends `s` as a JSON string when it is UTF-8 whose every sequence
/// nlohmann's dump() copies as it is: ASCII, two-byte sequences and
/// three-byte ones other than those led by E0 (overlong forms) and ED
/// (surrogates). Returns false, having appended part of it, otherwise.
bool append_plain_json_string(std::string& out, std::string_view s) {
    out += '"';
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    const auto* run = p;  // start of the bytes not yet copied
    auto copy_run = [&](const unsigned char* to) { out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(to - run)); };
    while (p < end) {
        const unsigned char c = *p;
        if (c >= 0xe1 && c <= 0xef && c != 0xed) {
            if (end - p < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80) return false;
            p += 3;
        } else if (c < 0x80) {
            if (needs_escape(c)) {
                copy_run(p);
                run = p + 1;
                switch (c) {
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
                        out += hex_digits[(c >> 4) & 0xf];
                        out += hex_digits[c & 0xf];
                    }
                }
            }
            ++p;
        } else if (c >= 0xc2 && c <= 0xdf) {
            if (end - p < 2 || (p[1] & 0xc0) != 0x80) return false;
            p += 2;
        } else {
            return false;
        }
    }
    copy_run(end);
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

void JsonWriter::number(double v) {
    // The library's public API: a non-finite number is written as null.
    out_ += nlohmann::json(v).dump();
}

}  // namespace bulletin
