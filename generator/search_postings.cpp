#include "search_postings.h"

#include <algorithm>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "parallel.h"
#include "search_tokenize.h"

namespace bulletin::search {
namespace {

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

std::size_t digits(std::int64_t v) {
    std::size_t n = v < 0 ? 2 : 1;
    for (std::uint64_t u = v < 0 ? static_cast<std::uint64_t>(-v) : static_cast<std::uint64_t>(v); u >= 10; u /= 10) ++n;
    return n;
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

}  // namespace

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
        out += nlohmann::ordered_json(s).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        return;
    }
    // Overlong forms and surrogates are rare enough to check through the library too.
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0xc0 || c == 0xc1 || c == 0xe0 || c == 0xed || c >= 0xf0) {
            out += nlohmann::ordered_json(s).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
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

}  // namespace bulletin::search
