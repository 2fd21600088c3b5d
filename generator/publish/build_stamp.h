#pragma once
// A rebuild that would change nothing is skipped: after a clean build, a
// stamp in the user's cache ($XDG_CACHE_HOME or ~/.cache, bulletin/stamps/,
// one file per output folder; nothing is added to or beside the output) records a hash of everything the build
// read (the generator itself, its options, every content and theme file)
// and a hash of the output folder's listing (path, size, mtime, inode of
// every file). When both still match, the output is already what a build
// would make. A rebuild after a change reuses, from the previous output,
// the pages of every edition whose inputs are unchanged (build.cpp).
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bulletin {

/// What a build read, hashed: the whole, and the parts that let a rebuild
/// reuse an edition's pages. An edition's pages depend on the generator, its
/// options, the theme, the files at the top of the content folder
/// (site.toml, departments.toml) and that edition's own folder only.
struct InputKeys {
    std::string all;     ///< hex SHA-256 over everything; empty when something could not be read
    std::string global;  ///< the generator, settings, theme and top-level content files
    std::map<std::string, std::string> folders;  ///< per top-level content folder (an edition's id): global + its files
};

struct BuildStamp {
    std::string inputs;   ///< InputKeys::all of a build without warnings; empty otherwise (never skipped)
    std::string outputs;  ///< hex SHA-256 over the output folder's listing
    std::size_t editions = 0;  ///< for the summary line of a skipped rebuild
    std::size_t projects = 0;
    std::size_t files = 0;
    std::size_t bytes = 0;
    std::string global;                          ///< InputKeys::global of that build
    std::map<std::string, std::string> folders;  ///< InputKeys::folders of that build
};

/// Hashes `settings`, the running executable, every regular file under the
/// content folder and under each of `other_roots` (relative path and bytes).
InputKeys hash_inputs(const std::vector<std::string>& settings, const std::filesystem::path& content,
                      const std::vector<std::filesystem::path>& other_roots);

/// SHA-256 over the output folder's files (not its dot-files): relative
/// path, size, modification time and inode, in path order.
std::string hash_output_listing(const std::filesystem::path& out_dir);

/// Where the stamp of `out_dir` is kept: the cache folder, named by a hash of
/// the output folder's absolute path; empty when there is no cache folder.
std::filesystem::path stamp_path(const std::filesystem::path& out_dir);

std::optional<BuildStamp> read_stamp(const std::filesystem::path& file);
void write_stamp(const std::filesystem::path& file, const BuildStamp& stamp);  ///< best effort

}  // namespace bulletin
