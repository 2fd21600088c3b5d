#pragma once
// `bulletin verify`: a deployed folder checked file by file against its
// manifest (manifest.h).
#include <ostream>
#include <string>

namespace bulletin {

/// Checks a deployed folder against a manifest — the folder's own
/// manifest.json, or `manifest_file` (the copy kept from the release, which
/// a tamperer of the server cannot have changed) — and prints changed,
/// missing and extra files. Returns 0 when identical, 1 on any difference,
/// 2 when the folder or manifest cannot be read.
int run_verify(const std::string& dir, std::ostream& out, std::ostream& err, const std::string& manifest_file = {});

}  // namespace bulletin
