// The device's signing key (stored only encrypted) and its trusted keys, kept under /data by the storage capability.
#pragma once

#include "core/jwk.hpp"
#include "core/trust_list.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace passerelle::ui {

inline constexpr const char* kSigningKeyFile = "signing_key.jwk";  // keyFileText(): "d" encrypted, never plain
inline constexpr const char* kTrustedKeysFile = "trusted_keys.json"; // a JWKS with "name" and "roles"
inline constexpr std::size_t kMinPassphraseLength = 12;

// The public part of the stored key file, without asking for the passphrase.
struct StoredKey {
    Ed25519PublicKey x{};
    std::string kid;
};
// nullopt when there is no key yet; `error` (French) set when a file exists but cannot be read.
[[nodiscard]] std::optional<StoredKey> readStoredKey(std::string* error);

// Generates a key, encrypts it (Argon2id → XChaCha20-Poly1305) and stores it. Refuses a short or
// mismatched passphrase and never replaces an existing key. French message on failure.
bool createStoredKey(std::string_view passphrase, std::string_view confirmation, std::string* error);

// Decrypts the stored key to check the passphrase; the file is only read.
[[nodiscard]] std::optional<SigningKey> unlockStoredKey(std::string_view passphrase, std::string* error);

// The stored trusted keys (empty list when none); `error` set when the file is unreadable.
[[nodiscard]] TrustList storedTrustList(std::string* error);
// Adds the keys of a JWKS to the stored list (same kid: the new name and roles win). Nothing is
// written when the text is not a valid list. Returns the number of keys read, or -1 with `error`.
int importTrustedKeys(std::string_view jwksText, std::string* error);

} // namespace passerelle::ui
