#include "build_stamp.h"

#include <algorithm>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "parallel.h"

namespace fs = std::filesystem;

namespace bulletin {
namespace {

class Sha256 {
public:
    Sha256() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
        if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) throw std::runtime_error("SHA-256 failed");
    }
    void add(std::string_view bytes) { EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()); }
    void add_field(std::string_view bytes) {  // length-prefixed, so fields cannot run into each other
        add(std::to_string(bytes.size()));
        add(":");
        add(bytes);
    }
    std::string hex() {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        EVP_DigestFinal_ex(ctx_.get(), digest, &len);
        static constexpr char digits[] = "0123456789abcdef";
        std::string out;
        for (unsigned int i = 0; i < len; ++i) {
            out += digits[digest[i] >> 4];
            out += digits[digest[i] & 15];
        }
        return out;
    }

private:
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx_;
};

// SHA-256 of a file's bytes; empty when it cannot be read.
std::string hash_file(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    Sha256 sha;
    std::string buffer(1 << 16, '\0');
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0) {
            ::close(fd);
            return {};
        }
        if (n == 0) break;
        sha.add(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    }
    ::close(fd);
    return sha.hex();
}

bool dot_name(const fs::path& p) {
    const std::string n = p.filename().string();
    return !n.empty() && n[0] == '.';
}

}  // namespace

std::string hash_inputs(const std::vector<std::string>& settings, const std::vector<fs::path>& roots) {
    Sha256 sha;
    sha.add_field("bulletin-stamp 1");
    for (const std::string& s : settings) sha.add_field(s);
    const std::string self = hash_file("/proc/self/exe");
    if (self.empty()) return {};  // cannot tell which generator this is: never skip
    sha.add_field(self);
    for (const fs::path& root : roots) {
        sha.add_field(root.generic_string());
        std::vector<fs::path> files;
        std::error_code ec;
        if (fs::is_directory(root, ec)) {
            for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
                 it.increment(ec)) {
                if (it->is_regular_file(ec)) files.push_back(it->path());
            }
        }
        if (ec) return {};
        std::sort(files.begin(), files.end());
        std::vector<std::string> digests(files.size());
        parallel_for(files.size(), [&](std::size_t i) { digests[i] = hash_file(files[i]); });
        for (std::size_t i = 0; i < files.size(); ++i) {
            if (digests[i].empty()) return {};
            sha.add_field(fs::relative(files[i], root).generic_string());
            sha.add_field(digests[i]);
        }
    }
    return sha.hex();
}

std::string hash_output_listing(const fs::path& out_dir) {
    std::vector<std::string> rows;
    std::error_code ec;
    if (!fs::is_directory(out_dir, ec)) return {};
    for (auto it = fs::recursive_directory_iterator(out_dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (dot_name(it->path())) {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        struct stat st {};
        if (::lstat(it->path().c_str(), &st) != 0) return {};
        if (S_ISDIR(st.st_mode)) continue;
        rows.push_back(fs::relative(it->path(), out_dir).generic_string() + '\0' + std::to_string(st.st_size) + ' ' +
                       std::to_string(st.st_mtim.tv_sec) + '.' + std::to_string(st.st_mtim.tv_nsec) + ' ' +
                       std::to_string(st.st_ino) + ' ' + std::to_string(st.st_mode));
    }
    if (ec) return {};
    std::sort(rows.begin(), rows.end());
    Sha256 sha;
    for (const std::string& r : rows) sha.add_field(r);
    return sha.hex();
}

fs::path stamp_path(const fs::path& out_dir) {
    fs::path cache;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
        cache = xdg;
    } else if (const char* home = std::getenv("HOME"); home && *home == '/') {
        cache = fs::path(home) / ".cache";
    } else {
        return {};
    }
    fs::path out = fs::absolute(out_dir).lexically_normal();
    if (out.filename().empty()) out = out.parent_path();
    Sha256 name;
    name.add(out.string());
    return cache / "bulletin" / "stamps" / name.hex();
}

std::optional<BuildStamp> read_stamp(const fs::path& file) {
    if (file.empty()) return std::nullopt;
    std::ifstream in(file);
    std::string magic;
    BuildStamp s;
    if (!(in >> magic >> s.inputs >> s.outputs >> s.editions >> s.projects >> s.files >> s.bytes) ||
        magic != "bulletin-stamp-1") {
        return std::nullopt;
    }
    if (s.inputs.empty() || s.outputs.empty()) return std::nullopt;
    return s;
}

void write_stamp(const fs::path& file, const BuildStamp& s) {
    if (file.empty()) return;
    std::error_code ec;
    if (s.inputs.empty() || s.outputs.empty()) {
        fs::remove(file, ec);
        return;
    }
    fs::create_directories(file.parent_path(), ec);
    const fs::path tmp = file.string() + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "bulletin-stamp-1\n" << s.inputs << "\n" << s.outputs << "\n" << s.editions << " " << s.projects << " "
            << s.files << " " << s.bytes << "\n";
        if (!out) {
            fs::remove(tmp, ec);
            return;
        }
    }
    fs::rename(tmp, file, ec);
    if (ec) fs::remove(tmp, ec);
}

}  // namespace bulletin
