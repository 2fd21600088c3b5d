#pragma once
// Checks on what a reader will hold the commission to: numbering, the
// figures written in the text against the fields, the edition's title, date
// and archive state. Each problem points at the file, line and column of the
// words that disagree. The loader (load_file.cpp, load_site.cpp) calls them; they only add
// diagnostics, never change the site.
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"
#include "front_matter.h"
#include "model.h"

namespace bulletin {

/// One project file's number, as the loader read it.
struct NumberedFile {
    int number = 0;
    SourceLoc loc;           ///< of the `number` value
    std::string line;        ///< the source line there
    bool left_out = false;   ///< a draft the build leaves out
};

/// The numbers of one edition must run 1…n with no gap: a gap is an error,
/// or a warning when a draft left out of the build fills it.
void check_numbering(const std::vector<NumberedFile>& files, const std::string& language, Diagnostics& diags);

/// A project's body: a percentage next to a metric must agree with it to the
/// precision written; in an archived edition, relative time words are flagged.
void check_project_text(const SourceFile& file, const FrontMatter& fm, const Project& p, bool archived,
                        const std::string& language, Diagnostics& diags);

/// An edition's own fields: the title must not start with the year the site
/// puts before it, `published` must not come before the year.
void check_edition_fields(const Edition& e, const SourceFile& file, const SourceLoc& title_loc,
                          const SourceLoc& published_loc, const std::string& language, Diagnostics& diags);

/// What needs the whole site: counts and figures in each preamble against
/// its edition, older editions not marked archived, relative time words in
/// an archived preamble. Reads each edition's _index.md again.
void check_site(const Site& site, const std::string& content_dir, Diagnostics& diags);

/// A number at the start of `s`: ASCII digits with an optional fraction, or
/// Chinese numerals (十三, 两, 一百零一). Sets `length` to the bytes read.
std::optional<double> read_number(std::string_view s, std::size_t& length);

}  // namespace bulletin
