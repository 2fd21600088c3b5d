#pragma once
// Runs independent work items on every core. Results land in slots chosen
// by index, so output never depends on which thread finished first.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace bulletin {

/// Worker threads to use: BULLETIN_JOBS if set (1 gives a single-threaded
/// build), else the number of cores.
unsigned worker_count();

/// Calls fn(i) for every i in [0, n), spread over worker_count() threads.
/// The first exception thrown by any call is rethrown here after all stop.
template <typename Fn>
void parallel_for(std::size_t n, Fn&& fn) {
    const unsigned workers = static_cast<unsigned>(std::min<std::size_t>(worker_count(), n));
    if (workers <= 1) {
        for (std::size_t i = 0; i < n; ++i) fn(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto run = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < n;) {
            try {
                fn(i);
            } catch (...) {
                std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                next = n;
            }
        }
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < workers; ++t) threads.emplace_back(run);
    run();
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace bulletin
