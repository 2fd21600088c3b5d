#include "search_index.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>

#include "parallel.h"
#include "search_pinyin.h"
#include "search_postings.h"
#include "site_map.h"
#include "search_tokenize.h"

// The format written here is documented in docs/search-index.md; the reader
// is themes/default/assets/search.js. Change all three together.
namespace bulletin::search {
namespace {

using Json = nlohmann::ordered_json;

constexpr int format_version = 3;
// The index's addresses are the site map's.
const std::string manifest_path(site_map::search_manifest);
const std::string t2s_dir(site_map::search_t2s_dir);
const std::string postings_dir(site_map::search_postings_dir);
const std::string docs_dir(site_map::search_docs_dir);
const std::string pinyin_dir(site_map::search_pinyin_dir);
const std::string words_dir(site_map::search_words_dir);
const std::string sound_dir = std::string(site_map::search_dir) + "s/";
constexpr std::size_t max_postings_shards = 4096;
constexpr std::size_t max_sound_shards = 4096;
constexpr std::size_t pinyin_block = 256;  // code points per readings file
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
    out += ",\"tags\":[";
    for (std::size_t i = 0; i < d.tags.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, d.tags[i]);
    }
    out += ']';
    out += ",\"text\":";
    append_json_string(out, d.text);
    out += '}';
}

/// Editions, departments and the id range of each (edition, department) pair.
void add_catalogue(Json& manifest, const std::vector<const Document*>& docs) {
    std::map<std::string, std::string> editions, departments;
    std::map<std::string, const std::vector<std::string>*> aliases;
    for (const Document* d : docs) {
        editions.emplace(d->edition, d->edition_title);
        departments.emplace(d->department_slug, d->department);
        aliases.emplace(d->department_slug, &d->department_aliases);
    }
    auto index_of = [](const std::map<std::string, std::string>& m, const std::string& key) {
        return static_cast<int>(std::distance(m.begin(), m.find(key)));
    };
    Json edition_list = Json::array(), department_list = Json::array(), groups = Json::array();
    for (const auto& [id, title] : editions) edition_list.push_back({{"id", id}, {"title", title}});
    for (const auto& [slug, name] : departments) {
        Json entry{{"slug", slug}, {"name", name}};
        if (!aliases[slug]->empty()) entry["aliases"] = *aliases[slug];
        department_list.push_back(std::move(entry));
    }
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

/// The readings of the ideographs by block of 256 code points, named by the
/// block's number (code point / 256) in hex: a query in characters loads
/// the blocks of its own. Each block is its 256 readings in code point
/// order, separated by spaces (empty for a code point without one), a
/// character's own readings by commas: "yi ding kao qi ...". The same for
/// every site: made once per process.
struct PinyinBlocks {
    std::size_t first = 0, last = 0;  // block numbers
    std::vector<std::pair<std::string, std::string>> files;  // name, readings
};

const PinyinBlocks& pinyin_blocks() {
    static const PinyinBlocks blocks = [] {
        PinyinBlocks out;
        const auto& table = han_readings();
        if (table.empty()) return out;
        out.first = table.front().first / pinyin_block;
        out.last = table.back().first / pinyin_block;
        for (std::size_t b = out.first; b <= out.last; ++b) {
            std::string text;
            for (std::size_t c = b * pinyin_block; c < (b + 1) * pinyin_block; ++c) {
                if (c != b * pinyin_block) text += ' ';
                text += readings_of(static_cast<char32_t>(c));
            }
            char name[8];
            out.files.emplace_back(std::string(name, std::to_chars(name, name + sizeof name, b, 16).ptr), std::move(text));
        }
        return out;
    }();
    return blocks;
}

/// The site's vocabulary, what pinyin, wrong characters and suggestions are
/// matched against: department names and aliases (kind 0), tags (1) and
/// every two-ideograph token of the index (2), each with the readings of its
/// ideographs (pinyin_key: "yin xing,hang,heng") and the number of projects that
/// hold it. (Not titles: one per project, they would make every file grow
/// with the site.)
struct Word {
    std::string text;  // folded
    std::string pinyin;
    std::uint32_t docs = 0;
    int kind = 2;
};

/// The UTF-8 of a token the index holds (already folded) as code points.
std::u32string decode(std::string_view utf8) {
    std::u32string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        const int extra = b < 0x80 ? 0 : b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
        char32_t c = extra ? b & (0x3F >> extra) : b;
        for (int k = 1; k <= extra && i + k < utf8.size(); ++k) c = c << 6 | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        out += c;
        i += static_cast<std::size_t>(extra) + 1;
    }
    return out;
}

std::vector<Word> vocabulary(const std::vector<const Document*>& docs, const Postings& postings) {
    std::deque<Word> words;  // stable: `by_text` and `phrases` point into it
    std::unordered_map<std::string_view, Word*> by_text;
    by_text.reserve(8192);
    auto word = [&](std::string_view text, std::string_view reading, int kind) {
        if (auto it = by_text.find(text); it != by_text.end()) return it->second;
        Word* w = &words.emplace_back(Word{std::string(text), std::string(reading), 0, kind});
        by_text.emplace(w->text, w);
        return w;
    };
    // Names, aliases and tags repeat from project to project: each distinct
    // one is folded and read once.
    std::unordered_map<std::string, Word*> phrases;
    auto add_phrase = [&](const std::string& written, int kind, std::vector<Word*>& seen) {
        auto [it, fresh] = phrases.try_emplace(written, nullptr);
        if (fresh) {
            const std::u32string folded = fold(written);
            std::u32string han;
            for (char32_t c : folded)
                if (!readings_of(c).empty()) han += c;
            if (!han.empty()) it->second = word(to_utf8(folded), pinyin_key(han), kind);
        }
        Word* w = it->second;
        // Each phrase counted once per project.
        if (!w || std::find(seen.begin(), seen.end(), w) != seen.end()) return;
        seen.push_back(w);
        w->kind = std::min(w->kind, kind);
        ++w->docs;
    };
    std::vector<Word*> seen;
    for (const Document* d : docs) {
        seen.clear();
        add_phrase(d->department, 0, seen);
        for (const std::string& a : d->department_aliases) add_phrase(a, 0, seen);
        for (const std::string& t : d->tags) add_phrase(t, 1, seen);
    }
    std::string key;
    for (std::size_t p = 0; p < term_partitions; ++p)
        for (const Term& term : postings.partition(p)) {
            if (term.text.size() != 6) continue;  // two ideographs of the BMP are six bytes
            const std::u32string pair = decode(term.text);
            if (pair.size() != 2) continue;
            const std::string_view first = readings_of(pair[0]), second = readings_of(pair[1]);
            if (first.empty() || second.empty()) continue;
            ((key = first) += ' ') += second;
            Word* w = word(term.text, key, 2);
            w->docs = std::max(w->docs, term.doc_count);
        }
    std::vector<Word> out(std::make_move_iterator(words.begin()), std::make_move_iterator(words.end()));
    // Names and tags first, then the most projects: the order of every list below.
    std::sort(out.begin(), out.end(), [](const Word& a, const Word& b) {
        return std::tie(a.kind, b.docs, a.text) < std::tie(b.kind, a.docs, b.text);
    });
    return out;
}

/// The vocabulary by the first letter of its readings (a word read in two
/// ways that start with different letters is in both files), in the
/// order of vocabulary(): what the suggestions scan for what is typed.
std::map<char, std::vector<const Word*>> words_by_letter(const std::vector<Word>& words) {
    std::map<char, std::vector<const Word*>> by_letter;
    // Every letter a reading can start with has a file, empty or not: the
    // suggestions load one by name, before the manifest, and must not miss.
    for (char letter : std::string_view("abcdefghjklmnopqrstwxyz")) by_letter[letter];
    for (const Word& w : words) {
        std::string letters;
        for (std::size_t i = 0; i < w.pinyin.size() && w.pinyin[i] != ' '; ++i)
            if ((i == 0 || w.pinyin[i - 1] == ',') && letters.find(w.pinyin[i]) == std::string::npos) letters += w.pinyin[i];
        for (char letter : letters) by_letter[letter].push_back(&w);
    }
    return by_letter;
}

/// The sound table: the vocabulary by reading, for the wrong characters of
/// the same sound and the words that pinyin spells. Key "ti jian": the
/// words read so (every reading of a word: reading_combinations); key
/// "=tj": the words of two characters or more with those initials. Each
/// list in the order of vocabulary(), the initials' with names and tags
/// before two-character words, as the page ranks them; kept short: the
/// page uses the first few.
constexpr std::size_t max_per_reading = 16, max_per_initials = 3;

using SoundTable = std::vector<std::pair<std::string, std::vector<const Word*>>>;  // by key

SoundTable sound_table(const std::vector<Word>& words) {
    std::vector<std::pair<std::string, const Word*>> entries;
    entries.reserve(words.size() * 3);
    std::vector<std::string> initials;
    for (const Word& w : words) {
        const auto readings = reading_combinations(w.pinyin);
        const bool several = decode(w.text).size() >= 2;
        initials.clear();
        for (const std::string& r : readings) {
            entries.emplace_back(r, &w);
            if (!several) continue;
            std::string i(1, '=');
            i += reading_initials(r);
            if (std::find(initials.begin(), initials.end(), i) == initials.end()) initials.push_back(std::move(i));
        }
        for (std::string& i : initials) entries.emplace_back(std::move(i), &w);
    }
    // By key; within a key in the order of the vocabulary.
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    SoundTable keys;
    for (auto& [key, w] : entries) {
        if (keys.empty() || keys.back().first != key) keys.emplace_back(std::move(key), std::vector<const Word*>());
        keys.back().second.push_back(w);
    }
    for (auto& [key, list] : keys) {
        if (key[0] == '=') {
            std::stable_sort(list.begin(), list.end(), [](const Word* a, const Word* b) { return (a->kind == 2) < (b->kind == 2); });
            if (list.size() > max_per_initials) list.resize(max_per_initials);
        } else if (list.size() > max_per_reading) {
            list.resize(max_per_reading);
        }
    }
    return keys;
}

/// The sound table's shard of a key: by the hash of its letters alone, so
/// that "xi an" and "xian" are in one file (pinyin typed without spaces
/// finds both); the initials' keys by the hash of the whole key.
std::uint32_t sound_hash(std::string_view key) {
    std::string letters;
    for (char c : key)
        if (c != ' ') letters += c;
    return token_hash(letters);
}

void append_word(std::string& out, const Word& w, bool with_pinyin) {
    out += '[';
    append_json_string(out, w.text);
    if (with_pinyin) {
        out += ',';
        append_json_string(out, w.pinyin);
    }
    out += ',';
    append_int(out, w.docs);
    out += ',';
    append_int(out, w.kind);
    out += ']';
}

/// Hex digits of a shard's name among `count`: shards 0 to count - 1.
std::size_t hex_digits(std::size_t count) { return std::max<std::size_t>(1, (std::bit_width(count - 1) + 3) / 4); }

/// The sound table as files of about `bytes` each, by sound_hash:
/// {"version":3,"keys":{"=tj":[["体检",3,2]],"ti jian":[["体检",3,2],...],...}}.
std::vector<std::string> sound_shards(const SoundTable& keys, std::size_t bytes) {
    std::vector<std::string> entries;
    std::size_t total = 0;
    for (const auto& [key, list] : keys) {
        std::string e;
        append_json_string(e, key);
        e += ":[";
        for (std::size_t k = 0; k < list.size(); ++k) {
            if (k) e += ',';
            append_word(e, *list[k], false);
        }
        e += ']';
        total += e.size() + 1;
        entries.push_back(std::move(e));
    }
    const std::size_t count = std::clamp<std::size_t>(next_power_of_two(total / std::max<std::size_t>(bytes, 1)), 1, max_sound_shards);
    std::vector<std::string> files(count);
    std::size_t k = 0;
    for (const auto& [key, list] : keys) {  // in key order: each file's keys are in order too
        std::string& f = files[sound_hash(key) & (count - 1)];
        f += f.empty() ? "" : ",";
        f += entries[k++];
    }
    for (std::string& f : files) {
        std::string text = "{\"version\":";
        append_int(text, format_version);
        text += ",\"keys\":{";
        text += f;
        text += "}}";
        f = std::move(text);
    }
    return files;
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
    // The forgiving search's structures (left out only to measure their cost).
    std::vector<Word> words;
    std::map<char, std::vector<const Word*>> by_letter;
    std::vector<std::string> sound_files;
    if (options.forgiving) {
        const PinyinBlocks& pinyin = pinyin_blocks();
        manifest["pinyin"] = {{"path", pinyin_dir}, {"first", pinyin.first}, {"last", pinyin.last}};
        words = vocabulary(docs, *postings);
        by_letter = words_by_letter(words);
        std::string letters;
        for (const auto& entry : by_letter) letters += entry.first;
        manifest["words"] = {{"path", words_dir}, {"letters", letters}};
        sound_files = sound_shards(sound_table(words), options.sound_shard_bytes);
        manifest["sound"] = {{"shards", sound_files.size()},
                             {"hash", "fnv1a32"},
                             {"digits", hex_digits(sound_files.size())},
                             {"path", sound_dir}};
    }

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
        const std::size_t width = hex_digits(count);
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
    if (!options.forgiving) return;
    for (const auto& [name, readings] : pinyin_blocks().files) {
        std::string text = "{\"version\":";
        append_int(text, format_version);
        text += ",\"readings\":";
        append_json_string(text, readings);
        text += '}';
        put(pinyin_dir + name + ".json", std::move(text));
    }
    for (const auto& [letter, list] : by_letter) {
        std::string text = "{\"version\":";
        append_int(text, format_version);
        text += ",\"words\":[";
        for (std::size_t k = 0; k < list.size(); ++k) {
            if (k) text += ',';
            append_word(text, *list[k], true);
        }
        text += "]}";
        put(words_dir + std::string(1, letter) + ".json", std::move(text));
    }
    const std::size_t digits = hex_digits(sound_files.size());
    for (std::size_t b = 0; b < sound_files.size(); ++b) put(sound_dir + hex(b, digits) + ".json", std::move(sound_files[b]));
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
