#pragma once
// Watching folders for saved files, with inotify: every folder below the
// roots, and folders created later (their files count as changed).
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <vector>

namespace bulletin::serve {

class Watcher {
public:
    /// Watches every folder under each root. Throws std::runtime_error when inotify is unavailable.
    explicit Watcher(const std::vector<std::filesystem::path>& roots);
    ~Watcher();
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;

    /// Also watches `root` (a theme chosen after a change to site.toml); no-op when already watched.
    void add_root(const std::filesystem::path& root);

    /// Blocks until something under the roots is written, created, moved or
    /// removed, then gathers what else changes within `settle` (an editor's
    /// save is often several events), and returns the paths. A path may be a
    /// folder (a queue overflow reports the roots). Nothing when stop() was called.
    std::optional<std::vector<std::filesystem::path>> wait(std::chrono::milliseconds settle);

    /// Makes wait() return nothing, now and from now on. Safe from another thread.
    void stop();

    /// A folder that could not be watched (the system's limit of watched
    /// folders reached, or no permission): saves in it go unseen. The
    /// watcher goes on with the other folders.
    struct Failure {
        std::filesystem::path folder;
        int error;  ///< errno
    };
    /// The failures since the last call (from the constructor, add_root and wait).
    std::vector<Failure> take_failures();

private:
    void watch_tree(const std::filesystem::path& dir, std::vector<std::filesystem::path>* found);
    bool read_events(std::vector<std::filesystem::path>& out);

    int fd_ = -1;
    int stop_fd_ = -1;
    std::vector<std::filesystem::path> roots_;
    std::map<int, std::filesystem::path> dirs_;  // watch descriptor → folder
    std::vector<Failure> failures_;
};

}  // namespace bulletin::serve
