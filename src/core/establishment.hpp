// The establishment profile (name, UAI, commune, département, sector): strict JSON reading and writing, and checks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

// What a school, CFA, CIO or mission locale says about itself once, reused by every dossier it prepares.
// Every field is free French text typed by a person; an empty field is simply not filled in yet.
struct Establishment {
    std::string name;       // « Lycée Saint-Exupéry »
    std::string uai;        // national identifier, 7 digits + a check letter, e.g. 0750655E
    std::string commune;    // « Marseille »
    std::string department; // code or name, as typed: « 13 » or « Bouches-du-Rhône »
    std::string sector;     // « public », « privé sous contrat », …
    // Months establishment dossiers are kept after their campaign ends (« conservation »). Written to the
    // file only when it differs from the default, so profiles saved before it existed stay identical.
    int retentionMonths = 12;

    bool operator==(const Establishment&) const = default;
};

inline constexpr std::string_view kEstablishmentFormat = "passerelle.establishment/1";
inline constexpr std::size_t kEstablishmentFieldMax = 200; // bytes of UTF-8 per field
inline constexpr int kRetentionMonthsDefault = 12;
inline constexpr int kRetentionMonthsMax = 120;

// Reads a profile file. Strict: not JSON, a duplicate or unknown key, a field that is not a string, too
// long, or holds control characters → std::nullopt and a one-line French message in *error.
[[nodiscard]] std::optional<Establishment> parseEstablishment(std::string_view text, std::string* error = nullptr);

// The file form of a profile (object with "format" and the five fields), readable by parseEstablishment.
[[nodiscard]] std::string establishmentToJson(const Establishment& profile);

// Checks a UAI: empty is fine (not filled in yet); otherwise 7 digits then the letter the digits call
// for (the 7-digit number modulo 23 indexes ABCDEFGHJKLMNPRSTUVWXYZ). Returns a French message if wrong.
[[nodiscard]] std::optional<std::string> checkUai(std::string_view uai);

// Everything a person should fix in the profile, in French, one message per problem (empty when fine).
[[nodiscard]] std::vector<std::string> establishmentProblems(const Establishment& profile);

} // namespace passerelle
