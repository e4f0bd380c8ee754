// The establishment profile: strict JSON reading and writing, UAI check letter.
#include "core/establishment.hpp"

#include "core/json_strict.hpp"

#include <array>
#include <utility>

namespace passerelle {
namespace {

struct FieldSpec {
    const char* key;
    const char* label; // French name for messages
    std::string Establishment::*member;
};

const std::array<FieldSpec, 5> kFields{{
    {"name", "le nom", &Establishment::name},
    {"uai", "l'UAI", &Establishment::uai},
    {"commune", "la commune", &Establishment::commune},
    {"department", "le département", &Establishment::department},
    {"sector", "le secteur", &Establishment::sector},
}};

bool fail(std::string* error, std::string message) {
    if (error) *error = std::move(message);
    return false;
}

bool hasControlCharacter(std::string_view text) {
    for (unsigned char c : text) {
        if (c < 0x20 || c == 0x7F) return true;
    }
    return false;
}

} // namespace

std::optional<Establishment> parseEstablishment(std::string_view text, std::string* error) {
    JsonError jsonError;
    const std::optional<Json> doc = parseStrict(text, &jsonError);
    if (!doc) {
        fail(error, "profil de l'établissement illisible : " + jsonError.message);
        return std::nullopt;
    }
    if (!doc->is_object()) {
        fail(error, "profil de l'établissement illisible : un objet JSON { … } est attendu");
        return std::nullopt;
    }
    const auto format = doc->find("format");
    if (format == doc->end() || !format->is_string() || format->get<std::string>() != kEstablishmentFormat) {
        fail(error, std::string("profil de l'établissement : \"format\" doit valoir \"") +
                        std::string(kEstablishmentFormat) + "\"");
        return std::nullopt;
    }
    Establishment profile;
    for (const auto& [key, value] : doc->items()) {
        if (key == "format") continue;
        if (key == "retention_months") {
            if (!value.is_number_integer() || value.get<long long>() < 0 || value.get<long long>() > kRetentionMonthsMax) {
                fail(error, "profil de l'établissement : la durée de conservation doit être un nombre entier de mois, de 0 à " +
                                std::to_string(kRetentionMonthsMax));
                return std::nullopt;
            }
            profile.retentionMonths = value.get<int>();
            continue;
        }
        const FieldSpec* spec = nullptr;
        for (const FieldSpec& f : kFields) {
            if (key == f.key) spec = &f;
        }
        if (!spec) {
            fail(error, "profil de l'établissement : champ inconnu \"" + key + "\"");
            return std::nullopt;
        }
        if (!value.is_string()) {
            fail(error, std::string("profil de l'établissement : ") + spec->label + " doit être du texte");
            return std::nullopt;
        }
        std::string s = value.get<std::string>();
        if (s.size() > kEstablishmentFieldMax) {
            fail(error, std::string("profil de l'établissement : ") + spec->label + " dépasse " +
                            std::to_string(kEstablishmentFieldMax) + " octets");
            return std::nullopt;
        }
        if (hasControlCharacter(s)) {
            fail(error, std::string("profil de l'établissement : ") + spec->label +
                            " contient un caractère de contrôle (retour à la ligne, tabulation…)");
            return std::nullopt;
        }
        profile.*(spec->member) = std::move(s);
    }
    return profile;
}

std::string establishmentToJson(const Establishment& profile) {
    Json doc = Json::object();
    doc["format"] = std::string(kEstablishmentFormat);
    for (const FieldSpec& f : kFields) doc[f.key] = profile.*(f.member);
    if (profile.retentionMonths != kRetentionMonthsDefault) doc["retention_months"] = profile.retentionMonths;
    return doc.dump(2) + "\n";
}

std::optional<std::string> checkUai(std::string_view uai) {
    if (uai.empty()) return std::nullopt;
    static constexpr std::string_view kLetters = "ABCDEFGHJKLMNPRSTUVWXYZ"; // 23 letters: no I, O, Q
    if (uai.size() != 8) {
        return "UAI : 8 caractères attendus (7 chiffres puis une lettre), " + std::to_string(uai.size()) + " saisis";
    }
    long number = 0;
    for (std::size_t i = 0; i < 7; ++i) {
        if (uai[i] < '0' || uai[i] > '9') return std::string("UAI : les 7 premiers caractères doivent être des chiffres");
    }
    for (std::size_t i = 0; i < 7; ++i) number = number * 10 + (uai[i] - '0');
    char letter = uai[7];
    if (letter >= 'a' && letter <= 'z') letter = static_cast<char>(letter - 'a' + 'A');
    const char expected = kLetters[static_cast<std::size_t>(number % 23)];
    if (letter != expected) {
        return std::string("UAI : la lettre de contrôle devrait être ") + expected + " pour " +
               std::string(uai.substr(0, 7));
    }
    return std::nullopt;
}

std::vector<std::string> establishmentProblems(const Establishment& profile) {
    std::vector<std::string> problems;
    if (auto uai = checkUai(profile.uai)) problems.push_back(std::move(*uai));
    for (const FieldSpec& f : kFields) {
        const std::string& s = profile.*(f.member);
        if (s.size() > kEstablishmentFieldMax) {
            problems.push_back(std::string("Profil : ") + f.label + " dépasse " + std::to_string(kEstablishmentFieldMax) +
                               " octets");
        }
    }
    return problems;
}

} // namespace passerelle
