#include "usage.h"

#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "load_config.h"
#include "text.h"

namespace fs = std::filesystem;

namespace bulletin {
namespace {

bool english(const std::string& language) { return language == "en" || language.starts_with("en-"); }

// The nearest of `candidates`: a likely typo, or the only one `word` begins.
std::optional<std::string> nearest(const std::string& word, const std::vector<std::string>& candidates) {
    if (auto close = closest_match(word, candidates)) return close;
    std::optional<std::string> only;
    for (const std::string& c : candidates) {
        if (word.size() >= 2 && c.starts_with(word)) {
            if (only) return std::nullopt;
            only = c;
        }
    }
    return only;
}

std::string joined(const std::vector<std::string>& words, const std::string& language) {
    std::string out;
    for (const std::string& w : words) {
        if (!out.empty()) out += english(language) ? ", " : "、";
        out += w;
    }
    return out;
}

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    return names;
}

std::vector<std::string> option_names(const CLI::App& app) {
    std::vector<std::string> names = {"--help"};
    for (const CLI::Option* opt : app.get_options()) {
        for (const std::string& l : opt->get_lnames()) names.push_back("--" + l);
        for (const std::string& s : opt->get_snames()) names.push_back("-" + s);
    }
    return names;
}

bool known_option(const CLI::App& app, const std::string& arg) {
    const std::string name = arg.substr(0, arg.find('='));
    if (name == "--help" || name == "-h") return true;
    for (const CLI::Option* opt : app.get_options()) {
        if (opt->check_name(name)) return true;
    }
    return false;
}

std::string unknown_command(const std::string& word, const std::vector<std::string>& commands,
                            const std::string& language, const std::string& what) {
    const auto close = nearest(word, commands);
    if (english(language)) {
        return close ? fmt::format("bulletin: unknown {} “{}”; did you mean “{}”?\n", what, word, *close)
                     : fmt::format("bulletin: unknown {} “{}”; the {}s are: {}\n", what, word, what,
                                   joined(commands, language));
    }
    const std::string zh = what == "command" ? "命令" : "种类";
    return close ? fmt::format("bulletin: 未知{}“{}”，是否想写“{}”？\n", zh, word, *close)
                 : fmt::format("bulletin: 未知{}“{}”。可用的{}：{}\n", zh, word, zh, joined(commands, language));
}

}  // namespace

std::string command_line_language(int argc, char** argv) {
    std::string content = "content";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--content" && i + 1 < argc) content = argv[i + 1];
        if (arg.starts_with("--content=")) content = arg.substr(10);
    }
    const fs::path file = fs::path(content) / "site.toml";
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return "zh-CN";
    Diagnostics ignored;
    try {
        if (auto config = load_site_config(file.string(), file.string(), ignored)) return config->language;
    } catch (const std::exception&) {
    }
    return "zh-CN";
}

std::optional<std::string> usage_mistake(const CLI::App& app, int argc, char** argv, const std::string& language) {
    const CLI::App* current = &app;
    std::string path;  // "bulletin serve", for the message
    bool options_done = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") {
            options_done = true;
            continue;
        }
        if (!options_done && arg.size() > 1 && arg[0] == '-') {
            if (current == &app && (arg == "--version" || arg == "--help" || arg == "-h")) return std::nullopt;
            if (known_option(*current, arg)) {
                // Skip the option's value, when it takes one and it is not joined with '='.
                const std::string name = arg.substr(0, arg.find('='));
                for (const CLI::Option* opt : current->get_options()) {
                    if (opt->check_name(name) && opt->get_type_size() != 0 && arg.find('=') == std::string::npos) ++i;
                }
                continue;
            }
            const std::string name = arg.substr(0, arg.find('='));
            const auto close = nearest(name, option_names(*current));
            const std::string where = current == &app ? std::string("bulletin") : "bulletin" + path;
            if (english(language)) {
                return close ? fmt::format("bulletin: unknown option “{}” for {}; did you mean “{}”?\n", name, where, *close)
                             : fmt::format("bulletin: unknown option “{}” for {}; see  {} --help\n", name, where, where);
            }
            return close ? fmt::format("bulletin: 未知选项“{}”（{}），是否想写“{}”？\n", name, where, *close)
                         : fmt::format("bulletin: 未知选项“{}”（{}），可用  {} --help  查看全部选项\n", name, where, where);
        }
        const std::vector<std::string> commands = command_names(*current);
        if (commands.empty()) continue;  // a positional argument of the command
        bool found = false;
        for (const CLI::App* sub : current->get_subcommands({})) {
            if (sub->check_name(arg)) {
                current = sub;
                path += " " + sub->get_name();
                found = true;
                break;
            }
        }
        if (!found) return unknown_command(arg, commands, language, current == &app ? "command" : "kind");
    }
    if (current->get_require_subcommand_min() > 0) {
        const std::vector<std::string> commands = command_names(*current);
        if (english(language)) {
            return fmt::format("bulletin: name a command: {} (see  bulletin{} --help)\n", joined(commands, language), path);
        }
        return fmt::format("bulletin: 请写明命令：{}（用  bulletin{} --help  查看说明）\n", joined(commands, language), path);
    }
    return std::nullopt;
}

}  // namespace bulletin
