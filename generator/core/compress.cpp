#include "compress.h"

#include <array>
#include <stdexcept>

#include <zlib.h>

namespace bulletin {

bool wants_gzip(std::string_view path, std::size_t size) {
    if (size < 1024) return false;
    static constexpr std::array<std::string_view, 8> kText{".html", ".css", ".js", ".json", ".xml", ".csv", ".txt", ".svg"};
    for (std::string_view ext : kText) {
        if (path.size() > ext.size() && path.substr(path.size() - ext.size()) == ext) return true;
    }
    return false;
}

std::string gzip(std::string_view bytes) {
    z_stream zs{};
    // 15 + 16: a gzip wrapper; zlib writes its header with mtime 0 and no name.
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("zlib: deflateInit2 failed");
    }
    std::string out(deflateBound(&zs, static_cast<uLong>(bytes.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    zs.avail_in = static_cast<uInt>(bytes.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate failed");
    return out;
}

std::optional<std::string> gunzip(std::string_view gz, std::size_t max_size) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) return std::nullopt;
    std::string out(max_size + 1, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
    zs.avail_in = static_cast<uInt>(gz.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&zs, Z_FINISH);
    const bool whole = rc == Z_STREAM_END && zs.avail_in == 0 && zs.total_out <= max_size;
    out.resize(zs.total_out);
    inflateEnd(&zs);
    if (!whole) return std::nullopt;
    return out;
}

}  // namespace bulletin
