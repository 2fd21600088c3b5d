#include "search_index.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>

#include "parallel.h"
#include "search_tokenize.h"

// The format written here is documented in docs/search-index.md; the reader
// is themes/default/assets/search.js. Change all three together.
namespace bulletin::search {
namespace {

using Json = nlohmann::ordered_json;

constexpr int format_version = 1;
constexpr const char* manifest_path = "search-index.json";
constexpr const char* t2s_dir = "search-index/t2s/";
constexpr const char* postings_dir = "search-index/p/";
constexpr const char* docs_dir = "search-index/d/";
constexpr std::size_t max_postings_shards = 4096;

enum Field { title_field, department_field, tags_field, text_field };

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

/// Appends to a JSON object without the linear key lookup of ordered_json's
/// operator[], which is quadratic over the ~10^5 tokens of a large site.
/// Callers pass keys that are unique and already in order.
void append(Json& object, const std::string& key, Json value) {
    object.get_ref<Json::object_t&>().Container::emplace_back(key, std::move(value));
}

/// Ids follow (edition, department, number) so that every edition and every
/// department within it is one contiguous id range: the filters travel as
/// a few ranges instead of a value per document.
std::vector<const Document*> sorted_documents(const std::vector<Document>& docs) {
    std::vector<const Document*> sorted;
    for (const Document& d : docs) sorted.push_back(&d);
    std::sort(sorted.begin(), sorted.end(), [](const Document* a, const Document* b) {
        return std::tie(a->edition, a->department_slug, a->number, a->url) <
               std::tie(b->edition, b->department_slug, b->number, b->url);
    });
    return sorted;
}

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

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

std::uint64_t get_varint(const unsigned char*& p) {
    std::uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
        const unsigned char b = *p++;
        v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
        if (!(b & 0x80)) return v;
    }
}

std::uint64_t zigzag(std::int64_t v) { return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63); }
std::int64_t unzigzag(std::uint64_t v) { return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1); }

void add_tokens(Postings& postings, int doc, int field, std::vector<Token>& tokens) {
    for (Token& token : tokens) {
        TokenPostings& t = postings.try_emplace(std::move(token.text)).first->second;
        if (t.last_doc != doc || t.last_field != field) {
            put_varint(t.bytes, static_cast<std::uint64_t>(doc - std::max(t.last_doc, 0)));
            t.bytes.push_back(static_cast<char>(field));
            t.bytes.push_back(0);
            t.last_doc = doc;
            t.last_field = field;
            t.last_position = 0;
        }
        if (token.kind != TokenKind::Unigram) {
            t.bytes.pop_back();
            put_varint(t.bytes, zigzag(token.position - t.last_position) + 1);
            t.bytes.push_back(0);
            t.last_position = token.position;
        }
    }
}

void collect_range(Postings& postings, const std::vector<const Document*>& docs, int first, int end) {
    for (int id = first; id < end; ++id) {
        const Document& d = *docs[static_cast<size_t>(id)];
        auto title = tokenize(d.title);
        add_tokens(postings, id, title_field, title);
        auto department = tokenize(d.department);
        add_tokens(postings, id, department_field, department);
        // A gap of one position between tags keeps two tags from reading as one phrase.
        std::vector<Token> tags;
        int next = 0;
        for (const std::string& tag : d.tags) {
            auto more = tokenize(tag, next);
            for (const Token& t : more) next = std::max(next, t.position + 2);
            tags.insert(tags.end(), more.begin(), more.end());
        }
        add_tokens(postings, id, tags_field, tags);
        auto text = tokenize(d.text);
        add_tokens(postings, id, text_field, text);
    }
}

/// Tokenizes contiguous ranges of documents on every core, then joins the
/// ranges' lists in document order: the same lists a single pass gives.
Postings collect_postings(const std::vector<const Document*>& docs) {
    const int n = static_cast<int>(docs.size());
    const int parts = std::max(1, std::min<int>(static_cast<int>(worker_count()) * 4, n / 64));
    std::vector<Postings> partial(static_cast<size_t>(parts));
    parallel_for(partial.size(), [&](std::size_t k) {
        const int first = static_cast<int>(static_cast<long long>(n) * static_cast<long long>(k) / parts);
        const int end = static_cast<int>(static_cast<long long>(n) * static_cast<long long>(k + 1) / parts);
        collect_range(partial[k], docs, first, end);
    });
    Postings postings = std::move(partial[0]);
    for (std::size_t k = 1; k < partial.size(); ++k) {
        for (auto it = partial[k].begin(); it != partial[k].end();) {
            auto node = partial[k].extract(it++);
            auto found = postings.find(node.key());
            if (found == postings.end()) {
                postings.insert(std::move(node));
                continue;
            }
            // The range's first posting counted its doc from 0; count it from the list's last doc.
            TokenPostings& to = found->second;
            const TokenPostings& from = node.mapped();
            const auto* p = reinterpret_cast<const unsigned char*>(from.bytes.data());
            const std::uint64_t first_doc = get_varint(p);
            put_varint(to.bytes, first_doc - static_cast<std::uint64_t>(to.last_doc));
            to.bytes.append(reinterpret_cast<const char*>(p), from.bytes.size() - static_cast<size_t>(
                                                                  p - reinterpret_cast<const unsigned char*>(from.bytes.data())));
            to.last_doc = from.last_doc;
            to.last_field = from.last_field;
            to.last_position = from.last_position;
        }
        Postings().swap(partial[k]);
    }
    return postings;
}

std::size_t digits(std::int64_t v) {
    std::size_t n = v < 0 ? 2 : 1;
    for (std::uint64_t u = v < 0 ? static_cast<std::uint64_t>(-v) : static_cast<std::uint64_t>(v); u >= 10; u /= 10) ++n;
    return n;
}

void append_int(std::string& out, std::int64_t v) {
    char buf[24];
    char* e = buf + sizeof buf;
    char* b = e;
    std::uint64_t u = v < 0 ? static_cast<std::uint64_t>(-v) : static_cast<std::uint64_t>(v);
    do {
        *--b = static_cast<char>('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) *--b = '-';
    out.append(b, e);
}

/// Walks one token's postings as the JSON numbers: on_posting(doc delta,
/// field), then on_position(delta) for each position.
template <typename OnPosting, typename OnPosition, typename OnEnd>
void walk(const TokenPostings& t, OnPosting on_posting, OnPosition on_position, OnEnd on_end) {
    const auto* p = reinterpret_cast<const unsigned char*>(t.bytes.data());
    const auto* end = p + t.bytes.size();
    while (p < end) {
        const std::uint64_t doc = get_varint(p);
        const int field = *p++;
        on_posting(static_cast<std::int64_t>(doc), field);
        for (std::uint64_t v; (v = get_varint(p)) != 0;) on_position(unzigzag(v - 1));
        on_end();
    }
}

/// The JSON text of postings_json(list).dump(): [[doc delta, field, first position, position deltas...],...]
std::size_t postings_json_size(const TokenPostings& t) {
    std::size_t n = 2;  // [ ]
    std::size_t count = 0;
    walk(
        t, [&](std::int64_t doc, int field) { n += 3 + digits(doc) + digits(field); ++count; },  // [ , ]
        [&](std::int64_t delta) { n += 1 + digits(delta); }, [] {});
    return n + (count ? count - 1 : 0);
}

void append_postings_json(std::string& out, const TokenPostings& t) {
    out += '[';
    bool first = true;
    walk(
        t,
        [&](std::int64_t doc, int field) {
            if (!first) out += ',';
            first = false;
            out += '[';
            append_int(out, doc);
            out += ',';
            append_int(out, field);
        },
        [&](std::int64_t delta) {
            out += ',';
            append_int(out, delta);
        },
        [&] { out += ']'; });
    out += ']';
}

/// A JSON string exactly as dump() writes it (UTF-8 kept, invalid bytes replaced).
void append_json_string(std::string& out, const std::string& s) {
    bool plain = true;
    for (std::size_t i = 0; i < s.size() && plain;) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
        if (len == 0 || i + len > s.size()) plain = false;
        for (std::size_t k = 1; plain && k < len; ++k) plain = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
        i += len ? len : 1;
    }
    if (!plain) {  // let the library decide what an invalid sequence becomes
        out += dump(Json(s));
        return;
    }
    // Overlong forms and surrogates are rare enough to check through the library too.
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0xc0 || c == 0xc1 || c == 0xe0 || c == 0xed || c >= 0xf0) {
            out += dump(Json(s));
            return;
        }
    }
    out += '"';
    for (char ch : s) {
        switch (ch) {
            case '\b': out += "\\b"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\f': out += "\\f"; break;
            case '\r': out += "\\r"; break;
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            default:
                if (static_cast<unsigned char>(ch) <= 0x1f) {
                    static constexpr char hex_digits[] = "0123456789abcdef";
                    out += "\\u00";
                    out += hex_digits[(ch >> 4) & 0xf];
                    out += hex_digits[ch & 0xf];
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
}

Json document_json(const Document& d) {
    return Json{{"url", d.url},         {"title", d.title},   {"department", d.department},
                {"edition", d.edition}, {"number", d.number}, {"text", d.text}};
}

/// Editions, departments and the id range of each (edition, department) pair.
void add_catalogue(Json& manifest, const std::vector<const Document*>& docs) {
    std::map<std::string, std::string> editions, departments;
    for (const Document* d : docs) {
        editions.emplace(d->edition, d->edition_title);
        departments.emplace(d->department_slug, d->department);
    }
    auto index_of = [](const std::map<std::string, std::string>& m, const std::string& key) {
        return static_cast<int>(std::distance(m.begin(), m.find(key)));
    };
    Json edition_list = Json::array(), department_list = Json::array(), groups = Json::array();
    for (const auto& [id, title] : editions) edition_list.push_back({{"id", id}, {"title", title}});
    for (const auto& [slug, name] : departments) department_list.push_back({{"slug", slug}, {"name", name}});
    for (size_t first = 0; first < docs.size();) {
        size_t end = first;
        while (end < docs.size() && docs[end]->edition == docs[first]->edition &&
               docs[end]->department_slug == docs[first]->department_slug)
            ++end;
        groups.push_back({index_of(editions, docs[first]->edition),
                          index_of(departments, docs[first]->department_slug), first, end - first});
        first = end;
    }
    manifest["editions"] = std::move(edition_list);
    manifest["departments"] = std::move(department_list);
    manifest["groups"] = std::move(groups);
}

std::size_t next_power_of_two(std::size_t n) {
    std::size_t p = 1;
    while (p < n) p *= 2;
    return p;
}

std::string hex(std::size_t value, std::size_t width) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(width, '0');
    for (std::size_t i = width; i-- > 0; value >>= 4) out[i] = digits[value & 15];
    return out;
}

/// The Traditional to Simplified pairs by block of 256 code points, named by
/// the block's number in hex: a query loads the few blocks of its own
/// characters (a few hundred bytes) instead of the whole table (17 KB).
std::map<std::string, std::string> t2s_blocks() {
    std::map<char32_t, std::u32string> blocks;
    for (auto [from, to] : traditional_to_simplified()) blocks[from >> 8].append({from, to});
    std::map<std::string, std::string> named;
    for (const auto& [block, pairs] : blocks) {
        char name[8];
        named[std::string(name, std::to_chars(name, name + sizeof name, static_cast<unsigned>(block), 16).ptr)] =
            to_utf8(pairs);
    }
    return named;
}

}  // namespace

std::uint32_t token_hash(std::string_view token) {
    std::uint32_t hash = 2166136261u;
    for (unsigned char byte : token) hash = (hash ^ byte) * 16777619u;
    return hash;
}

void build_index(const std::vector<Document>& input, const IndexOptions& options, const IndexSink& sink) {
    const auto docs = sorted_documents(input);
    Postings postings = collect_postings(docs);

    // Tokens in order (std::string's order, as a std::map would keep them).
    // The first eight bytes ride along as a number, so most comparisons
    // never reach the strings scattered over the heap (10^6+ tokens at
    // 100,000 projects).
    std::vector<std::pair<std::uint64_t, Postings::value_type*>> keyed;
    keyed.reserve(postings.size());
    for (auto& entry : postings) {
        std::uint64_t prefix = 0;
        for (std::size_t i = 0; i < 8; ++i)
            prefix = prefix << 8 | (i < entry.first.size() ? static_cast<unsigned char>(entry.first[i]) : 0u);
        keyed.emplace_back(prefix, &entry);
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second->first < b.second->first;
    });
    std::vector<Postings::value_type*> terms;
    terms.reserve(keyed.size());
    for (const auto& k : keyed) terms.push_back(k.second);
    std::vector<std::pair<std::uint64_t, Postings::value_type*>>().swap(keyed);

    Json manifest{{"format", "bulletin-search"},
                  {"version", format_version},
                  {"tokenizer", tokenizer_version},
                  {"fields", {"title", "department", "tags", "text"}},
                  {"doc_count", docs.size()}};
    add_catalogue(manifest, docs);
    const auto t2s = t2s_blocks();
    Json t2s_names = Json::array();
    for (const auto& entry : t2s) t2s_names.push_back(entry.first);
    manifest["t2s"] = {{"path", t2s_dir}, {"blocks", std::move(t2s_names)}};

    std::vector<std::size_t> sizes(terms.size());
    parallel_for((terms.size() + 4095) / 4096, [&](std::size_t block) {
        for (std::size_t i = block * 4096; i < std::min(terms.size(), (block + 1) * 4096); ++i)
            sizes[i] = postings_json_size(terms[i]->second);
    });
    std::size_t postings_bytes = 0;
    for (std::size_t i = 0; i < terms.size(); ++i) postings_bytes += terms[i]->first.size() + sizes[i] + 4;
    std::vector<std::string> doc_texts(docs.size());
    parallel_for((docs.size() + 255) / 256, [&](std::size_t block) {
        for (std::size_t i = block * 256; i < std::min(docs.size(), (block + 1) * 256); ++i)
            doc_texts[i] = dump(document_json(*docs[i]));
    });
    std::size_t docs_bytes = 0;
    for (const std::string& d : doc_texts) docs_bytes += d.size() + 1;

    // Each file as it is finished: its bytes, and for offline copies the script twin.
    auto put = [&](const std::string& path, std::string bytes) {
        if (options.offline) {
            // file:// pages cannot fetch(); a <script> can still run these.
            std::string js_path = path.substr(0, path.size() - 5) + ".js";
            sink({js_path, "window.BULLETIN_SEARCH=window.BULLETIN_SEARCH||{};"
                           "window.BULLETIN_SEARCH[" + dump(path) + "]=" + bytes + ";\n"});
        }
        bytes += '\n';
        sink({path, std::move(bytes)});
    };

    if (postings_bytes + docs_bytes <= options.single_file_limit) {
        Json terms_json = Json::object();
        for (const auto* entry : terms) {
            std::string list;
            append_postings_json(list, entry->second);
            append(terms_json, entry->first, Json::parse(list));
        }
        Json doc_list = Json::array();
        for (const Document* d : docs) doc_list.push_back(document_json(*d));
        manifest["postings"] = {{"shards", 0}, {"terms", std::move(terms_json)}};
        manifest["docs"] = {{"per_file", 0}, {"list", std::move(doc_list)}};
    } else {
        // Shards by a hash of the token: a query fetches one file per token,
        // whatever the alphabet, and no list of shard boundaries is needed.
        const std::size_t count = std::clamp<std::size_t>(
            next_power_of_two(postings_bytes / std::max<std::size_t>(options.postings_shard_bytes, 1)), 1,
            max_postings_shards);
        const std::size_t width = std::max<std::size_t>(1, (std::bit_width(count - 1) + 3) / 4);
        std::vector<std::vector<std::size_t>> buckets(count);
        for (std::size_t i = 0; i < terms.size(); ++i) buckets[token_hash(terms[i]->first) & (count - 1)].push_back(i);
        parallel_for(count, [&](std::size_t b) {
            std::size_t size = 32;
            for (std::size_t i : buckets[b]) size += terms[i]->first.size() + sizes[i] + 4;
            std::string text;
            text.reserve(size);
            text += "{\"version\":";
            append_int(text, format_version);
            text += ",\"terms\":{";
            for (std::size_t k = 0; k < buckets[b].size(); ++k) {
                const auto* entry = terms[buckets[b][k]];
                if (k) text += ',';
                append_json_string(text, entry->first);
                text += ':';
                append_postings_json(text, entry->second);
            }
            text += "}}";
            put(postings_dir + hex(b, width) + ".json", std::move(text));
        });
        manifest["postings"] = {
            {"shards", count}, {"hash", "fnv1a32"}, {"digits", width}, {"path", postings_dir}};
        Postings().swap(postings);

        const std::size_t average = docs.empty() ? 1 : std::max<std::size_t>(1, docs_bytes / docs.size());
        const std::size_t per_file = std::max<std::size_t>(1, options.docs_file_bytes / average);
        const std::size_t files = (docs.size() + per_file - 1) / per_file;
        parallel_for(files, [&](std::size_t f) {
            std::string text = "{\"version\":";
            append_int(text, format_version);
            text += ",\"first\":";
            append_int(text, static_cast<std::int64_t>(f * per_file));
            text += ",\"docs\":[";
            for (std::size_t id = f * per_file; id < std::min(docs.size(), (f + 1) * per_file); ++id) {
                if (id != f * per_file) text += ',';
                text += doc_texts[id];
                std::string().swap(doc_texts[id]);
            }
            text += "]}";
            put(docs_dir + std::to_string(f) + ".json", std::move(text));
        });
        manifest["docs"] = {{"per_file", per_file}, {"files", files}, {"path", docs_dir}};
    }
    put(manifest_path, dump(manifest));
    for (const auto& [name, pairs] : t2s)
        put(t2s_dir + name + ".json", dump({{"version", format_version}, {"pairs", pairs}}));
}

OutputFiles build_index(const std::vector<Document>& docs, const IndexOptions& options) {
    OutputFiles files;
    std::mutex mutex;
    build_index(docs, options, [&](OutputFile&& file) {
        std::lock_guard lock(mutex);
        files.push_back(std::move(file));
    });
    std::sort(files.begin(), files.end(), [](auto& a, auto& b) { return a.path < b.path; });
    return files;
}

}  // namespace bulletin::search
