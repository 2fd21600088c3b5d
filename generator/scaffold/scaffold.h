#pragma once
// `bulletin new`: a new edition or project file with every field of the
// content format, each with a short comment, ready for an editor to fill in.
// Never overwrites a file.
#include <optional>
#include <ostream>
#include <string>

namespace bulletin {

/// Writes `<content>/<id>/_index.md`. Returns 0, or 2 (with a message on
/// `err`) when the id is not a valid address or the edition already exists.
int run_new_edition(const std::string& content_dir, const std::string& id, std::ostream& out, std::ostream& err);

/// Writes `<content>/<edition>/<slug>.md` for `target` = "edition/slug", with
/// the next free number of that edition and `department` (a name or slug of
/// departments.toml; the nearest one is suggested when it is unknown).
/// Returns 0, or 2 with a message on `err`.
int run_new_project(const std::string& content_dir, const std::string& target, const std::string& department,
                    const std::optional<std::string>& title, std::ostream& out, std::ostream& err);

/// The smallest number from 1 up that no project of the edition folder uses.
int next_free_number(const std::string& edition_dir);

}  // namespace bulletin
