// Retention of establishment dossiers: when each one's campaign ends, until when it is kept, which are past it.
#pragma once

#include "core/civil_date.hpp"
#include "core/dossier_store.hpp"
#include "core/rule_pack.hpp"

#include <string>
#include <vector>

namespace passerelle::dossiers {

struct Retention {
    CivilDate campaignEnd;
    CivilDate until;   // campaignEnd + the establishment's delay: the dossier is kept through this day
    std::string basis; // French: where campaignEnd comes from
};

// The campaign end is, in this order: the dossier's own "campaign_end" (docs/dossier-format.md); the end of
// the scheme's window (rule pack) that holds the dossier's creation date, or else the first one ending
// after it; else the end of the school year the dossier was created in (31 August).
[[nodiscard]] Retention retentionOf(const Dossier& d, const RuleSet* rules, int delayMonths);

struct ExpiredDossier {
    std::string id;
    std::string name;  // the person's « Prénom Nom » from the first section that has them, else the title
    std::string title;
    std::string scheme;
    Retention retention;
};
// Dossiers whose retention ended before `today`, oldest end first (opens every pack).
[[nodiscard]] std::vector<ExpiredDossier> expiredDossiers(const DossierStore& store, const RuleSet* rules, int delayMonths,
                                                          CivilDate today);

} // namespace passerelle::dossiers
