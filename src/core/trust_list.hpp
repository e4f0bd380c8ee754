// Trusted signing keys (a JWKS, e.g. an académie's list of its schools' keys) and the names shown for them.
#pragma once

#include "core/jwk.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

struct TrustedKey {
    Ed25519PublicKey x{};
    std::string kid;                 // RFC 7638 thumbprint
    std::string name;                // "Collège Anatole France (Marseille)"; the kid when the list gives none
    std::vector<std::string> roles;  // roles this key may sign for; empty = any role
};

// JWKS: {"keys": [{"kty":"OKP","crv":"Ed25519","x":…, "kid"?, "name"?, "roles"?: [...], "use"?, "alg"?}]}.
// A "kid" must equal the thumbprint; a private member "d" makes the whole list refused.
class TrustList {
public:
    [[nodiscard]] static std::optional<TrustList> parse(std::string_view text, std::string* error);
    [[nodiscard]] const TrustedKey* find(std::string_view kid) const;
    [[nodiscard]] const std::vector<TrustedKey>& keys() const { return m_keys; }

private:
    std::vector<TrustedKey> m_keys;
};

// The roles of the spec (situation-v1.md, "Roles").
[[nodiscard]] bool isKnownRole(std::string_view role);

} // namespace passerelle
