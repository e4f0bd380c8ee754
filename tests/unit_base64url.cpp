// Tests of the strict base64 / base64url codecs (RFC 4648 vectors, one accepted spelling per byte string).
#include "core/base64url.hpp"

#include <doctest/doctest.h>

using namespace passerelle;

namespace {
std::string str(const std::optional<Bytes>& b) { return b ? std::string(b->begin(), b->end()) : std::string("<refusé>"); }
} // namespace

TEST_SUITE("base64url") {
TEST_CASE("RFC 4648 §10 vectors, with and without padding") {
    const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char* padded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    const char* url[] = {"", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"};
    for (int i = 0; i < 7; ++i) {
        CHECK(base64StdEncode(plain[i]) == padded[i]);
        CHECK(base64UrlEncode(std::string_view(plain[i])) == url[i]);
        CHECK(str(base64StdDecode(padded[i])) == plain[i]);
        CHECK(str(base64UrlDecode(url[i])) == plain[i]);
    }
}

TEST_CASE("url alphabet uses - and _, standard uses + and /") {
    const Bytes b{0xfb, 0xff, 0xbf};
    CHECK(base64UrlEncode(b) == "-_-_");
    CHECK(base64StdEncode(b.data(), b.size()) == "+/+/");
    CHECK(str(base64UrlDecode("-_-_")) == std::string("\xfb\xff\xbf"));
    CHECK_FALSE(base64UrlDecode("+/+/"));
    CHECK_FALSE(base64StdDecode("-_-_"));
}

TEST_CASE("strict decoding refuses padding, whitespace, bad length and non-zero leftover bits") {
    CHECK_FALSE(base64UrlDecode("Zg=="));   // no padding in JOSE
    CHECK_FALSE(base64UrlDecode("Zm9v "));  // whitespace
    CHECK_FALSE(base64UrlDecode("Z"));      // 1 mod 4 is impossible
    CHECK_FALSE(base64UrlDecode("Zh"));     // 'h' leaves bits set: would alias "Zg"
    CHECK_FALSE(base64UrlDecode("Zm9"));    // same for two bytes
    CHECK(base64UrlDecode("Zm8"));
    CHECK_FALSE(base64StdDecode("Zg"));     // padding required in standard base64
    CHECK_FALSE(base64StdDecode("Zh=="));
    CHECK_FALSE(base64StdDecode("Z==="));
    CHECK_FALSE(base64StdDecode("Zg=a"));
}

TEST_CASE("every 1- to 3-byte string round-trips and every other spelling is refused") {
    // Exhaustive over one and two bytes: each byte string has exactly one accepted encoding.
    int accepted = 0;
    for (int len = 2; len <= 3; ++len) {
        const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        std::string s(static_cast<std::size_t>(len), 'A');
        const int total = len == 2 ? 64 * 64 : 64 * 64 * 64;
        for (int n = 0; n < total; ++n) {
            int v = n;
            for (int k = 0; k < len; ++k, v /= 64)
                s[static_cast<std::size_t>(k)] = alphabet[v % 64];
            const auto d = base64UrlDecode(s);
            if (d) {
                ++accepted;
                CHECK(base64UrlEncode(*d) == s);
            }
        }
    }
    CHECK(accepted == 256 + 65536);
}
}
