#include "theme.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <regex>
#include <sstream>

#include <toml++/toml.h>

#include "fields.h"
#include "front_matter.h"
#include "messages.h"
#include "text.h"

namespace fs = std::filesystem;

namespace bulletin {
namespace {

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<fs::path> sorted_files(const fs::path& dir, bool recursive) {
    std::vector<fs::path> out;
    if (!fs::is_directory(dir)) return out;
    if (recursive) {
        for (const auto& e : fs::recursive_directory_iterator(dir)) {
            if (e.is_regular_file() && e.path().filename().string()[0] != '.') out.push_back(e.path());
        }
    } else {
        for (const auto& e : fs::directory_iterator(dir)) {
            if (e.is_regular_file() && e.path().extension() == ".html") out.push_back(e.path());
        }
    }
    std::sort(out.begin(), out.end());
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

std::atomic<std::uint64_t> next_theme_id{1};

}  // namespace

std::optional<Theme> Theme::load(const fs::path& dir, const std::string& language, Diagnostics& diags) {
    if (!fs::is_directory(dir / "templates")) {
        diags.error({dir.generic_string(), 0, 0},
                    say(language, Msg::theme_missing, dir.filename().string(), (dir / "templates").generic_string()));
        return std::nullopt;
    }
    Theme theme;
    theme.dir_ = dir;
    theme.id_ = next_theme_id++;
    const std::size_t errors_before = diags.error_count();

    std::map<std::string, std::string> partials;
    for (const fs::path& p : sorted_files(dir / "templates" / "partials", false)) {
        std::string src = read_all(p);
        check_template(src, p.generic_string(), language, diags);
        partials.emplace(p.stem().string(), std::move(src));
    }
    for (const fs::path& p : sorted_files(dir / "templates", false)) {
        std::string src = read_all(p);
        if (check_template(src, p.generic_string(), language, diags)) {
            theme.templates_.emplace(p.stem().string(), inline_partials(src, partials, 0));
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

namespace {

// kainjow's context, with the shared views answering for the page's own view
// when it lacks a name: the same lookups as a view holding copies of them.
class SharedContext : public kainjow::mustache::basic_context<std::string> {
public:
    SharedContext(const View* root, const Theme::SharedViews& shared) : root_(root), shared_(shared) { push(root); }
    void push(const View* data) override { items_.insert(items_.begin(), data); }
    void pop() override { items_.erase(items_.begin()); }
    const View* get(const std::string& name) const override {
        if (name.size() == 1 && name[0] == '.') return items_.front();
        if (name.find('.') == std::string::npos) {
            for (const View* item : items_) {
                if (const View* var = lookup(item, name)) return var;
            }
            return nullptr;
        }
        const auto names = kainjow::mustache::split<std::string>(name, '.');
        for (const View* item : items_) {
            const View* var = item;
            for (std::size_t i = 0; i < names.size() && var; ++i) var = i == 0 ? lookup(var, names[i]) : var->get(names[i]);
            if (var) return var;
        }
        return nullptr;
    }
    const View* get_partial(const std::string& name) const override {
        for (const View* item : items_) {
            if (const View* var = lookup(item, name)) return var;
        }
        return nullptr;
    }

private:
    const View* lookup(const View* item, const std::string& name) const {
        if (const View* var = item->get(name)) return var;
        if (item != root_) return nullptr;
        for (const auto& [key, view] : shared_) {
            if (key == name) return view;
        }
        return nullptr;
    }

    const View* root_;
    const Theme::SharedViews& shared_;
    std::vector<const View*> items_;
};

}  // namespace

std::string Theme::render(const std::string& name, const View& view) const { return render(name, view, {}); }

std::string Theme::render(const std::string& name, const View& view, const SharedViews& shared) const {
    // kainjow's templates keep render state, so each thread parses its own copy once.
    thread_local std::map<std::pair<std::uint64_t, std::string>, kainjow::mustache::mustache> cache;
    auto key = std::make_pair(id_, name);
    auto it = cache.find(key);
    if (it == cache.end()) {
        auto src = templates_.find(name);
        if (src == templates_.end()) throw std::runtime_error("theme has no template " + name + ".html");
        it = cache.emplace(key, kainjow::mustache::mustache{src->second}).first;
    }
    SharedContext context(&view, shared);
    std::string out = it->second.render(context);
    if (!it->second.is_valid()) throw std::runtime_error("template " + name + ": " + it->second.error_message());
    return out;
}

const std::string& Theme::string(const std::string& key) const {
    auto it = strings_.find(key);
    return it == strings_.end() ? key : it->second;
}

}  // namespace bulletin
