// Signed multi-party dossier bundles: per-party section JWS, a co-signed manifest, attachments by SHA-256.
#pragma once

#include "core/jwk.hpp"
#include "core/trust_list.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace passerelle {

inline constexpr const char* kBundleFormat = "passerelle.bundle/1";
inline constexpr const char* kSectionFormat = "passerelle.section/1";
inline constexpr const char* kManifestFormat = "passerelle.manifest/1";
inline constexpr const char* kSectionTyp = "passerelle-section+jws";
inline constexpr const char* kManifestTyp = "passerelle-manifest+jws";

// The plain words the app and the CLI show next to a verification (seed 004: the platform needs
// no electronic signature).
inline constexpr const char* kWhatSignaturesProve =
    "Ces signatures prouvent qui a préparé chaque section et que rien n'a changé depuis. "
    "Ce n'est pas une signature électronique : la plateforme n'en demande pas pour que la démarche soit valide.";

struct SectionCheck {
    std::string id;
    std::string role;
    std::int64_t version = 0;
    std::string kid;
    std::string signer;       // trust-list name, or empty when the key is unknown
    bool knownKey = false;
    std::string signedAt;     // as declared by the signer ("2026-05-06T09:12:00Z")
    std::string previous;     // base64url SHA-256 of the previous version's payload, or empty
    std::string digest;       // base64url SHA-256 of the JWS signing input, bound by the manifest
    std::string payloadDigest; // base64url SHA-256 of the payload: the next version's "previous"
};

struct AttachmentCheck {
    std::string section, field, name, mediaType, sha256;
    std::int64_t size = 0;
    bool embedded = false;    // content travels in the bundle (and matched its SHA-256)
};

struct BundleReport {
    bool readable = false;    // the text was one JSON document
    bool valid = false;       // every signature and cross-check holds
    std::string error;        // one French line naming the section and why, when !valid
    std::string bundleId, scheme;
    std::vector<SectionCheck> sections;                          // sorted by id
    std::vector<std::pair<std::string, std::string>> missing;    // sections declared but unsigned: (id, role)
    bool manifestPresent = false;
    std::vector<std::string> manifestSigners;                    // roles, in signing order (last = submitter)
    std::vector<std::string> manifestPending;                    // roles that signed sections but not the manifest
    std::vector<AttachmentCheck> attachments;

    // Nothing missing: all declared sections signed and the manifest co-signed by every party.
    [[nodiscard]] bool complete() const {
        return valid && missing.empty() && manifestPresent && manifestPending.empty();
    }
};

[[nodiscard]] BundleReport verifyBundle(std::string_view text, const TrustList* trust = nullptr);
[[nodiscard]] BundleReport verifyBundleJson(const Json& bundle, const TrustList* trust = nullptr);

struct SignOutcome {
    std::optional<Json> bundle;
    std::string error;               // French, one line, when !bundle
    std::vector<std::string> notes;  // French, for stderr (section unchanged, manifest withdrawn…)
};

// Signs every section of `dossier` (passerelle.dossier/1) owned by `role`, into a copy of `into`
// (which is verified first) or into a new bundle. A section already in the bundle is replaced
// only by a higher version, whose payload then carries the previous version's hash.
[[nodiscard]] SignOutcome signSections(const Json& dossier, std::string_view role, const SigningKey& key,
                                       const Json* into, std::string_view signedAt);

// Adds `key`'s co-signature to the manifest. Only once every declared section is signed, and
// only by a key that signed sections for `role`. The last co-signer is the submitter.
[[nodiscard]] SignOutcome signManifest(const Json& bundle, std::string_view role, const SigningKey& key);

// What the dossier layer keeps in a section's "signature" after signing (dossier_format.md):
// {"version", "kid", "at", "digest"} — "digest" is our addition: it lets the next version carry the
// previous one's hash even when the old bundle is gone.
[[nodiscard]] std::optional<Json> signatureRecord(const BundleReport& report, std::string_view sectionId);

// « signée le 2026-05-06T09:12:00Z par Collège X (clé connue) » or « … par clé inconnue (kid …) ».
[[nodiscard]] std::string describeSignature(const SectionCheck& section);

[[nodiscard]] std::string bundleToText(const Json& bundle);
[[nodiscard]] std::string utcNowIso(); // "YYYY-MM-DDTHH:MM:SSZ"

} // namespace passerelle
