#pragma once
// The search index: a pure function from the site's projects to index files.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <string>
#include <vector>

#include "output.h"

namespace bulletin::search {

/// One searchable project, as the model knows it.
struct Document {
    std::string url;              ///< site-relative page URL, e.g. "2022/ev-charging/"
    std::string title;            ///< project title
    std::string department;       ///< lead department as printed, e.g. "区发改局"
    std::string department_slug;  ///< e.g. "fagai"
    std::string edition;          ///< edition id (its folder name), e.g. "2022"
    std::string edition_title;    ///< e.g. "2022年"
    int number = 0;               ///< the project's number within its edition
    std::vector<std::string> tags;
    std::string text;             ///< plain text of the body, whitespace collapsed
    std::vector<std::string> department_aliases;  ///< other names readers use, e.g. "卫健局"
};

struct IndexOptions {
    /// Also write the index as JavaScript files that assign it to a global,
    /// for a copy opened from disk (file://), where fetch() is blocked.
    bool offline = false;
    /// Above this many bytes the index is sharded behind a manifest;
    /// at or below it, search-index.json holds everything.
    std::size_t single_file_limit = 256 * 1024;
    /// Aimed-for size of one postings shard and of one file of documents:
    /// what a query downloads per token and per shown result.
    std::size_t postings_shard_bytes = 24 * 1024;
    std::size_t docs_file_bytes = 4 * 1024;
    /// Aimed-for size of one file of the sound table (the vocabulary by
    /// reading): what a wrong character or a word in pinyin costs a query.
    std::size_t sound_shard_bytes = 2 * 1024;
    /// The readings of the ideographs, the site's vocabulary and its sound
    /// table, which the search page uses when a query matches nothing
    /// exactly (pinyin, wrong characters of the same sound, suggestions).
    /// Off only to measure their cost.
    bool forgiving = true;
};

/// The 32-bit FNV-1a hash of a token's UTF-8 bytes; its low bits pick the
/// postings shard (search.js computes the same).
std::uint32_t token_hash(std::string_view token);

/// Builds every file of the search index (paths relative to the site root,
/// e.g. "search-index.json"). Deterministic: the same documents give the same bytes.
OutputFiles build_index(const std::vector<Document>& docs, const IndexOptions& options);

/// The same files, each handed to `sink` as soon as it is made, from several
/// threads at once and in no particular order (a large site's index is
/// hundreds of MB: it is never held whole).
using IndexSink = std::function<void(OutputFile&&)>;
void build_index(const std::vector<Document>& docs, const IndexOptions& options, const IndexSink& sink);

}  // namespace bulletin::search
