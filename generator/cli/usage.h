#pragma once
// Usage mistakes on the command line, named in the site's language with the
// nearest valid word: `bulletin serv` → 未知命令“serv”，是否想写“serve”？
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace bulletin {

/// The language of the site the command line points at (--content, else
/// ./content): its site.toml's `language`, or Chinese.
std::string command_line_language(int argc, char** argv);

/// A message for an unknown command or option on this command line, or
/// nothing when every command and option is known. Also names a missing command.
std::optional<std::string> usage_mistake(const CLI::App& app, int argc, char** argv, const std::string& language);

}  // namespace bulletin
