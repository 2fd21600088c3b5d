#include "parallel.h"

#include <cstdlib>
#include <string>

namespace bulletin {

unsigned worker_count() {
    if (const char* env = std::getenv("BULLETIN_JOBS")) {
        try {
            const int n = std::stoi(env);
            if (n >= 1) return static_cast<unsigned>(n);
        } catch (...) {
            // Not a number: fall through to the core count.
        }
    }
    const unsigned cores = std::thread::hardware_concurrency();
    return cores == 0 ? 1 : cores;
}

}  // namespace bulletin
