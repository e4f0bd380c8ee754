// Checks that the libsodium we link (Debian package natively, Debian source for wasm) gives the RFC vectors.
#include <sodium.h>

#include <doctest/doctest.h>

#include <array>
#include <string>

namespace {
std::string hex(const unsigned char* p, std::size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[p[i] >> 4];
        out += digits[p[i] & 15];
    }
    return out;
}
std::array<unsigned char, 32> fromHex32(const char* h) {
    std::array<unsigned char, 32> out{};
    size_t len = 0;
    sodium_hex2bin(out.data(), out.size(), h, 64, nullptr, &len, nullptr);
    return out;
}
} // namespace

TEST_SUITE("sodium") {
TEST_CASE("RFC 8032 test 1: Ed25519 with an empty message") {
    REQUIRE(sodium_init() >= 0);
    const auto seed = fromHex32("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_seed_keypair(pk, sk, seed.data());
    CHECK(hex(pk, sizeof pk) == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, nullptr, 0, sk);
    CHECK(hex(sig, sizeof sig) ==
          "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    CHECK(crypto_sign_verify_detached(sig, nullptr, 0, pk) == 0);
    sig[0] ^= 1;
    CHECK(crypto_sign_verify_detached(sig, nullptr, 0, pk) != 0);
}

TEST_CASE("SHA-256 of \"abc\"") {
    REQUIRE(sodium_init() >= 0);
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>("abc"), 3);
    CHECK(hex(out, sizeof out) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("randomness is available (crypto.getRandomValues under wasm)") {
    REQUIRE(sodium_init() >= 0);
    unsigned char a[16] = {}, b[16] = {};
    randombytes_buf(a, sizeof a);
    randombytes_buf(b, sizeof b);
    CHECK(sodium_memcmp(a, b, sizeof a) != 0);
}
}
