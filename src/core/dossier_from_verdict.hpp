// From verdicts to dossiers: who may get one, creating it prefilled, and checking a whole class list against the rules.
#pragma once

#include "core/class_list.hpp"
#include "core/dossier.hpp"
#include "core/rules.hpp"

#include <optional>
#include <string>
#include <vector>

namespace passerelle::dossiers {

// Why no dossier may be created from this verdict ("" when one may): not eligible (with the reasons),
// incomplete (listing the missing facts), nothing to file, or the requester is not an allowed filer.
[[nodiscard]] std::string dossierRefusal(const SchemeVerdict& verdict, std::optional<Role> requester);

// The situation document a dossier keeps: the parsed situation, with its reference date written in.
[[nodiscard]] Json situationForDossier(const Situation& situation);

// Creates the dossier of `verdict.scheme` when dossierRefusal() allows it; else nullopt and *why.
[[nodiscard]] std::optional<Dossier> createDossierFromVerdict(const DossierDefs& defs, const Situation& situation,
                                                              const SchemeVerdict& verdict, const CreateOptions& options,
                                                              std::string* why);

struct CheckedRow {
    std::size_t line = 0;
    std::string name;
    std::string error;                 // the row's problem (French), or empty
    std::optional<Situation> situation;
    std::optional<Verdicts> verdicts;  // every scheme, when no error
    const PupilRow* row = nullptr;     // into the ClassList given to checkClassList
};
// Every pupil against every scheme; the reference date is the list's (each row's "on").
[[nodiscard]] std::vector<CheckedRow> checkClassList(const RuleSet& rules, const ClassList& list);
// The `passerelle classlist` output: [{"line", "name", "verdicts"} | {"line", "error"}], file order.
[[nodiscard]] nlohmann::ordered_json checkedRowsToJson(const std::vector<CheckedRow>& rows);
// Dossiers for the chosen rows and scheme, prefilled from the row (name, birth date) and the profile.
// Rows that may not have one are listed in *refused as « ligne N : raison ».
[[nodiscard]] std::vector<Dossier> createClassListDossiers(const DossierDefs& defs, const std::vector<CheckedRow>& rows,
                                                           const std::vector<std::size_t>& chosenLines, const std::string& scheme,
                                                           const ClassListProfile& profile, const std::string& role,
                                                           std::vector<std::string>* refused);

} // namespace passerelle::dossiers
