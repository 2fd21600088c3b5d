#pragma once
// The theme: Mustache templates, UI strings and static assets from
// themes/<name>/. The only module that holds Mustache templates.
#include <filesystem>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diagnostics.h"
#include "output.h"

namespace bulletin {

/// What a template is rendered with: Mustache's kinds of value (object,
/// string, list, true, false). Pages hold thousands of these, so two kinds of
/// sharing keep them cheap: a string may borrow text that outlives the view
/// (the site's content, the theme's strings), and a view may stand for another
/// (`View::ref`), which templates read exactly as a copy of it.
class View {
public:
    enum class type { object, string, list, bool_true, bool_false };

    View() : View(type::object) {}
    explicit View(type t) : type_(t) {}
    View(std::string text) : type_(type::string), owned_(std::move(text)) {}
    View(const char* text) : View(std::string(text)) {}
    View(bool b) : type_(b ? type::bool_true : type::bool_false) {}

    /// A string view of `text`, which must outlive it.
    static View borrow(std::string_view text);
    /// A view that templates read as `target`, which must outlive it.
    static View ref(const View& target);

    /// Sets `key` of an object, replacing what it held.
    void set(std::string_view key, View value);
    /// Room for `keys` keys of an object without growing.
    void reserve(std::size_t keys);
    /// Appends to a list.
    void push_back(View value);

    const View* get(std::string_view key) const { return get(std::hash<std::string_view>{}(key), key); }
    /// The same, with `hash` = std::hash<std::string_view>{}(key) computed once by the caller.
    const View* get(std::size_t hash, std::string_view key) const;

    /// What this view stands for: the target of a reference, else itself.
    const View& target() const { return ref_ ? *ref_ : *this; }
    type kind() const { return target().type_; }
    std::string_view string_value() const;
    const std::vector<View>& list_value() const { return target().items_; }

private:
    struct Key {
        std::size_t hash;
        std::string name;
    };

    // What a lookup reads comes first, to share its cache line.
    type type_;
    bool borrowed_ = false;
    const View* ref_ = nullptr;
    std::uint64_t key_bits_ = 0;  // object: two bits per key, picked by its hash (see key_bits)
    std::vector<Key> keys_;       // object: keys in order of hash, for a binary search…
    std::vector<View> values_;    // …with their values at the same index
    std::string_view borrowed_text_;
    std::string owned_;
    std::vector<View> items_;  // list
};

namespace detail {
struct Template;
}

class Theme {
public:
    /// Loads `templates/*.html` (with `templates/partials/*.html` inlined where
    /// `{{> name}}` appears), `i18n/<language>.toml` (falling back to the
    /// language's primary subtag, then zh-CN) and every file under `assets/`.
    /// Template syntax errors are reported with the template's file and line.
    /// `layouts`, when it is a folder (a site's own `layouts/` beside its
    /// `content/`), is laid out like `templates/`: each of its templates and
    /// partials replaces the theme's of the same name, or adds one (Hugo's
    /// lookup order: the site before the theme).
    static std::optional<Theme> load(const std::filesystem::path& dir, const std::string& language,
                                     Diagnostics& diags, const std::filesystem::path& layouts = {});

    /// Renders a template by name ("project" for templates/project.html),
    /// with the same bytes as kainjow's Mustache renderer would give.
    /// Safe to call from several threads at once.
    std::string render(const std::string& name, const View& view) const;

    /// A UI string from the i18n file; the key itself when it is missing.
    const std::string& string(const std::string& key) const;
    /// Every UI string as a view object, for templates as {{t.key}}.
    const View& strings_view() const { return strings_view_; }
    const std::map<std::string, std::string>& strings() const { return strings_; }

    /// Static files to publish, with paths under "assets/".
    const OutputFiles& assets() const { return assets_; }

private:
    std::filesystem::path dir_;
    // name → the source with partials inlined, parsed once
    std::map<std::string, std::shared_ptr<const detail::Template>> templates_;
    std::map<std::string, std::string> strings_;
    View strings_view_;
    OutputFiles assets_;
};

}  // namespace bulletin
