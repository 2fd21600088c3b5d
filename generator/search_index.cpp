#include "search_index.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>

#include "search_tokenize.h"

// The format written here is documented in docs/search-index.md; the reader
// is themes/default/assets/search.js. Change all three together.
namespace bulletin::search {
namespace {

using Json = nlohmann::ordered_json;

constexpr int format_version = 1;
constexpr const char* manifest_path = "search-index.json";
constexpr const char* t2s_path = "search-index/t2s.json";
constexpr const char* postings_dir = "search-index/p/";
constexpr const char* docs_dir = "search-index/d/";
constexpr std::size_t max_postings_shards = 4096;

enum Field { title_field, department_field, tags_field, text_field };

/// One document's occurrences of a token in one field.
struct Posting {
    int doc = 0;
    int field = 0;
    std::vector<int> positions;  // empty for unigrams: they are never part of a phrase
};

using Postings = std::unordered_map<std::string, std::vector<Posting>>;

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

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

void add_tokens(Postings& postings, int doc, int field, const std::vector<Token>& tokens) {
    for (const Token& token : tokens) {
        auto& list = postings[token.text];
        if (list.empty() || list.back().doc != doc || list.back().field != field)
            list.push_back({doc, field, {}});
        if (token.kind != TokenKind::Unigram) list.back().positions.push_back(token.position);
    }
}

Postings collect_postings(const std::vector<const Document*>& docs) {
    Postings postings;
    for (int id = 0; id < static_cast<int>(docs.size()); ++id) {
        const Document& d = *docs[static_cast<size_t>(id)];
        add_tokens(postings, id, title_field, tokenize(d.title));
        add_tokens(postings, id, department_field, tokenize(d.department));
        // A gap of one position between tags keeps two tags from reading as one phrase.
        std::vector<Token> tags;
        int next = 0;
        for (const std::string& tag : d.tags) {
            auto more = tokenize(tag, next);
            for (const Token& t : more) next = std::max(next, t.position + 2);
            tags.insert(tags.end(), more.begin(), more.end());
        }
        add_tokens(postings, id, tags_field, tags);
        add_tokens(postings, id, text_field, tokenize(d.text));
    }
    return postings;
}

void append_int(std::string& out, int value) {
    char buffer[16];
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

/// `"token":[[doc delta, field, first position, position deltas...],...]`:
/// deltas keep the numbers, and so the files, short. Written as text: going
/// through a JSON tree costs most of the build time on a large site.
std::string term_text(const std::string& token, const std::vector<Posting>& list) {
    std::string out = dump(token);
    out += ":[";
    int previous_doc = 0;
    for (const Posting& p : list) {
        if (out.back() != '[') out += ',';
        out += '[';
        append_int(out, p.doc - previous_doc);
        out += ',';
        append_int(out, p.field);
        int previous_position = 0;
        for (int position : p.positions) {
            out += ',';
            append_int(out, position - previous_position);
            previous_position = position;
        }
        out += ']';
        previous_doc = p.doc;
    }
    out += ']';
    return out;
}

/// `{"a":...,"b":...}` from term texts already in token order.
std::string terms_object(const std::vector<const std::string*>& terms) {
    std::string out = "{";
    for (const std::string* t : terms) {
        if (out.size() > 1) out += ',';
        out += *t;
    }
    return out + '}';
}

/// The JSON object `object` with one more member whose value is JSON text.
std::string with_member(std::string object, const std::string& key, const std::string& value) {
    object.pop_back();
    return object + (object.size() > 1 ? "," : "") + dump(key) + ':' + value + '}';
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

Json t2s_json() {
    std::u32string pairs;
    for (auto [from, to] : traditional_to_simplified()) pairs.append({from, to});
    return Json{{"version", format_version}, {"pairs", to_utf8(pairs)}};
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

}  // namespace

std::uint32_t token_hash(std::string_view token) {
    std::uint32_t hash = 2166136261u;
    for (unsigned char byte : token) hash = (hash ^ byte) * 16777619u;
    return hash;
}

OutputFiles build_index(const std::vector<Document>& input, const IndexOptions& options) {
    const auto docs = sorted_documents(input);
    const Postings postings = collect_postings(docs);
    std::vector<std::pair<const std::string*, const std::vector<Posting>*>> sorted_terms;
    for (const auto& [token, list] : postings) sorted_terms.emplace_back(&token, &list);
    std::sort(sorted_terms.begin(), sorted_terms.end(), [](auto& a, auto& b) { return *a.first < *b.first; });
    std::vector<std::string> terms;
    std::size_t postings_bytes = 0;
    for (const auto& [token, list] : sorted_terms) {
        terms.push_back(term_text(*token, *list));
        postings_bytes += terms.back().size() + 1;
    }
    Json doc_list = Json::array();
    std::size_t docs_bytes = 0;
    for (const Document* d : docs) {
        doc_list.push_back(document_json(*d));
        docs_bytes += dump(doc_list.back()).size() + 1;
    }

    Json manifest{{"format", "bulletin-search"},
                  {"version", format_version},
                  {"tokenizer", tokenizer_version},
                  {"fields", {"title", "department", "tags", "text"}},
                  {"doc_count", docs.size()}};
    add_catalogue(manifest, docs);
    manifest["t2s"] = t2s_path;

    std::map<std::string, std::string> files_by_path;  // sorted output
    if (postings_bytes + docs_bytes <= options.single_file_limit) {
        std::vector<const std::string*> all;
        for (const std::string& t : terms) all.push_back(&t);
        std::string text = with_member(dump(manifest), "postings",
                                       with_member(dump({{"shards", 0}}), "terms", terms_object(all)));
        files_by_path[manifest_path] =
            with_member(std::move(text), "docs", dump({{"per_file", 0}, {"list", std::move(doc_list)}}));
    } else {
        // Shards by a hash of the token: a query fetches one file per token,
        // whatever the alphabet, and no list of shard boundaries is needed.
        const std::size_t count = std::clamp<std::size_t>(
            next_power_of_two(postings_bytes / std::max<std::size_t>(options.postings_shard_bytes, 1)), 1,
            max_postings_shards);
        const std::size_t width = std::max<std::size_t>(1, (std::bit_width(count - 1) + 3) / 4);
        std::vector<std::vector<const std::string*>> buckets(count);
        for (std::size_t i = 0; i < terms.size(); ++i)
            buckets[token_hash(*sorted_terms[i].first) & (count - 1)].push_back(&terms[i]);
        for (std::size_t i = 0; i < count; ++i)
            files_by_path[postings_dir + hex(i, width) + ".json"] =
                with_member(dump({{"version", format_version}}), "terms", terms_object(buckets[i]));
        manifest["postings"] = {
            {"shards", count}, {"hash", "fnv1a32"}, {"digits", width}, {"path", postings_dir}};

        const std::size_t average = docs.empty() ? 1 : std::max<std::size_t>(1, docs_bytes / docs.size());
        const std::size_t per_file = std::max<std::size_t>(1, options.docs_file_bytes / average);
        const std::size_t files = (docs.size() + per_file - 1) / per_file;
        for (std::size_t f = 0; f < files; ++f) {
            Json chunk = Json::array();
            for (std::size_t id = f * per_file; id < std::min(docs.size(), (f + 1) * per_file); ++id)
                chunk.push_back(std::move(doc_list[id]));
            files_by_path[docs_dir + std::to_string(f) + ".json"] =
                dump({{"version", format_version}, {"first", f * per_file}, {"docs", std::move(chunk)}});
        }
        manifest["docs"] = {{"per_file", per_file}, {"files", files}, {"path", docs_dir}};
        files_by_path[manifest_path] = dump(manifest);
    }
    files_by_path[t2s_path] = dump(t2s_json());

    OutputFiles files;
    for (auto& [path, text] : files_by_path) {
        if (options.offline) {
            // file:// pages cannot fetch(); a <script> can still run these.
            files.push_back({path.substr(0, path.size() - 5) + ".js",
                             "window.BULLETIN_SEARCH=window.BULLETIN_SEARCH||{};window.BULLETIN_SEARCH[" +
                                 dump(path) + "]=" + text + ";\n"});
        }
        files.push_back({path, std::move(text) + "\n"});
    }
    std::sort(files.begin(), files.end(), [](auto& a, auto& b) { return a.path < b.path; });
    return files;
}

}  // namespace bulletin::search
