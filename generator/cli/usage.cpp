#include "usage.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "load_config.h"
#include "messages.h"
#include "text.h"

namespace fs = std::filesystem;

namespace bulletin {
namespace {

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
        if (!out.empty()) out += text(Msg::list_separator, language);
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

const CLI::Option* find_option(const CLI::App& app, const std::string& name) {
    for (const CLI::Option* opt : app.get_options()) {
        if (opt->check_name(name)) return opt;
    }
    return nullptr;
}

bool is_positional(const CLI::Option& opt) { return opt.get_lnames().empty() && opt.get_snames().empty(); }

bool is_whole_number(const std::string& s) {
    std::size_t i = s.starts_with("-") ? 1 : 0;
    if (i == s.size()) return false;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
}

// A command line that does what `path` ("bulletin new project") does, for messages.
std::string example_of(const std::string& path, const std::string& language) {
    if (path == "bulletin new edition") return std::string(text(Msg::usage_example_new_edition, language));
    if (path == "bulletin new project") return std::string(text(Msg::usage_example_new_project, language));
    if (path == "bulletin import") return std::string(text(Msg::usage_example_import, language));
    if (path == "bulletin verify") return std::string(text(Msg::usage_example_verify, language));
    return path + " --help";
}

// How a message names a positional argument of a command.
std::string positional_name(const std::string& name, const std::string& language) {
    if (name == "target") return std::string(text(Msg::usage_arg_target, language));
    if (name == "id") return std::string(text(Msg::usage_arg_id, language));
    if (name == "file") return std::string(text(Msg::usage_arg_file, language));
    if (name == "dir") return std::string(text(Msg::usage_arg_dir, language));
    return name;
}

}  // namespace

std::string command_line_language(int argc, char** argv) {
    std::string content = "content";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--content" && i + 1 < argc) content = argv[i + 1];
        if (arg.starts_with("--content=")) content = arg.substr(10);
    }
    return site_language(content);
}

std::optional<std::string> usage_mistake(const CLI::App& app, int argc, char** argv, const std::string& language) {
    const CLI::App* current = &app;
    std::string path = "bulletin";  // "bulletin new project", for the message
    bool options_done = false;
    // What was given to each command on the way: option names, and how many positional arguments.
    std::vector<std::pair<const CLI::App*, std::string>> given;
    std::vector<std::pair<const CLI::App*, std::size_t>> positionals{{&app, 0}};
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") {
            options_done = true;
            continue;
        }
        if (!options_done && arg.size() > 1 && arg[0] == '-' && !is_whole_number(arg)) {
            if (current == &app && (arg == "--version" || arg == "--help" || arg == "-h")) return std::nullopt;
            const std::string name = arg.substr(0, arg.find('='));
            if (name == "--help" || name == "-h") return std::nullopt;  // CLI11 prints the help
            if (const CLI::Option* opt = find_option(*current, name)) {
                given.emplace_back(current, name);
                if (opt->get_items_expected_max() == 0) continue;  // a flag
                // Its value: joined with '=', or the next argument.
                std::string value;
                if (arg.find('=') != std::string::npos) {
                    value = arg.substr(arg.find('=') + 1);
                } else if (i + 1 < argc) {
                    value = argv[++i];
                } else {
                    return say(language, Msg::usage_missing_value, path, name, example_of(path, language)) + "\n";
                }
                if ((opt->get_type_name() == "INT" || opt->get_type_name() == "UINT") && !is_whole_number(value)) {
                    return say(language, Msg::usage_not_a_number, path, name, value) + "\n";
                }
                continue;
            }
            const auto close = nearest(name, option_names(*current));
            return "bulletin: " +
                   (close ? say(language, Msg::usage_unknown_option_suggest, name, path, *close)
                          : say(language, Msg::usage_unknown_option, name, path, path)) +
                   "\n";
        }
        const std::vector<std::string> commands = command_names(*current);
        if (commands.empty()) {  // a positional argument of the command
            ++positionals.back().second;
            continue;
        }
        bool found = false;
        for (const CLI::App* sub : current->get_subcommands({})) {
            if (sub->check_name(arg)) {
                current = sub;
                path += " " + sub->get_name();
                positionals.emplace_back(current, 0);
                found = true;
                break;
            }
        }
        if (!found) {
            const bool top = current == &app;
            const auto close = nearest(arg, commands);
            return "bulletin: " +
                   (close ? say(language, top ? Msg::usage_unknown_command_suggest : Msg::usage_unknown_kind_suggest, arg,
                                *close)
                          : say(language, top ? Msg::usage_unknown_command : Msg::usage_unknown_kind, arg,
                                joined(commands, language))) +
                   "\n";
        }
    }
    if (current->get_require_subcommand_min() > 0) {
        return "bulletin: " + say(language, Msg::usage_name_command, joined(command_names(*current), language), path) + "\n";
    }
    // What the command needs and was not given.
    std::size_t positional_given = positionals.back().second;
    for (const CLI::Option* opt : current->get_options()) {
        if (!opt->get_required()) continue;
        if (is_positional(*opt)) {
            if (positional_given > 0) {
                --positional_given;
                continue;
            }
            return say(language, Msg::usage_missing, path, positional_name(opt->get_name(), language),
                       example_of(path, language)) +
                   "\n";
        }
        const bool present = std::any_of(given.begin(), given.end(), [&](const auto& g) {
            return g.first == current && opt->check_name(g.second);
        });
        if (!present) {
            return say(language, Msg::usage_missing_option, path, "--" + opt->get_lnames().front(),
                       example_of(path, language)) +
                   "\n";
        }
    }
    return std::nullopt;
}

}  // namespace bulletin
