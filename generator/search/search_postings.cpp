#include "search_postings.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <utility>
#include <string_view>

#include "parallel.h"
#include "search_tokenize.h"

namespace bulletin::search {
namespace {

std::size_t digits(std::int64_t v) {
    std::size_t n = v < 0 ? 2 : 1;
    for (std::uint64_t u = v < 0 ? static_cast<std::uint64_t>(-v) : static_cast<std::uint64_t>(v); u >= 10; u /= 10) ++n;
    return n;
}

std::uint64_t hash_key(std::u32string_view key) {
    std::uint64_t h = 0x9e3779b97f4a7c15u * (key.size() + 1);
    for (char32_t c : key) h = (h ^ c) * 0xff51afd7ed558ccdu;
    return h ^ (h >> 32);
}

/// Where the postings JSON lives while it is collected: tens of thousands of
/// tokens per range, each growing by appends of a few bytes. Each token's
/// bytes are a chain of chunks from one arena per range, so nothing is
/// copied as it grows and nothing is freed one by one.
class Arena {
public:
    char* allocate(std::size_t n) {
        if (static_cast<std::size_t>(end_ - next_) < n) {
            const std::size_t size = std::max<std::size_t>(n, 1 << 20);
            // Bytes (not zeroed) in which the chunks' footers may live as objects.
            blocks_.push_back(std::unique_ptr<unsigned char[]>(new unsigned char[size]));
            next_ = reinterpret_cast<char*>(blocks_.back().get());
            end_ = next_ + size;
        }
        char* p = next_;
        next_ += n;
        return p;
    }

private:
    std::vector<std::unique_ptr<unsigned char[]>> blocks_;
    char* next_ = nullptr;
    char* end_ = nullptr;
};

/// Stored right after a chunk's bytes; a chain is walked from footer to footer.
struct ChunkEnd {
    char* next_end;  // the next chunk's footer, or null
    std::uint32_t used;
    std::uint32_t capacity;
};

ChunkEnd& chunk_end(char* end) { return *reinterpret_cast<ChunkEnd*>(end); }
const ChunkEnd& chunk_end(const char* end) { return *reinterpret_cast<const ChunkEnd*>(end); }

constexpr std::size_t first_chunk = 32, last_chunk = 4096;  // bytes; each chunk doubles
// "],[" doc delta "," field "," position delta: at most 27 bytes, and
// write_int may write one more.
constexpr std::size_t most_per_token = 32;

char* write_long_int(char* out, std::int64_t v) { return std::to_chars(out, out + 20, v).ptr; }

/// The numbers below 1000 as text: most numbers here are a field, a
/// position delta or a doc delta, and a table read costs no branch on
/// their length (which is as good as random).
struct SmallNumber {
    char text[3];
    std::uint8_t length;
};
constexpr std::array<SmallNumber, 1000> small_numbers = [] {
    std::array<SmallNumber, 1000> table{};
    for (int v = 0; v < 1000; ++v) {
        SmallNumber& n = table[static_cast<std::size_t>(v)];
        n.length = v < 10 ? 1 : v < 100 ? 2 : 3;
        for (int i = n.length - 1, u = v; i >= 0; --i, u /= 10) n.text[i] = static_cast<char>('0' + u % 10);
    }
    return table;
}();

/// Writes `v` at `out`; may write one byte past the number (postings keep room for it).
inline char* write_int(char* out, std::int64_t v) {
    if (static_cast<std::uint64_t>(v) < small_numbers.size()) {
        const SmallNumber& n = small_numbers[static_cast<std::size_t>(v)];
        std::memcpy(out, &n, sizeof n);
        return out + n.length;
    }
    return write_long_int(out, v);
}

}  // namespace

/// One token's postings from one range of documents, kept as the JSON the
/// index holds: the postings "[doc delta,field,first position,position
/// deltas...]" joined by commas, the last one not yet closed. The first
/// doc delta counts from 0; a later range's is corrected when written.
struct Postings::RangePostings {
    char* first_end = nullptr;  // footer of the first chunk; null: no posting yet
    char* write = nullptr;      // in the last chunk
    char* end = nullptr;        // of the last chunk
    std::uint32_t full_chunks = 0;  // bytes in the chunks before the last
    std::int32_t first_doc = -1;
    std::int32_t last_doc_field = -1;  // doc * 4 + field of the last posting
    std::int32_t last_position = 0;
    std::uint32_t doc_count = 0;  // distinct documents

    int last_doc() const { return last_doc_field >> 2; }
    std::size_t size() const { return full_chunks + chunk_end(end).used; }  // once collected

    /// Calls f(bytes) for each chunk, in order.
    template <typename F>
    void for_each_chunk(F f) const {
        for (const char* e = first_end; e; e = chunk_end(e).next_end)
            f(std::string_view(e - chunk_end(e).capacity, chunk_end(e).used));
    }
};

/// The postings of one range of documents, collected by one thread: each
/// distinct token once, keyed by its folded code points so that a token
/// is written out as UTF-8 only when first met.
struct Postings::Range {
    struct Text {
        std::string text;
        std::uint32_t hash;                   // token_hash(text)
        std::uint32_t key_start, key_length;  // in long_keys, for keys of four code points or more
    };
    // What is touched for every token apart from what is only needed per
    // distinct token: ~10^7 tokens go through here at 10,000 projects.
    std::vector<RangePostings> postings;
    std::vector<Text> texts;
    std::u32string long_keys;
    Arena arena;

    // A token of up to three code points is its own 63-bit code (no token
    // holds U+0000, so the zeros of a shorter one are unambiguous); a longer
    // one's code is the top bit and a hash. Open addressing; code 0 is empty.
    struct Slot {
        std::uint64_t code = 0;
        std::uint32_t entry = 0;
    };
    std::vector<Slot> slots = std::vector<Slot>(4096);
    int shift = 64 - 12;
    std::size_t used = 0;
    // One-code-point tokens (most are ideographs) skip the hashing. A
    // unigram only marks its presence in a field, so once it is marked in
    // this one (`field` = doc * 4 + field + 1) the rest of the field's
    // occurrences need not reach its postings at all.
    struct Single {
        std::uint32_t entry = ~0u;
        std::int32_t field = 0;
    };
    std::vector<Single> single = std::vector<Single>(0x10000);

    // Entry indices grouped by partition: by_partition[offsets[p]..offsets[p + 1]).
    std::vector<std::uint32_t> by_partition, offsets;

    static std::uint64_t code_of(std::u32string_view key) {
        if (key.size() > 3) return 1ull << 63 | hash_key(key) >> 1;
        std::uint64_t code = 0;
        for (std::size_t i = key.size(); i-- > 0;) code = code << 21 | key[i];
        return code;
    }

    std::uint32_t add_entry(std::u32string_view key) {
        std::string text = to_utf8(key);
        const std::uint32_t hash = token_hash(text);
        texts.push_back({std::move(text), hash, static_cast<std::uint32_t>(long_keys.size()),
                         static_cast<std::uint32_t>(key.size())});
        if (key.size() > 3) long_keys += key;
        postings.emplace_back();
        return static_cast<std::uint32_t>(postings.size() - 1);
    }

    std::uint32_t find_or_add(std::u32string_view key) {
        const std::uint64_t code = code_of(key);
        const std::size_t mask = slots.size() - 1;
        for (std::size_t i = (code * 0x9e3779b97f4a7c15u) >> shift;; i = (i + 1) & mask) {
            Slot& slot = slots[i];
            if (slot.code == code) {
                if (!(code >> 63)) return slot.entry;
                const Text& t = texts[slot.entry];
                if (std::u32string_view(long_keys).substr(t.key_start, t.key_length) == key) return slot.entry;
            } else if (slot.code == 0) {
                if ((used + 1) * 2 > slots.size()) {
                    grow();
                    return find_or_add(key);
                }
                ++used;
                slot = {code, add_entry(key)};
                return slot.entry;
            }
        }
    }

    void grow() {
        std::vector<Slot> old(slots.size() * 2);
        old.swap(slots);
        --shift;
        const std::size_t mask = slots.size() - 1;
        for (const Slot& s : old) {
            if (s.code == 0) continue;
            std::size_t i = (s.code * 0x9e3779b97f4a7c15u) >> shift;
            while (slots[i].code != 0) i = (i + 1) & mask;
            slots[i] = s;
        }
    }

    /// Makes room for one token's bytes in `p`, chaining a new chunk when the last is full.
    void make_room(RangePostings& p) {
        if (static_cast<std::size_t>(p.end - p.write) >= most_per_token) return;
        std::size_t capacity = first_chunk;
        if (p.first_end) {
            ChunkEnd& last = chunk_end(p.end);
            last.used = static_cast<std::uint32_t>(p.write - (p.end - last.capacity));
            p.full_chunks += last.used;
            capacity = std::min<std::size_t>(last.capacity * 2, last_chunk);
        }
        char* start = arena.allocate(capacity + sizeof(ChunkEnd));
        char* end = start + capacity;
        chunk_end(end) = {nullptr, 0, static_cast<std::uint32_t>(capacity)};
        if (p.first_end)
            chunk_end(p.end).next_end = end;
        else
            p.first_end = end;
        p.write = start;
        p.end = end;
    }

    void add(int doc, int field, const TokenSpans& tokens) {
        const std::u32string_view text = tokens.text;
        const std::int32_t doc_field = doc * 4 + field;
        for (const TokenSpan& token : tokens.spans) {
            std::uint32_t entry;
            const char32_t first = text[token.start];
            if (token.length == 1 && first < 0x10000) {
                Single& s = single[first];
                if (token.kind == TokenKind::Unigram && s.field == doc_field + 1) continue;
                if (s.entry == ~0u) s.entry = add_entry(text.substr(token.start, 1));
                s.field = doc_field + 1;
                entry = s.entry;
            } else {
                entry = find_or_add(text.substr(token.start, token.length));
            }
            RangePostings& p = postings[entry];
            make_room(p);
            char* out = p.write;
            if (p.last_doc_field != doc_field) {
                if (p.last_doc_field < 0 || p.last_doc() != doc) ++p.doc_count;
                if (p.last_doc_field < 0) {
                    *out++ = '[';
                    p.first_doc = doc;
                    out = write_int(out, doc);
                } else {
                    *out++ = ']';
                    *out++ = ',';
                    *out++ = '[';
                    out = write_int(out, doc - p.last_doc());
                }
                *out++ = ',';
                *out++ = static_cast<char>('0' + field);
                p.last_doc_field = doc_field;
                p.last_position = 0;
            }
            // A query never needs a unigram's adjacency, only its presence.
            if (token.kind != TokenKind::Unigram) {
                *out++ = ',';
                out = write_int(out, token.position - p.last_position);
                p.last_position = token.position;
            }
            p.write = out;
        }
    }

    void collect(const std::vector<const Document*>& docs, int first, int end) {
        TokenSpans tokens;
        for (int id = first; id < end; ++id) {
            const Document& d = *docs[static_cast<size_t>(id)];
            tokenize(d.title, 0, tokens);
            add(id, title_field, tokens);
            // The department's aliases follow its name, a position apart, so
            // that an alias finds the department's projects as its name does.
            int next = 0;
            for (const std::string* name = &d.department; name;) {
                tokenize(*name, next, tokens);
                for (const TokenSpan& t : tokens.spans) next = std::max(next, t.position + 2);
                add(id, department_field, tokens);
                const auto k = static_cast<std::size_t>(name == &d.department ? 0 : name - d.department_aliases.data() + 1);
                name = k < d.department_aliases.size() ? &d.department_aliases[k] : nullptr;
            }
            // A gap of one position between tags keeps two tags from reading as one phrase.
            next = 0;
            for (const std::string& tag : d.tags) {
                tokenize(tag, next, tokens);
                for (const TokenSpan& t : tokens.spans) next = std::max(next, t.position + 2);
                add(id, tags_field, tokens);
            }
            tokenize(d.text, 0, tokens);
            add(id, text_field, tokens);
        }
        for (RangePostings& p : postings) {
            ChunkEnd& last = chunk_end(p.end);
            last.used = static_cast<std::uint32_t>(p.write - (p.end - last.capacity));
        }
        offsets.assign(term_partitions + 1, 0);
        for (const Text& t : texts) ++offsets[(t.hash & (term_partitions - 1)) + 1];
        for (std::size_t p = 0; p < term_partitions; ++p) offsets[p + 1] += offsets[p];
        by_partition.resize(texts.size());
        std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
        for (std::size_t k = 0; k < texts.size(); ++k)
            by_partition[fill[texts[k].hash & (term_partitions - 1)]++] = static_cast<std::uint32_t>(k);
        std::vector<Slot>().swap(slots);
        std::vector<Single>().swap(single);
    }
};

struct Postings::Partition {
    std::vector<Term> terms;
    std::vector<const RangePostings*> pieces;
};

Postings::Postings(const std::vector<const Document*>& docs) : partitions_(term_partitions) {
    const int n = static_cast<int>(docs.size());
    const int parts = std::max(1, std::min<int>(static_cast<int>(worker_count()) * 4, n / 64));
    ranges_.resize(static_cast<size_t>(parts));
    parallel_for(ranges_.size(), [&](std::size_t k) {
        const int first = static_cast<int>(static_cast<long long>(n) * static_cast<long long>(k) / parts);
        const int end = static_cast<int>(static_cast<long long>(n) * static_cast<long long>(k + 1) / parts);
        ranges_[k] = std::make_unique<Range>();
        ranges_[k]->collect(docs, first, end);
    });

    // Each token's ranges, in document order, and the size of its whole list.
    constexpr std::size_t group = 64;
    parallel_for(term_partitions / group, [&](std::size_t g) {
        struct Found {
            const Range::Text* text;
            const RangePostings* postings;
            std::uint32_t range;
        };
        std::vector<Found> found;
        for (std::size_t p = g * group; p < (g + 1) * group; ++p) {
            found.clear();
            for (std::uint32_t r = 0; r < ranges_.size(); ++r) {
                const Range& range = *ranges_[r];
                for (std::uint32_t i = range.offsets[p]; i < range.offsets[p + 1]; ++i)
                    found.push_back({&range.texts[range.by_partition[i]], &range.postings[range.by_partition[i]], r});
            }
            std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
                return a.text->text != b.text->text ? a.text->text < b.text->text : a.range < b.range;
            });
            Partition& partition = partitions_[p];
            for (std::size_t i = 0; i < found.size();) {
                Term term{found[i].text->text, found[i].text->hash, 2,
                          static_cast<std::uint32_t>(partition.pieces.size()), 0, 0};
                int last_doc = -1;
                for (; i < found.size() && found[i].text->text == term.text; ++i) {
                    const RangePostings& piece = *found[i].postings;
                    term.json_size += piece.size() + 1 + (term.piece_count ? 1 : 0);
                    term.doc_count += piece.doc_count;
                    if (last_doc >= 0)
                        term.json_size += digits(piece.first_doc - last_doc) - digits(piece.first_doc);
                    last_doc = piece.last_doc();
                    partition.pieces.push_back(&piece);
                    ++term.piece_count;
                }
                partition.terms.push_back(term);
            }
        }
    });
}

Postings::~Postings() = default;

const std::vector<Term>& Postings::partition(std::size_t p) const { return partitions_[p].terms; }

void Postings::append_json(std::string& out, const Term& term) const {
    const Partition& partition = partitions_[term.hash & (term_partitions - 1)];
    out += '[';
    int last_doc = -1;
    for (std::uint32_t k = 0; k < term.piece_count; ++k) {
        const RangePostings& piece = *partition.pieces[term.first_piece + k];
        std::size_t skip = 0;
        if (last_doc >= 0) {
            // This range counted its first doc from 0; count it from the last one before.
            out += ",[";
            append_int(out, piece.first_doc - last_doc);
            skip = 1 + digits(piece.first_doc);
        }
        piece.for_each_chunk([&](std::string_view bytes) {
            const std::size_t n = std::min(skip, bytes.size());
            out.append(bytes.substr(n));
            skip -= n;
        });
        out += ']';
        last_doc = piece.last_doc();
    }
    out += ']';
}

void append_int(std::string& out, std::int64_t v) {
    char buf[24];
    out.append(buf, write_int(buf, v));
}

}  // namespace bulletin::search
