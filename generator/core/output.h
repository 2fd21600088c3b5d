#pragma once
// One file of the built site: what every stage that produces output returns.
#include <string>
#include <vector>

namespace bulletin {

/// A file of the site: `path` is relative to the site root and uses '/'
/// (e.g. "2022/ev-charging/index.html"); `bytes` is its exact content.
struct OutputFile {
    std::string path;
    std::string bytes;
};

using OutputFiles = std::vector<OutputFile>;

}  // namespace bulletin
