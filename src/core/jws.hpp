// JWS (RFC 7515) with Ed25519 (RFC 8037 / RFC 9864): signing and a strict verifier for JSON serializations.
#pragma once

#include "core/jwk.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace passerelle {

// Protected header we write: {"alg":"Ed25519","jwk":{crv,kty,x},"kid":thumbprint,"typ":typ}.
[[nodiscard]] std::string protectedHeaderB64(const SigningKey& key, std::string_view typ);

// Flattened JSON serialization {"protected","payload","signature"} of `payload` (raw bytes).
[[nodiscard]] Json signFlattened(const SigningKey& key, std::string_view payload, std::string_view typ);

// One entry {"protected","signature"} of a general serialization over an already encoded payload.
[[nodiscard]] Json signGeneralEntry(const SigningKey& key, const std::string& payloadB64, std::string_view typ);

struct VerifiedJws {
    Json header;               // the decoded protected header
    std::string payload;       // decoded payload bytes
    std::string signingInput;  // ASCII(protected) '.' ASCII(payload): what the manifest digests
    Ed25519PublicKey key{};
    std::string kid;
};

// Strict check of one signature: every part strict base64url; the header a strict JSON object
// holding only alg, jwk, kid, typ (so no "crit", no "b64": false); alg "Ed25519" or legacy
// "EdDSA" ("none" and anything else refused); jwk a public Ed25519 key whose RFC 7638
// thumbprint is kid; typ equal to `expectedTyp`; then the Ed25519 signature.
[[nodiscard]] std::optional<VerifiedJws> verifyJwsParts(const Json& protectedB64, const Json& payloadB64,
                                                        const Json& signatureB64, std::string_view expectedTyp,
                                                        std::string* error);

// A flattened JSON serialization: exactly the members protected, payload, signature (an
// unprotected "header" is refused: nothing unsigned may ride along).
[[nodiscard]] std::optional<VerifiedJws> verifyFlattened(const Json& jws, std::string_view expectedTyp,
                                                         std::string* error);

} // namespace passerelle
