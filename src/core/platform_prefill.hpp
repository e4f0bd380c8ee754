// Prefill links for the démarche platform (demarche.numerique.gouv.fr): our dossier fields → its champ ids.
#pragma once

#include "core/json_strict.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace passerelle {

inline constexpr std::size_t kPrefillMaxLength = 2000; // the platform's limit on a prefill link
inline constexpr const char* kPlaceholder = "A_RENSEIGNER";

struct PrefillEntry {
    std::string section;
    std::string field;
    std::optional<std::int64_t> stableId; // nullopt while the mapping still says "A_RENSEIGNER"
    bool sensitive = false;
};

// assets/platform/<scheme with '/' as '_'>.json:
// {"format": "passerelle.platform-mapping/1", "scheme", "base_url", "procedure_path", "note"?,
//  "fields": [{"section", "field", "stable_id": 1234 | "A_RENSEIGNER", "sensitive"?: bool}]}
struct PrefillMapping {
    std::string scheme;
    std::string baseUrl;                       // "https://demarche.numerique.gouv.fr/commencer/"
    std::optional<std::string> procedurePath;  // nullopt while "A_RENSEIGNER"
    std::vector<PrefillEntry> entries;
    [[nodiscard]] bool hasPlaceholders() const;
};

[[nodiscard]] std::optional<PrefillMapping> parsePrefillMapping(std::string_view text, std::string* error);

// "champ_" + base64("Champ-<stable_id>") without '=' padding (the platform's GraphQL field id).
[[nodiscard]] std::string champParamName(std::int64_t stableId);

// True for field ids that name health or disability facts (handicap, RQTH, santé, MDPH, médical…):
// a second guard behind the dossier definitions' `sensitive` mark.
[[nodiscard]] bool looksSensitive(std::string_view fieldId);

[[nodiscard]] std::string percentEncode(std::string_view text);

// The (section, field) pairs marked "sensitive": true for `scheme` in one dossier definitions
// document (assets/dossiers/*.json, format passerelle.dossier-defs/1), read as plain JSON.
[[nodiscard]] std::set<std::pair<std::string, std::string>> sensitiveFieldsOf(const Json& definitions,
                                                                              std::string_view scheme);

struct PrefillLink {
    std::string url;                                        // ≤ maxLength characters
    std::vector<std::string> included;                      // "section.field"
    std::vector<std::pair<std::string, std::string>> left;  // ("section.field", French reason): in the bundle only
};

// Builds the link from a passerelle.dossier/1 document. Sensitive fields — marked in the mapping,
// listed in `sensitive` as (section, field) from the dossier definitions, or caught by
// looksSensitive — never enter the URL. Fields that would push the link past `maxLength` are left
// out (and listed): the bundle carries everything. Fails only without a procedure path.
[[nodiscard]] std::optional<PrefillLink> buildPrefillLink(const PrefillMapping& mapping, const Json& dossier,
                                                          const std::set<std::pair<std::string, std::string>>& sensitive,
                                                          std::string* error, std::size_t maxLength = kPrefillMaxLength);

} // namespace passerelle
