#pragma once
// A rebuild that would change nothing is skipped: after a clean build, a
// stamp in the user's cache ($XDG_CACHE_HOME or ~/.cache, bulletin/stamps/,
// one file per output folder; nothing is added to or beside the output) records a hash of everything the build
// read (the generator itself, its options, every content and theme file)
// and a hash of the output folder's listing (path, size, mtime, inode of
// every file). When both still match, the output is already what a build
// would make.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bulletin {

struct BuildStamp {
    std::string inputs;   ///< hex SHA-256 over the generator, settings and input files
    std::string outputs;  ///< hex SHA-256 over the output folder's listing
    std::size_t editions = 0;  ///< for the summary line of a skipped rebuild
    std::size_t projects = 0;
    std::size_t files = 0;
    std::size_t bytes = 0;
};

/// SHA-256 over `settings` and every regular file under each of `roots`
/// (relative path and bytes, in path order), plus the running executable.
std::string hash_inputs(const std::vector<std::string>& settings, const std::vector<std::filesystem::path>& roots);

/// SHA-256 over the output folder's files (not its dot-files): relative
/// path, size, modification time and inode, in path order.
std::string hash_output_listing(const std::filesystem::path& out_dir);

/// Where the stamp of `out_dir` is kept: the cache folder, named by a hash of
/// the output folder's absolute path; empty when there is no cache folder.
std::filesystem::path stamp_path(const std::filesystem::path& out_dir);

std::optional<BuildStamp> read_stamp(const std::filesystem::path& file);
void write_stamp(const std::filesystem::path& file, const BuildStamp& stamp);  ///< best effort

}  // namespace bulletin
