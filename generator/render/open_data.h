#pragma once
// Open data: each edition as JSON and as CSV (data/<edition>.json, .csv).
#include <vector>

#include "model.h"
#include "output.h"
#include "theme.h"

namespace bulletin {

/// `data/<edition>.json` and `data/<edition>.csv` for every edition. The CSV
/// has a UTF-8 BOM and CRLF line ends so Excel opens the Chinese intact.
/// `skip` (per edition, may be empty): editions whose files are not made.
OutputFiles render_open_data(const Site& site, const Theme& theme, const std::vector<bool>& skip = {});

}  // namespace bulletin
