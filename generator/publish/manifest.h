#pragma once
// manifest.json: the SHA-256 and size of every published file, grouped by
// edition, so anyone can check a deployed copy against the build.
#include <map>
#include <string>
#include <vector>

#include "output.h"
#include "sha256.h"

namespace bulletin {

struct ManifestEntry {
    std::string sha256;  ///< lower-case hex
    std::size_t size = 0;
};

using Manifest = std::map<std::string, ManifestEntry>;  ///< site path → entry


/// The group a site path belongs to: an edition's id ("2022/…", "data/2022.*") or "site".
const std::string& manifest_group(const std::string& path, const std::vector<std::string>& edition_ids);

/// manifest.json text: files grouped by the edition they belong to
/// ("2022/…" and "data/2022.*" belong to edition 2022; the rest to "site").
std::string render_manifest(const Manifest& files, const std::vector<std::string>& edition_ids);

/// Reads a manifest.json back into path → entry. Throws std::runtime_error on a malformed file.
Manifest parse_manifest(const std::string& text);

}  // namespace bulletin
