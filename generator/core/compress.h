#pragma once
// Precompressed twins (.gz) of text files, for web servers that serve them
// as they are (nginx gzip_static).
#include <optional>
#include <string>
#include <string_view>

namespace bulletin {

/// True for text files (HTML, CSS, JS, JSON, XML, CSV, TXT) of 1 KB and more.
bool wants_gzip(std::string_view path, std::size_t size);

/// gzip of `bytes` with no file name and a zero time stamp, so the same
/// input always gives the same bytes.
std::string gzip(std::string_view bytes);

/// The bytes a gzip file holds, or nothing when it is not gzip or would
/// inflate to more than `max_size` bytes.
std::optional<std::string> gunzip(std::string_view gz, std::size_t max_size);

}  // namespace bulletin
