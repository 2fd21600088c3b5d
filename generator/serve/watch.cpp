#include "watch.h"

#include "files.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace fs = std::filesystem;

namespace bulletin::serve {
namespace {

constexpr std::uint32_t kMask =
    IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB;

}  // namespace

Watcher::Watcher(const std::vector<fs::path>& roots) {
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0) throw std::runtime_error(std::string("inotify: ") + std::strerror(errno));
    stop_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (stop_fd_ < 0) {
        const int error = errno;
        ::close(fd_);
        throw std::runtime_error(std::string("eventfd: ") + std::strerror(error));
    }
    for (const fs::path& root : roots) add_root(root);
}

Watcher::~Watcher() {
    if (fd_ >= 0) ::close(fd_);
    if (stop_fd_ >= 0) ::close(stop_fd_);
}

void Watcher::add_root(const fs::path& root) {
    for (const fs::path& r : roots_) {
        if (r == root) return;
    }
    roots_.push_back(root);
    watch_tree(root, nullptr);
}

void Watcher::watch_tree(const fs::path& dir, std::vector<fs::path>* found) {
    try {
        const int wd = files::watch_folder(fd_, dir, kMask | IN_ONLYDIR);
        if (wd < 0) return;  // gone again already
        dirs_[wd] = dir;
    } catch (const files::FileError& e) {
        failures_.push_back({dir, e.error()});  // told by serve; its subfolders are still tried
    }
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_directory(ec) && !it->is_symlink(ec)) {
            watch_tree(it->path(), found);
        } else if (found) {
            found->push_back(it->path());  // written before its folder was watched
        }
    }
}

std::vector<Watcher::Failure> Watcher::take_failures() { return std::exchange(failures_, {}); }

bool Watcher::read_events(std::vector<fs::path>& out) {
    alignas(inotify_event) char buffer[64 * 1024];
    bool any = false;
    for (;;) {
        const ssize_t n = ::read(fd_, buffer, sizeof buffer);
        if (n <= 0) break;
        for (ssize_t at = 0; at < n;) {
            const auto* ev = reinterpret_cast<const inotify_event*>(buffer + at);
            at += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
            any = true;
            if (ev->mask & IN_Q_OVERFLOW) {
                out.insert(out.end(), roots_.begin(), roots_.end());  // lost track: everything
                continue;
            }
            const auto dir = dirs_.find(ev->wd);
            if (ev->mask & IN_IGNORED) {
                if (dir != dirs_.end()) dirs_.erase(dir);
                continue;
            }
            if (dir == dirs_.end()) continue;
            if (ev->len == 0) {
                out.push_back(dir->second);  // the folder itself (removed)
                continue;
            }
            const fs::path path = dir->second / ev->name;
            if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(path, &out);
            out.push_back(path);
        }
    }
    return any;
}

std::optional<std::vector<fs::path>> Watcher::wait(std::chrono::milliseconds settle) {
    std::vector<fs::path> changed;
    pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    // Until the first event, then until `settle` passes without another.
    // A file written without pause is taken as it is after a second.
    int timeout = -1;
    std::chrono::steady_clock::time_point first;
    for (;;) {
        if (timeout >= 0 && std::chrono::steady_clock::now() - first > std::chrono::seconds(1)) break;
        fds[0].revents = fds[1].revents = 0;
        const int r = ::poll(fds, 2, timeout);
        if (r < 0) {
            if (errno == EINTR) continue;
            throw std::system_error(errno, std::generic_category(), "poll");
        }
        if (fds[1].revents) return std::nullopt;
        if (r == 0) break;  // settled
        read_events(changed);
        if (!changed.empty() && timeout < 0) {
            timeout = static_cast<int>(settle.count());
            first = std::chrono::steady_clock::now();
        }
    }
    return changed;
}

void Watcher::stop() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(stop_fd_, &one, sizeof one);
}

}  // namespace bulletin::serve
