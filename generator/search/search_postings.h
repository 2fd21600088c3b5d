#pragma once
// The postings of the search index: which documents and positions hold each
// token, collected on every core and written as the JSON of
// docs/search-index.md. Used by search_index.cpp, which lays out the files.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "search_index.h"

namespace bulletin::search {

/// Where in a document a token stands; ranking weighs title and department above text.
enum Field { title_field, department_field, tags_field, text_field };

/// One token over all documents (its text and postings belong to the Postings).
struct Term {
    std::string_view text;      ///< folded UTF-8
    std::uint32_t hash = 0;     ///< token_hash(text)
    std::size_t json_size = 0;  ///< of its whole postings list
    std::uint32_t first_piece = 0, piece_count = 0;  ///< its ranges' postings, in document order
    std::uint32_t doc_count = 0;  ///< documents holding it
};

/// Terms by the low bits of their hash, so shards (which take those bits
/// too) find theirs without a pass over every term.
inline constexpr std::size_t term_partitions = 4096;

class Postings {
public:
    /// Every token's postings over `docs`, whose order gives the document ids.
    explicit Postings(const std::vector<const Document*>& docs);
    ~Postings();
    Postings(const Postings&) = delete;
    Postings& operator=(const Postings&) = delete;

    /// The terms whose hash & (term_partitions - 1) is `p`, in byte order.
    const std::vector<Term>& partition(std::size_t p) const;

    /// [[doc delta, field, first position, position deltas...],...]
    void append_json(std::string& out, const Term& term) const;

private:
    struct Range;
    struct RangePostings;
    struct Partition;
    std::vector<std::unique_ptr<Range>> ranges_;
    std::vector<Partition> partitions_;
};

/// A whole number as JSON writes it.
void append_int(std::string& out, std::int64_t v);

}  // namespace bulletin::search
