#pragma once
// The postings of the search index: which documents and positions hold each
// token, collected compactly on every core and written as the JSON of
// docs/search-index.md. Used by search_index.cpp, which lays out the files.
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "search_index.h"

namespace bulletin::search {

/// Where in a document a token stands; ranking weighs title and department above text.
enum Field { title_field, department_field, tags_field, text_field };

// One token's postings, kept compact while the index is collected (a large
// site has ~10^6 tokens and ~10^8 positions): per posting, varint(doc delta),
// the field as one byte, varint(zigzag(position delta) + 1) per position and
// a 0 byte. These are the numbers the JSON holds: [doc delta, field, first
// position, position deltas...].
struct TokenPostings {
    std::string bytes;
    int last_doc = -1;  // -1: no posting yet; the first doc delta is from 0
    int last_field = -1;
    int last_position = 0;
};

using Postings = std::unordered_map<std::string, TokenPostings>;

/// Every token's postings over `docs`, whose order gives the document ids.
Postings collect_postings(const std::vector<const Document*>& docs);

/// The length of what append_postings_json writes, without writing it.
std::size_t postings_json_size(const TokenPostings& t);

/// [[doc delta, field, first position, position deltas...],...]
void append_postings_json(std::string& out, const TokenPostings& t);

/// A whole number as JSON writes it.
void append_int(std::string& out, std::int64_t v);

/// A JSON string exactly as nlohmann's dump() writes it (UTF-8 kept, invalid bytes replaced).
void append_json_string(std::string& out, const std::string& s);

}  // namespace bulletin::search
