#pragma once
// The site as plain values, built once by the loader (load_site.h) and not
// changed after: every later stage reads it through a const reference.
// Links between values are indexes, not pointers.
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "fields.h"
#include "identity.h"

namespace bulletin {

struct SiteConfig {
    std::string title;
    std::string base_url;  ///< absolute, ends with '/'
    std::string language = "zh-CN";
    std::string publisher;
    std::string description;
    std::string theme = "default";
    Identity identity;  ///< [identity]: shown at the foot of every page
};

struct Department {
    std::string slug;
    std::string name;       ///< as printed in the bulletin
    std::string full_name;  ///< may be empty
    std::vector<std::string> aliases;  ///< other names readers search for (search only); may be empty
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

/// Site::projects. Each project is held once, behind a shared pointer, and
/// read as a vector of `const Project` is read (`site.projects[i]`,
/// `for (const Project& p : site.projects)`). A copy of the list shares the
/// projects; `edit()` copies one before changing it when it is shared. So the
/// site that `bulletin serve` loads again after a save shares every unchanged
/// project with the site before it (and with the loader's cache) instead of
/// copying its text.
class ProjectList {
    using Items = std::vector<std::shared_ptr<Project>>;

public:
    class const_iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = Project;
        using difference_type = std::ptrdiff_t;
        using pointer = const Project*;
        using reference = const Project&;

        const_iterator() = default;
        explicit const_iterator(Items::const_iterator at) : at_(at) {}
        reference operator*() const { return **at_; }
        pointer operator->() const { return at_->get(); }
        reference operator[](difference_type n) const { return *at_[n]; }
        const_iterator& operator++() { ++at_; return *this; }
        const_iterator operator++(int) { return const_iterator(at_++); }
        const_iterator& operator--() { --at_; return *this; }
        const_iterator operator--(int) { return const_iterator(at_--); }
        const_iterator& operator+=(difference_type n) { at_ += n; return *this; }
        const_iterator& operator-=(difference_type n) { at_ -= n; return *this; }
        friend const_iterator operator+(const_iterator i, difference_type n) { return i += n; }
        friend const_iterator operator+(difference_type n, const_iterator i) { return i += n; }
        friend const_iterator operator-(const_iterator i, difference_type n) { return i -= n; }
        friend difference_type operator-(const const_iterator& a, const const_iterator& b) { return a.at_ - b.at_; }
        friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.at_ == b.at_; }
        friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.at_ <=> b.at_; }

    private:
        Items::const_iterator at_;
    };
    using iterator = const_iterator;
    using value_type = Project;
    using size_type = std::size_t;

    ProjectList() = default;
    ProjectList(std::initializer_list<Project> projects) {
        for (const Project& p : projects) push_back(p);
    }

    std::size_t size() const { return items_.size(); }
    bool empty() const { return items_.empty(); }
    const Project& operator[](std::size_t i) const { return *items_[i]; }
    const_iterator begin() const { return const_iterator(items_.begin()); }
    const_iterator end() const { return const_iterator(items_.end()); }
    void reserve(std::size_t n) { items_.reserve(n); }
    void push_back(Project p) { items_.push_back(std::make_shared<Project>(std::move(p))); }
    /// Adds a project that others may share (never changed while shared: see edit()).
    void push_back(std::shared_ptr<Project> p) { items_.push_back(std::move(p)); }
    /// Project `i`, to change: copied first when anything else holds it.
    Project& edit(std::size_t i) {
        if (items_[i].use_count() > 1) items_[i] = std::make_shared<Project>(*items_[i]);
        return *items_[i];
    }
    /// The shared pointer to project `i`: equal pointers are the same, unchanged project.
    const Project* identity(std::size_t i) const { return items_[i].get(); }

private:
    Items items_;
};

/// An image or attachment a page links to, copied to the site as it is.
struct StaticFile {
    std::string source;  ///< on disk
    std::string path;    ///< in the output, relative to its root: "2024/slug/photo.jpg", "files/plan.pdf"
};

struct Site {
    SiteConfig config;
    std::vector<Department> departments;  ///< in the order of departments.toml
    std::vector<Edition> editions;        ///< newest first (year, then id)
    ProjectList projects;                 ///< by edition (newest first), then number
    std::vector<StaticFile> files;        ///< by path, each once

    const Edition& latest() const { return editions.front(); }
};

}  // namespace bulletin
