// libsodium wrappers: all hashing and randomness of the bundle layer goes through here.
#include "core/sodium_util.hpp"

#include <sodium.h>

namespace passerelle {

bool sodiumReady() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

Sha256 sha256(std::string_view data) {
    Sha256 out{};
    crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return out;
}

Sha256 sha256(const Bytes& data) {
    Sha256 out{};
    crypto_hash_sha256(out.data(), data.data(), data.size());
    return out;
}

std::string toHex(const std::uint8_t* data, std::size_t size) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 15];
    }
    return out;
}

std::string sha256Hex(std::string_view data) {
    const auto h = sha256(data);
    return toHex(h.data(), h.size());
}

Bytes randomBytes(std::size_t size) {
    Bytes out(size);
    if (sodiumReady())
        randombytes_buf(out.data(), out.size());
    return out;
}

} // namespace passerelle
