// The situation format passerelle.situation/1: the fact catalogue, roles, strict parsing and the derived facts.
#pragma once

#include "core/civil_date.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

// The fields of the situation, in the order of docs/spec (situation-v1.md): that order breaks ties
// in `missing`. The rules packs name them by path ("person.birth_date"); the engine knows no scheme.
enum class FactId : std::uint8_t {
    BirthDate,
    Grade,
    CompletedCollege,
    SchoolSector,
    Departement,
    WantsApprenticeship,
    HasEmployer,
    EnrolledInCfa,
    ContractBrokenOn,
    StrugglingToFind,
    Handicap,
    Rqth,
    LiteracyDifficulties,
    OnlyApprenticeshipWishes,
    WishesFormalized,
    LivesInQpv,
    LivesInFrr,
    Exemption,
    Diplomas,
    Paris2024Volunteer,
    StaffStatus,
};
inline constexpr std::size_t kFactCount = 21;

enum class FactType : std::uint8_t {
    Boolean,
    Date,       // a date; for `nullable` facts null means "never"
    Choice,     // one value of `choices`; for `nullable` facts null means "none"
    ChoiceSet,  // a list of values of `choices`
};

struct FactSpec {
    FactId id;
    std::string_view path;     // "person.birth_date"
    FactType type;
    bool nullable;             // null is a value ("never / none"), not "unknown"
    std::vector<std::string_view> choices; // Choice / ChoiceSet values, in the spec's order
};

[[nodiscard]] const std::array<FactSpec, kFactCount>& factCatalogue();
[[nodiscard]] const FactSpec& factSpec(FactId id);
[[nodiscard]] std::optional<FactId> factByPath(std::string_view path);
[[nodiscard]] std::string_view factPath(FactId id);
// Index of `value` in the fact's choices, or -1.
[[nodiscard]] int choiceIndex(FactId id, std::string_view value);

// One vocabulary for requesters, filers and dossier section owners.
enum class Role : std::uint8_t {
    Eleve, Famille, College, Lycee, Cfa, Entreprise, OrganismeAccueil, Cio, MissionLocale, Personnel, Instructeur,
};
inline constexpr std::size_t kRoleCount = 11;
[[nodiscard]] std::string_view roleName(Role role); // "mission_locale"
[[nodiscard]] std::optional<Role> roleByName(std::string_view name);

// What is known of one fact.
struct FactValue {
    enum class State : std::uint8_t { Unknown, None, Known };
    State state = State::Unknown;
    // Boolean: 0/1; Date: days since 1970-01-01; Choice: index in choices; ChoiceSet: bit mask of indices.
    std::int64_t value = 0;

    [[nodiscard]] bool known() const { return state != State::Unknown; }
    friend bool operator==(const FactValue&, const FactValue&) = default;
};

struct Situation {
    std::optional<CivilDate> on;          // the reference date (resolved by parseSituation)
    std::optional<Role> requester;
    std::array<FactValue, kFactCount> facts{};

    [[nodiscard]] const FactValue& fact(FactId id) const { return facts[static_cast<std::size_t>(id)]; }
    FactValue& fact(FactId id) { return facts[static_cast<std::size_t>(id)]; }
};

// A one-line French error naming the field, e.g. field "person.birth_date",
// message « person.birth_date : date impossible « 2026-02-30 » ».
struct SituationError {
    std::string field;
    std::string message; // complete line, starts with the field
};

// Reads a situation strictly (json_strict: duplicate keys refused), resolves its reference date
// (`onOverride`, else its "on", else `today`, else todayInParis()) and checks that the birth date is
// not after it. Bad input → nullopt and `error`; a missing "format" and unknown keys → `warnings`
// (French, one line each). Exactly the rules of `passerelle check`.
[[nodiscard]] std::optional<Situation> parseSituation(std::string_view text,
                                                      std::optional<CivilDate> onOverride,
                                                      SituationError* error,
                                                      std::vector<std::string>* warnings = nullptr,
                                                      std::optional<CivilDate> today = std::nullopt);
[[nodiscard]] std::optional<Situation> parseSituationJson(const nlohmann::json& doc,
                                                          std::optional<CivilDate> onOverride,
                                                          SituationError* error,
                                                          std::vector<std::string>* warnings = nullptr,
                                                          std::optional<CivilDate> today = std::nullopt);

// Back to passerelle.situation/1 (only known facts and meaningful nulls are written).
[[nodiscard]] nlohmann::ordered_json situationToJson(const Situation& situation);

// The facts as the rules see them: completed_college follows grade when not given, staff_status is
// null for a pupil or student (situation-v1, "Reading the facts").
[[nodiscard]] std::array<FactValue, kFactCount> resolvedFacts(const Situation& situation);

} // namespace passerelle
