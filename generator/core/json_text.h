#pragma once
// JSON text written straight into a string, byte for byte as nlohmann's
// dump() would write it: the open data and the search index are large, and
// building a document tree for them was most of their cost. Only the
// library's public API is used (its dump() for what this does not write
// itself: invalid UTF-8 and doubles).
#include <string>
#include <string_view>
#include <vector>

namespace bulletin {

/// A JSON string exactly as nlohmann's dump() writes it (UTF-8 kept, invalid bytes replaced).
void append_json_string(std::string& out, std::string_view s);

/// How a JsonWriter lays a document out, each as nlohmann's dump() would:
/// `tabs` one member or element per line, tab-indented (dump(1, '\t'): the
/// open data and the manifest, meant to be read); `compact` with no white
/// space at all (dump(): the search index and the page's script data).
enum class JsonLayout { tabs, compact };

/// The project's one JSON writer: a document written straight into a string.
/// Every JSON file the site has is written with it.
class JsonWriter {
public:
    explicit JsonWriter(std::string& out, JsonLayout layout = JsonLayout::tabs) : out_(out), layout_(layout) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    /// The next member of an object; its value follows.
    JsonWriter& key(std::string_view k) {
        next_item();
        string(k);
        if (layout_ == JsonLayout::tabs) {
            out_ += ": ";
        } else {
            out_ += ':';
        }
        return *this;
    }
    /// The next element of an array; its value follows.
    JsonWriter& item() {
        next_item();
        return *this;
    }

    void string(std::string_view s) { append_json_string(out_, s); }
    void integer(long long v);
    /// As nlohmann writes a double: the shortest form that reads back the same, "296.0" for a whole number.
    void number(double v);
    void boolean(bool b) { out_ += b ? "true" : "false"; }
    void strings(const std::vector<std::string>& items) {
        begin_array();
        for (const std::string& s : items) item().string(s);
        end_array();
    }
    /// A value that is JSON text already, written by this writer (in the same
    /// layout) or by `write`, which appends it to the output: the search
    /// index's postings lists are encoded as they are collected.
    void raw(std::string_view json) { out_ += json; }
    template <typename Write>
    void raw_from(Write&& write) {
        write(out_);
    }

private:
    void open(char c) {
        out_ += c;
        empty_.push_back(true);
    }
    void close(char c) {
        const bool empty = empty_.back();
        empty_.pop_back();
        if (!empty) newline();
        out_ += c;
    }
    void next_item() {
        if (!empty_.back()) out_ += ',';
        empty_.back() = false;
        newline();
    }
    void newline() {
        if (layout_ == JsonLayout::compact) return;
        out_ += '\n';
        out_.append(empty_.size(), '\t');
    }

    std::string& out_;
    JsonLayout layout_;
    std::vector<bool> empty_;  // per open object or array: nothing in it yet
};

}  // namespace bulletin
