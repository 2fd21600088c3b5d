#include "theme.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include <kainjow/mustache.hpp>
#include <toml++/toml.h>

#include "fields.h"
#include "front_matter.h"
#include "files.h"
#include "messages.h"
#include "text.h"

namespace fs = std::filesystem;

namespace bulletin {
namespace {

std::string read_all(const fs::path& p) { return files::read_file(p); }

// A theme's files in byte order: every file below `dir` (links followed, as
// the build record follows them), or only its .html files at the top.
std::vector<fs::path> sorted_files(const fs::path& dir, bool recursive) {
    std::vector<fs::path> out;
    if (!fs::is_directory(dir)) return out;
    files::WalkOptions options;
    options.follow_links = true;
    files::walk(dir, options, [&](const files::Entry& e) {
        if (e.kind != files::Entry::file) return;
        if (recursive || (e.rel.find('/') == std::string::npos && e.rel.ends_with(".html"))) out.push_back(e.full);
    });
    return out;
}

// Checks one template file on its own, so an error names that file and line.
bool check_template(const std::string& source, const std::string& shown, const std::string& language,
                    Diagnostics& diags) {
    kainjow::mustache::mustache tmpl{source};
    if (tmpl.is_valid()) return true;
    // kainjow reports "… at <offset>": turn the offset into a line and column.
    const std::string message = tmpl.error_message();
    std::smatch m;
    int line = 0;
    int col = 0;
    if (std::regex_search(message, m, std::regex(R"(at (\d+)$)"))) {
        std::tie(line, col) = line_column(source, std::stoul(m[1]));
    }
    diags.error({shown, line, col}, say(language, Msg::template_error, message), {}, line > 0 ? line_text(source, line) : "");
    return false;
}

std::string inline_partials(const std::string& source, const std::map<std::string, std::string>& partials, int depth) {
    static const std::regex partial_tag(R"(\{\{>\s*([A-Za-z0-9_-]+)\s*\}\})");
    if (depth > 8) return source;
    std::string out;
    auto begin = std::sregex_iterator(source.begin(), source.end(), partial_tag);
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        out.append(source, last, static_cast<std::size_t>(it->position()) - last);
        if (auto p = partials.find((*it)[1]); p != partials.end()) out += inline_partials(p->second, partials, depth + 1);
        last = static_cast<std::size_t>(it->position() + it->length());
    }
    out.append(source, last);
    return out;
}

}  // namespace

View View::borrow(std::string_view text) {
    View v(type::string);
    v.borrowed_ = true;
    v.borrowed_text_ = text;
    return v;
}

View View::ref(const View& target) {
    View v(target.target().type_);
    v.ref_ = &target.target();
    return v;
}

namespace {

// Two of 64 bits chosen by a key's hash: a view without both bits of a name
// set lacks it, and templates look most names up in several views before
// one has them, so most misses end here without touching the keys.
std::uint64_t key_bits(std::size_t hash) {
    return (std::uint64_t{1} << (hash & 63)) | (std::uint64_t{1} << ((hash >> 6) & 63));
}

}  // namespace

void View::set(std::string_view key, View value) {
    if (ref_ || type_ != type::object) return;
    const std::size_t hash = std::hash<std::string_view>{}(key);
    auto at = std::lower_bound(keys_.begin(), keys_.end(), hash, [](const Key& k, std::size_t h) { return k.hash < h; });
    for (auto it = at; it != keys_.end() && it->hash == hash; ++it) {
        if (it->name == key) {
            values_[static_cast<std::size_t>(it - keys_.begin())] = std::move(value);
            return;
        }
    }
    values_.insert(values_.begin() + (at - keys_.begin()), std::move(value));
    keys_.insert(at, {hash, std::string(key)});
    key_bits_ |= key_bits(hash);
}

void View::reserve(std::size_t keys) {
    keys_.reserve(keys);
    values_.reserve(keys);
}

void View::push_back(View value) {
    if (!ref_ && type_ == type::list) items_.push_back(std::move(value));
}

const View* View::get(std::size_t hash, std::string_view key) const {
    const View& v = target();
    const std::uint64_t bits = key_bits(hash);
    if ((v.key_bits_ & bits) != bits) return nullptr;
    auto at = std::lower_bound(v.keys_.begin(), v.keys_.end(), hash, [](const Key& k, std::size_t h) { return k.hash < h; });
    for (auto it = at; it != v.keys_.end() && it->hash == hash; ++it) {
        if (it->name == key) return &v.values_[static_cast<std::size_t>(it - v.keys_.begin())];
    }
    return nullptr;
}

std::string_view View::string_value() const {
    const View& v = target();
    return v.borrowed_ ? v.borrowed_text_ : std::string_view(v.owned_);
}

namespace detail {

// A name as a tag reads it: "." (the current item), a plain name, or a
// dotted path; hashed once here rather than on every lookup.
struct Name {
    struct Part {
        std::size_t hash;
        std::string text;
    };
    std::string full;
    bool dot = false;
    bool dotted = false;
    std::vector<Part> parts;
};

// A parsed template, kept as kainjow's parser leaves it but for tags that
// render nothing (comments, set-delimiter tags), and with neighbouring text
// joined.
struct Node {
    enum class Kind { text, newline, variable, unescaped, section, inverted, partial };
    Kind kind = Kind::text;
    std::string text;  // text, newline: what is written
    Name name;
    std::vector<Node> children;  // section, inverted
};

struct Template {
    std::vector<Node> nodes;
    std::string error;  // kainjow's parse error, reported when the template is used
    // The largest page rendered from it so far: reserved up front, pages of
    // one template being of a size.
    mutable std::atomic<std::size_t> size_hint{0};
};

}  // namespace detail

namespace {

using detail::Name;
using detail::Node;
using Component = kainjow::mustache::component<std::string>;

Name make_name(const std::string& full) {
    Name n;
    n.full = full;
    n.dot = full == ".";
    n.dotted = !n.dot && full.find('.') != std::string::npos;
    const auto parts = n.dotted ? kainjow::mustache::split<std::string>(full, '.') : std::vector<std::string>{full};
    for (const std::string& p : parts) n.parts.push_back({std::hash<std::string_view>{}(p), p});
    return n;
}

void compile(const std::vector<Component>& components, std::vector<Node>& out) {
    using kainjow::mustache::tag_type;
    for (const Component& c : components) {
        Node node;
        switch (c.tag.type) {
            case tag_type::text:
                if (c.is_newline()) {
                    node.kind = Node::Kind::newline;
                } else if (!out.empty() && out.back().kind == Node::Kind::text) {
                    out.back().text += c.text;
                    continue;
                }
                node.text = c.text;
                break;
            case tag_type::variable: node.kind = Node::Kind::variable; break;
            case tag_type::unescaped_variable: node.kind = Node::Kind::unescaped; break;
            case tag_type::section_begin: node.kind = Node::Kind::section; break;
            case tag_type::section_begin_inverted: node.kind = Node::Kind::inverted; break;
            case tag_type::partial: node.kind = Node::Kind::partial; break;
            default: continue;  // comments, set-delimiter tags and stray section ends render nothing
        }
        if (node.kind != Node::Kind::text && node.kind != Node::Kind::newline) node.name = make_name(c.tag.name);
        if (node.kind == Node::Kind::section || node.kind == Node::Kind::inverted) compile(c.children, node.children);
        out.push_back(std::move(node));
    }
}

void parse_template(const std::string& source, detail::Template& t) {
    kainjow::mustache::context<std::string> ctx;
    kainjow::mustache::context_internal<std::string> internal{ctx};
    Component root;
    kainjow::mustache::parser<std::string> parser{source, internal, root, t.error};
    compile(root.children, t.nodes);
}

// True when one of the 8 bytes of `x` is one that HTML escaping replaces.
bool has_escaped_byte(std::uint64_t x) {
    constexpr std::uint64_t ones = 0x0101010101010101;
    constexpr std::uint64_t highs = 0x8080808080808080;
    const auto has = [x](unsigned char c) {
        const std::uint64_t y = x ^ (ones * c);
        return (y - ones) & ~y & highs;  // non-zero when a byte of y is zero
    };
    return (has('&') | has('<') | has('>') | has('"') | has('\'')) != 0;
}

void append_escaped(std::string& out, std::string_view s) {
    // Most text has nothing to escape: skip it 8 bytes at a time.
    std::size_t done = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i % 8 == 0) {
            while (i + 8 <= s.size()) {
                std::uint64_t word;
                std::memcpy(&word, s.data() + i, 8);
                if (has_escaped_byte(word)) break;
                i += 8;
            }
            if (i >= s.size()) break;
        }
        std::string_view entity;
        switch (s[i]) {
            case '&': entity = "&amp;"; break;
            case '<': entity = "&lt;"; break;
            case '>': entity = "&gt;"; break;
            case '"': entity = "&quot;"; break;
            case '\'': entity = "&apos;"; break;
            default: continue;
        }
        out.append(s.data() + done, i - done);
        out.append(entity);
        done = i + 1;
    }
    out.append(s.data() + done, s.size() - done);
}

// kainjow's renderer, written straight into one string. Its rules, kept to
// the byte: output goes out a line at a time; a line that held a section tag
// (of a section that was entered) and is otherwise blank is dropped with its
// line end; names are looked up from the innermost section outwards, a dotted
// name resolved whole against each in turn.
class Renderer {
public:
    Renderer(std::string& out, const View& root) : out_(out) { stack_.push_back(&root.target()); }

    void walk(const std::vector<Node>& nodes) {
        for (const Node& node : nodes) {
            switch (node.kind) {
                case Node::Kind::text: out_ += node.text; break;
                case Node::Kind::newline: end_line(&node.text); break;
                case Node::Kind::variable:
                case Node::Kind::unescaped:
                    if (const View* v = lookup(node.name); v && v->kind() == View::type::string) {
                        if (node.kind == Node::Kind::variable) {
                            append_escaped(out_, v->string_value());
                        } else {
                            out_ += v->string_value();
                        }
                    }
                    break;
                case Node::Kind::section:
                    if (const View* v = lookup(node.name); v && !falsy(*v)) section(node, v);
                    break;
                case Node::Kind::inverted:
                    if (const View* v = lookup(node.name); !v || falsy(*v)) section(node, v);
                    break;
                case Node::Kind::partial: partial(node.name.full); break;
            }
        }
    }

    void end_line(const std::string* line_end) {
        bool blank = contained_section_tag_;
        for (std::size_t i = line_start_; blank && i < out_.size(); ++i) blank = out_[i] == ' ' || out_[i] == '\t';
        if (blank) {
            out_.resize(line_start_);
        } else if (line_end) {
            out_ += *line_end;
        }
        line_start_ = out_.size();
        contained_section_tag_ = false;
    }

private:
    static bool falsy(const View& v) {
        return v.kind() == View::type::bool_false || (v.kind() == View::type::list && v.list_value().empty());
    }

    const View* lookup(const Name& name) const {
        if (name.dot) return stack_.back();
        for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
            const View* v = *it;
            for (std::size_t i = 0; v && i < name.parts.size(); ++i) v = v->get(name.parts[i].hash, name.parts[i].text);
            if (v) return v;
        }
        return nullptr;
    }

    void section(const Node& node, const View* v) {
        if (v && v->kind() == View::type::list && !v->list_value().empty()) {
            for (const View& item : v->list_value()) {
                contained_section_tag_ = true;
                stack_.push_back(&item.target());
                walk(node.children);
                stack_.pop_back();
                contained_section_tag_ = true;
            }
            return;
        }
        contained_section_tag_ = true;
        if (v) stack_.push_back(&v->target());
        walk(node.children);
        if (v) stack_.pop_back();
        contained_section_tag_ = true;
    }

    // A partial tag the theme did not inline: a string of that name (taken
    // whole, dots and all) is parsed and rendered in place, as kainjow does.
    void partial(const std::string& name) {
        const View* v = nullptr;
        const std::size_t hash = std::hash<std::string_view>{}(name);
        for (auto it = stack_.rbegin(); it != stack_.rend() && !v; ++it) v = (*it)->get(hash, name);
        if (!v || v->kind() != View::type::string) return;
        detail::Template t;
        parse_template(std::string(v->string_value()), t);
        if (!t.error.empty()) throw std::runtime_error(t.error);
        walk(t.nodes);
    }

    std::string& out_;
    std::vector<const View*> stack_;
    std::size_t line_start_ = 0;
    bool contained_section_tag_ = false;
};

}  // namespace

std::optional<Theme> Theme::load(const fs::path& dir, const std::string& language, Diagnostics& diags,
                                 const fs::path& layouts) {
    if (!fs::is_directory(dir / "templates")) {
        diags.error({dir.generic_string(), 0, 0},
                    say(language, Msg::theme_missing, dir.filename().string(), (dir / "templates").generic_string()));
        return std::nullopt;
    }
    Theme theme;
    theme.dir_ = dir;
    const std::size_t errors_before = diags.error_count();

    // Name → file: the theme's, then the site's layouts/ over them.
    std::map<std::string, fs::path> partial_files;
    std::map<std::string, fs::path> page_files;
    for (const fs::path& root : {dir / "templates", layouts}) {
        if (root.empty() || !fs::is_directory(root)) continue;
        for (const fs::path& p : sorted_files(root / "partials", false)) partial_files[p.stem().string()] = p;
        for (const fs::path& p : sorted_files(root, false)) page_files[p.stem().string()] = p;
    }
    std::map<std::string, std::string> partials;
    for (const auto& [name, p] : partial_files) {
        std::string src = read_all(p);
        check_template(src, p.generic_string(), language, diags);
        partials.emplace(name, std::move(src));
    }
    for (const auto& [name, p] : page_files) {
        std::string src = read_all(p);
        if (check_template(src, p.generic_string(), language, diags)) {
            auto t = std::make_shared<detail::Template>();
            parse_template(inline_partials(src, partials, 0), *t);
            theme.templates_.emplace(name, std::move(t));
        }
    }

    // UI strings: the exact language, else its primary subtag, else Chinese.
    const std::string primary = language.substr(0, language.find('-'));
    for (const std::string& candidate : {language, primary, std::string("zh-CN")}) {
        const fs::path file = dir / "i18n" / (candidate + ".toml");
        if (!fs::exists(file)) continue;
        auto source = read_source(file, file.generic_string(), diags, language);
        if (!source) break;
        auto table = parse_toml(*source, source->text, 1, diags, language);
        if (!table) break;
        for (const auto& [k, v] : *table) {
            if (auto s = v.value<std::string>()) theme.strings_.emplace(std::string(k.str()), *s);
        }
        break;
    }
    theme.strings_view_ = View(View::type::object);
    for (const auto& [k, v] : theme.strings_) theme.strings_view_.set(k, v);

    for (const fs::path& p : sorted_files(dir / "assets", true)) {
        theme.assets_.push_back({"assets/" + fs::relative(p, dir / "assets").generic_string(), read_all(p)});
    }
    if (diags.error_count() != errors_before) return std::nullopt;
    return theme;
}

std::string Theme::render(const std::string& name, const View& view) const {
    auto it = templates_.find(name);
    if (it == templates_.end()) throw std::runtime_error("theme has no template " + name + ".html");
    const detail::Template& t = *it->second;
    std::string out;
    out.reserve(t.size_hint.load(std::memory_order_relaxed));
    try {
        Renderer renderer(out, view);
        renderer.walk(t.nodes);
        renderer.end_line(nullptr);
    } catch (const std::runtime_error& e) {
        throw std::runtime_error("template " + name + ": " + e.what());
    }
    if (!t.error.empty()) throw std::runtime_error("template " + name + ": " + t.error);
    for (std::size_t hint = t.size_hint.load(std::memory_order_relaxed); hint < out.size();) {
        if (t.size_hint.compare_exchange_weak(hint, out.size(), std::memory_order_relaxed)) break;
    }
    return out;
}

const std::string& Theme::string(const std::string& key) const {
    auto it = strings_.find(key);
    return it == strings_.end() ? key : it->second;
}

}  // namespace bulletin
