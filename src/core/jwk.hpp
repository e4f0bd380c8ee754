// Ed25519 keys as JWK (RFC 8037), their RFC 7638 thumbprint, and the passphrase-encrypted private key file.
#pragma once

#include "core/base64url.hpp"
#include "core/json_strict.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace passerelle {

using Ed25519PublicKey = std::array<std::uint8_t, 32>;
using Ed25519Signature = std::array<std::uint8_t, 64>;

// {"crv":"Ed25519","kty":"OKP","x":…} — exactly the members RFC 7638 hashes, nothing private.
[[nodiscard]] Json publicJwk(const Ed25519PublicKey& x);

// RFC 7638: base64url(SHA-256(JCS of the required members crv, kty, x)).
[[nodiscard]] std::string jwkThumbprint(const Ed25519PublicKey& x);

struct PublicKeyOptions {
    bool allowKid = true;        // a "kid" member, checked equal to the thumbprint
    bool allowOtherMembers = false; // e.g. "name"/"roles" in a trust list, "use"/"alg"
};
// Reads an OKP/Ed25519 public JWK strictly (x is exactly 32 bytes, strict base64url, no "d").
[[nodiscard]] std::optional<Ed25519PublicKey> parsePublicJwk(const Json& jwk, std::string* error,
                                                             PublicKeyOptions options = {});

[[nodiscard]] bool verifyEd25519(const Ed25519PublicKey& key, std::string_view message,
                                 const std::uint8_t* signature);

// A private key in memory; the secret is wiped (sodium_memzero) when the object dies.
class SigningKey {
public:
    [[nodiscard]] static SigningKey generate();
    [[nodiscard]] static SigningKey fromSeed(const std::uint8_t* seed32);
    SigningKey(const SigningKey& other);
    SigningKey& operator=(const SigningKey& other);
    ~SigningKey();

    [[nodiscard]] const Ed25519PublicKey& publicKey() const { return m_public; }
    [[nodiscard]] const std::string& kid() const { return m_kid; }
    [[nodiscard]] Ed25519Signature sign(std::string_view message) const;
    // The private JWK (with "d"), for an unencrypted key file.
    [[nodiscard]] Json privateJwk() const;
    [[nodiscard]] const std::uint8_t* seed() const { return m_secret.data(); } // first 32 bytes of libsodium's sk

private:
    SigningKey() = default;
    std::array<std::uint8_t, 64> m_secret{}; // libsodium layout: seed ‖ public key
    Ed25519PublicKey m_public{};
    std::string m_kid;
};

// Argon2id cost in the key file's header. Defaults: libsodium's INTERACTIVE limits (2 passes,
// 64 MiB) — about a second on a phone, and within a browser tab's memory.
struct KdfParams {
    unsigned long long opslimit = 2;
    std::size_t memlimit = 64u * 1024u * 1024u;
};

// The key file text: a private JWK; with a non-empty passphrase, "d" is replaced by
// "passerelle_chiffre" = {kdf, opslimit, memlimit, salt, aead, nonce, ct} (Argon2id →
// XChaCha20-Poly1305, the public "x" as associated data).
[[nodiscard]] std::string keyFileText(const SigningKey& key, std::string_view passphrase = {},
                                      KdfParams params = {});

// Reads a key file; French one-line error on failure (wrong passphrase, missing passphrase,
// damaged file). Never writes anything.
[[nodiscard]] std::optional<SigningKey> loadKeyFile(std::string_view text, std::optional<std::string_view> passphrase,
                                                    std::string* error);

// A passphrase file's content without its trailing end of line.
[[nodiscard]] std::string passphraseFromFile(std::string text);

} // namespace passerelle
