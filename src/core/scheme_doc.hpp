// Markdown documentation generated from the loaded rule packs (`passerelle rules doc`, docs/schemes/).
#pragma once

#include "core/rule_pack.hpp"

#include <string>
#include <vector>

namespace passerelle {

// One page per scheme ("paca-2026--recherche.md") plus "README.md", an index; deterministic output
// (no generation date) so the committed pages can be compared byte for byte.
[[nodiscard]] std::vector<RuleFile> schemeDocs(const RuleSet& rules);

// The page name of a scheme: its id with "/" replaced by "--", then ".md".
[[nodiscard]] std::string schemeDocName(const std::string& schemeId);

// A condition in words for maintainers ("âge de 16 à 29 ans et `person.rqth` = oui").
[[nodiscard]] std::string describeCondition(const RuleSet& rules, std::uint32_t node);

} // namespace passerelle
