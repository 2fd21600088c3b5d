#pragma once
// SHA-256 through OpenSSL, the one place that holds an OpenSSL digest.
#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace bulletin {

/// A SHA-256 fed piece by piece.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void add(std::string_view bytes);
    /// Length-prefixed, so two fields can never run into each other.
    void add_field(std::string_view bytes);
    /// Lower-case hex of the digest; the object is spent after this.
    std::string hex();

private:
    evp_md_ctx_st* ctx_;
};

/// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace bulletin
