#include "search_index.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>

#include "parallel.h"
#include "search_postings.h"
#include "site_map.h"
#include "search_tokenize.h"

// The format written here is documented in docs/search-index.md; the reader
// is themes/default/assets/search.js. Change all three together.
namespace bulletin::search {
namespace {

using Json = nlohmann::ordered_json;

constexpr int format_version = 1;
// The index's addresses are the site map's.
const std::string manifest_path(site_map::search_manifest);
const std::string t2s_dir(site_map::search_t2s_dir);
const std::string postings_dir(site_map::search_postings_dir);
const std::string docs_dir(site_map::search_docs_dir);
constexpr std::size_t max_postings_shards = 4096;
static_assert(term_partitions % max_postings_shards == 0, "a shard is a set of whole partitions");


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

/// A document as JSON: {"url", "title", "department", "edition", "number",
/// "text"}, written directly: the library's serializer was a noticeable part
/// of a large index, whose documents are tens of MB.
void append_document_json(std::string& out, const Document& d) {
    out += "{\"url\":";
    append_json_string(out, d.url);
    out += ",\"title\":";
    append_json_string(out, d.title);
    out += ",\"department\":";
    append_json_string(out, d.department);
    out += ",\"edition\":";
    append_json_string(out, d.edition);
    out += ",\"number\":";
    append_int(out, d.number);
    out += ",\"text\":";
    append_json_string(out, d.text);
    out += '}';
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
    auto postings = std::make_unique<Postings>(docs);

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

    std::size_t postings_bytes = 0;
    for (std::size_t p = 0; p < term_partitions; ++p)
        for (const Term& term : postings->partition(p)) postings_bytes += term.text.size() + term.json_size + 4;
    std::vector<std::string> doc_texts(docs.size());
    parallel_for((docs.size() + 255) / 256, [&](std::size_t block) {
        for (std::size_t i = block * 256; i < std::min(docs.size(), (block + 1) * 256); ++i)
            append_document_json(doc_texts[i], *docs[i]);
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
        std::vector<const Term*> terms;
        for (std::size_t p = 0; p < term_partitions; ++p)
            for (const Term& term : postings->partition(p)) terms.push_back(&term);
        std::sort(terms.begin(), terms.end(), [](const Term* a, const Term* b) { return a->text < b->text; });
        Json terms_json = Json::object();
        for (const Term* term : terms) {
            std::string list;
            postings->append_json(list, *term);
            append(terms_json, std::string(term->text), Json::parse(list));
        }
        Json doc_list = Json::array();
        for (const std::string& text : doc_texts) doc_list.push_back(Json::parse(text));
        manifest["postings"] = {{"shards", 0}, {"terms", std::move(terms_json)}};
        manifest["docs"] = {{"per_file", 0}, {"list", std::move(doc_list)}};
    } else {
        // Shards by a hash of the token: a query fetches one file per token,
        // whatever the alphabet, and no list of shard boundaries is needed.
        const std::size_t count = std::clamp<std::size_t>(
            next_power_of_two(postings_bytes / std::max<std::size_t>(options.postings_shard_bytes, 1)), 1,
            max_postings_shards);
        const std::size_t width = std::max<std::size_t>(1, (std::bit_width(count - 1) + 3) / 4);
        parallel_for(count, [&](std::size_t b) {
            // The shard's terms are those of every partition whose number ends in its own bits.
            std::vector<const Term*> terms;
            for (std::size_t p = b; p < term_partitions; p += count)
                for (const Term& term : postings->partition(p)) terms.push_back(&term);
            if (count < term_partitions)
                std::sort(terms.begin(), terms.end(), [](const Term* x, const Term* y) { return x->text < y->text; });
            std::size_t size = 32;
            for (const Term* term : terms) size += term->text.size() + term->json_size + 4;
            std::string text;
            text.reserve(size);
            text += "{\"version\":";
            append_int(text, format_version);
            text += ",\"terms\":{";
            for (std::size_t k = 0; k < terms.size(); ++k) {
                if (k) text += ',';
                append_json_string(text, terms[k]->text);
                text += ':';
                postings->append_json(text, *terms[k]);
            }
            text += "}}";
            put(postings_dir + hex(b, width) + ".json", std::move(text));
        });
        manifest["postings"] = {
            {"shards", count}, {"hash", "fnv1a32"}, {"digits", width}, {"path", postings_dir}};
        postings.reset();

        const std::size_t average = docs.empty() ? 1 : std::max<std::size_t>(1, docs_bytes / docs.size());
        const std::size_t per_file = std::max<std::size_t>(1, options.docs_file_bytes / average);
        const std::size_t files = (docs.size() + per_file - 1) / per_file;
        parallel_for(files, [&](std::size_t f) {
            const std::size_t first = f * per_file, end = std::min(docs.size(), (f + 1) * per_file);
            std::size_t size = 64;
            for (std::size_t id = first; id < end; ++id) size += doc_texts[id].size() + 1;
            std::string text;
            text.reserve(size);
            text += "{\"version\":";
            append_int(text, format_version);
            text += ",\"first\":";
            append_int(text, static_cast<std::int64_t>(first));
            text += ",\"docs\":[";
            for (std::size_t id = first; id < end; ++id) {
                if (id != first) text += ',';
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
