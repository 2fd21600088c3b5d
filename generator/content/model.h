#pragma once
// The site as plain values, built once by the loader (load_site.h) and not
// changed after: every later stage reads it through a const reference.
// Links between values are indexes, not pointers.
#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "fields.h"

namespace bulletin {

struct SiteConfig {
    std::string title;
    std::string base_url;  ///< absolute, ends with '/'
    std::string language = "zh-CN";
    std::string publisher;
    std::string description;
    std::string theme = "default";
};

struct Department {
    std::string slug;
    std::string name;       ///< as printed in the bulletin
    std::string full_name;  ///< may be empty
};

/// A key figure. `value_text` keeps the number as the editor would read it.
struct Metric {
    std::string label;
    double value = 0;
    std::string unit;
    std::optional<double> target;
};

struct Correction {
    Date date;
    std::string note;    ///< what changed
    std::string reason;  ///< why (may be empty)
};

struct Project {
    std::string slug;     ///< file name without .md
    std::size_t edition;  ///< index into Site::editions
    std::string title;
    std::size_t department;                  ///< index into Site::departments
    std::vector<std::size_t> co_departments;  ///< indexes into Site::departments
    int number = 0;
    bool ongoing = false;
    std::vector<std::string> tags;
    std::string summary;  ///< plain text: the summary field or the first paragraph
    bool draft = false;
    std::vector<Metric> metrics;
    std::vector<Correction> corrections;
    std::string body_html;  ///< sanitised HTML of the Markdown body
    std::string body_text;  ///< plain text of the body, whitespace collapsed
    std::string source_path;
};

struct Figure {
    std::string label;
    double value = 0;
    std::string unit;
};

struct Edition {
    std::string id;  ///< folder name, e.g. "2022"
    std::string title;
    int year = 0;
    Date published;
    std::string publisher;
    bool archived = false;
    std::vector<Figure> figures;
    std::string preamble_html;
    std::string preamble_text;
    std::vector<std::size_t> projects;  ///< indexes into Site::projects, by number
};

struct Site {
    SiteConfig config;
    std::vector<Department> departments;  ///< in the order of departments.toml
    std::vector<Edition> editions;        ///< newest first (year, then id)
    std::vector<Project> projects;        ///< by edition (newest first), then number

    const Edition& latest() const { return editions.front(); }
};

}  // namespace bulletin
