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
#include <tuple>
#include <unordered_map>

#include "json_text.h"
#include "parallel.h"
#include "search_pinyin.h"
#include "search_postings.h"
#include "site_map.h"
#include "search_tokenize.h"

// The format written here is documented in docs/search-index.md; the reader
// is themes/default/assets/search.js. Change all three together.
namespace bulletin::search {
namespace {

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

// Every file here is JSON without white space (JsonLayout::compact).
constexpr JsonLayout layout = JsonLayout::compact;

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
/// "tags", "text"}; the documents of a large index are tens of MB.
void append_document_json(std::string& out, const Document& d) {
    JsonWriter j(out, layout);
    j.begin_object();
    j.key("url").string(d.url);
    j.key("title").string(d.title);
    j.key("department").string(d.department);
    j.key("edition").string(d.edition);
    j.key("number").integer(d.number);
    j.key("tags").strings(d.tags);
    j.key("text").string(d.text);
    j.end_object();
}

/// Editions, departments and the id range of each (edition, department) pair.
void add_catalogue(JsonWriter& manifest, const std::vector<const Document*>& docs) {
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
    manifest.key("editions").begin_array();
    for (const auto& [id, title] : editions) {
        manifest.item().begin_object();
        manifest.key("id").string(id);
        manifest.key("title").string(title);
        manifest.end_object();
    }
    manifest.end_array();
    manifest.key("departments").begin_array();
    for (const auto& [slug, name] : departments) {
        manifest.item().begin_object();
        manifest.key("slug").string(slug);
        manifest.key("name").string(name);
        if (!aliases[slug]->empty()) manifest.key("aliases").strings(*aliases[slug]);
        manifest.end_object();
    }
    manifest.end_array();
    manifest.key("groups").begin_array();
    for (size_t first = 0; first < docs.size();) {
        size_t end = first;
        while (end < docs.size() && docs[end]->edition == docs[first]->edition &&
               docs[end]->department_slug == docs[first]->department_slug)
            ++end;
        manifest.item().begin_array();
        manifest.item().integer(index_of(editions, docs[first]->edition));
        manifest.item().integer(index_of(departments, docs[first]->department_slug));
        manifest.item().integer(static_cast<long long>(first));
        manifest.item().integer(static_cast<long long>(end - first));
        manifest.end_array();
        first = end;
    }
    manifest.end_array();
}

/// {"version": …, `key`: `text`}: a file of the Traditional pairs or of the readings.
std::string text_file(const char* key, const std::string& text) {
    std::string out;
    JsonWriter j(out, layout);
    j.begin_object();
    j.key("version").integer(format_version);
    j.key(key).string(text);
    j.end_object();
    return out;
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

/// A word of the vocabulary: [text, pinyin, docs, kind], or without the
/// pinyin in the sound table, whose keys are readings.
void word_json(JsonWriter& j, const Word& w, bool with_pinyin) {
    j.begin_array();
    j.item().string(w.text);
    if (with_pinyin) j.item().string(w.pinyin);
    j.item().integer(w.docs);
    j.item().integer(w.kind);
    j.end_array();
}

/// Hex digits of a shard's name among `count`: shards 0 to count - 1.
std::size_t hex_digits(std::size_t count) { return std::max<std::size_t>(1, (std::bit_width(count - 1) + 3) / 4); }

/// The sound table as files of about `bytes` each, by sound_hash:
/// {"version":3,"keys":{"=tj":[["体检",3,2]],"ti jian":[["体检",3,2],...],...}}.
std::vector<std::string> sound_shards(const SoundTable& keys, std::size_t bytes) {
    // Each key's list, written once; the files' count follows from their size.
    std::vector<std::string> lists;
    lists.reserve(keys.size());
    std::size_t total = 0;
    std::string quoted;
    for (const auto& [key, list] : keys) {
        std::string value;
        JsonWriter j(value, layout);
        j.begin_array();
        for (const Word* w : list) word_json(j.item(), *w, false);
        j.end_array();
        quoted.clear();
        append_json_string(quoted, key);
        total += quoted.size() + 1 + value.size() + 1;  // "key":[...],
        lists.push_back(std::move(value));
    }
    const std::size_t count = std::clamp<std::size_t>(next_power_of_two(total / std::max<std::size_t>(bytes, 1)), 1, max_sound_shards);
    std::vector<std::vector<std::size_t>> members(count);  // each file's keys, in key order
    for (std::size_t k = 0; k < keys.size(); ++k) members[sound_hash(keys[k].first) & (count - 1)].push_back(k);
    std::vector<std::string> files(count);
    for (std::size_t f = 0; f < count; ++f) {
        JsonWriter j(files[f], layout);
        j.begin_object();
        j.key("version").integer(format_version);
        j.key("keys").begin_object();
        for (std::size_t k : members[f]) j.key(keys[k].first).raw(lists[k]);
        j.end_object();
        j.end_object();
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

    // The manifest, written as what it lists is made; its postings and
    // documents members come last, once their files are written.
    std::string manifest_text;
    JsonWriter manifest(manifest_text, layout);
    manifest.begin_object();
    manifest.key("format").string("bulletin-search");
    manifest.key("version").integer(format_version);
    manifest.key("tokenizer").integer(tokenizer_version);
    manifest.key("fields").strings({"title", "department", "tags", "text"});
    manifest.key("doc_count").integer(static_cast<long long>(docs.size()));
    add_catalogue(manifest, docs);
    auto blocks = [&](const char* key, const std::string& path, const std::map<std::string, std::string>& files) {
        manifest.key(key).begin_object();
        manifest.key("path").string(path);
        manifest.key("blocks").begin_array();
        for (const auto& entry : files) manifest.item().string(entry.first);
        manifest.end_array();
        manifest.end_object();
    };
    const auto t2s = t2s_blocks();
    blocks("t2s", t2s_dir, t2s);
    // The forgiving search's structures (left out only to measure their cost).
    std::vector<Word> words;
    std::map<char, std::vector<const Word*>> by_letter;
    std::vector<std::string> sound_files;
    if (options.forgiving) {
        const PinyinBlocks& pinyin = pinyin_blocks();
        manifest.key("pinyin").begin_object();
        manifest.key("path").string(pinyin_dir);
        manifest.key("first").integer(static_cast<long long>(pinyin.first));
        manifest.key("last").integer(static_cast<long long>(pinyin.last));
        manifest.end_object();
        words = vocabulary(docs, *postings);
        by_letter = words_by_letter(words);
        std::string letters;
        for (const auto& entry : by_letter) letters += entry.first;
        manifest.key("words").begin_object();
        manifest.key("path").string(words_dir);
        manifest.key("letters").string(letters);
        manifest.end_object();
        sound_files = sound_shards(sound_table(words), options.sound_shard_bytes);
        manifest.key("sound").begin_object();
        manifest.key("shards").integer(static_cast<long long>(sound_files.size()));
        manifest.key("hash").string("fnv1a32");
        manifest.key("digits").integer(static_cast<long long>(hex_digits(sound_files.size())));
        manifest.key("path").string(sound_dir);
        manifest.end_object();
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
            std::string js = "window.BULLETIN_SEARCH=window.BULLETIN_SEARCH||{};window.BULLETIN_SEARCH[";
            append_json_string(js, path);
            js += "]=" + bytes + ";\n";
            sink({js_path, std::move(js)});
        }
        bytes += '\n';
        sink({path, std::move(bytes)});
    };

    if (postings_bytes + docs_bytes <= options.single_file_limit) {
        std::vector<const Term*> terms;
        for (std::size_t p = 0; p < term_partitions; ++p)
            for (const Term& term : postings->partition(p)) terms.push_back(&term);
        std::sort(terms.begin(), terms.end(), [](const Term* a, const Term* b) { return a->text < b->text; });
        manifest.key("postings").begin_object();
        manifest.key("shards").integer(0);
        manifest.key("terms").begin_object();
        for (const Term* term : terms) {
            manifest.key(term->text).raw_from([&](std::string& out) { postings->append_json(out, *term); });
        }
        manifest.end_object();
        manifest.end_object();
        manifest.key("docs").begin_object();
        manifest.key("per_file").integer(0);
        manifest.key("list").begin_array();
        for (const std::string& text : doc_texts) manifest.item().raw(text);
        manifest.end_array();
        manifest.end_object();
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
            JsonWriter j(text, layout);
            j.begin_object();
            j.key("version").integer(format_version);
            j.key("terms").begin_object();
            for (const Term* term : terms) {
                j.key(term->text).raw_from([&](std::string& out) { postings->append_json(out, *term); });
            }
            j.end_object();
            j.end_object();
            put(postings_dir + hex(b, width) + ".json", std::move(text));
        });
        manifest.key("postings").begin_object();
        manifest.key("shards").integer(static_cast<long long>(count));
        manifest.key("hash").string("fnv1a32");
        manifest.key("digits").integer(static_cast<long long>(width));
        manifest.key("path").string(postings_dir);
        manifest.end_object();
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
            JsonWriter j(text, layout);
            j.begin_object();
            j.key("version").integer(format_version);
            j.key("first").integer(static_cast<long long>(first));
            j.key("docs").begin_array();
            for (std::size_t id = first; id < end; ++id) {
                j.item().raw(doc_texts[id]);
                std::string().swap(doc_texts[id]);
            }
            j.end_array();
            j.end_object();
            put(docs_dir + std::to_string(f) + ".json", std::move(text));
        });
        manifest.key("docs").begin_object();
        manifest.key("per_file").integer(static_cast<long long>(per_file));
        manifest.key("files").integer(static_cast<long long>(files));
        manifest.key("path").string(docs_dir);
        manifest.end_object();
    }
    manifest.end_object();
    put(manifest_path, std::move(manifest_text));
    for (const auto& [name, pairs] : t2s) put(t2s_dir + name + ".json", text_file("pairs", pairs));
    if (!options.forgiving) return;
    for (const auto& [name, readings] : pinyin_blocks().files) put(pinyin_dir + name + ".json", text_file("readings", readings));
    for (const auto& [letter, list] : by_letter) {
        std::string text;
        JsonWriter j(text, layout);
        j.begin_object();
        j.key("version").integer(format_version);
        j.key("words").begin_array();
        for (const Word* w : list) word_json(j.item(), *w, true);
        j.end_array();
        j.end_object();
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
