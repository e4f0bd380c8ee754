// Evaluates a situation against a rule set: three-valued conditions, missing facts, reasons, filing, windows.
#pragma once

#include "core/rule_pack.hpp"
#include "core/situation.hpp"
#include "core/verdicts.hpp"

#include <cstddef>

namespace passerelle {

// Every scheme of `rules`, in order. `situation.on` must be set (parseSituation does it); when it is
// not, today in Paris is used.
[[nodiscard]] Verdicts evaluate(const RuleSet& rules, const Situation& situation);

// One scheme, by index in rules.schemes(). `missing` is ordered by this scheme alone (the full
// evaluate() orders it across all schemes, as the contract says).
[[nodiscard]] SchemeVerdict evaluateScheme(const RuleSet& rules, const Situation& situation, std::size_t scheme);

// Status only, no texts: what a wizard needs to re-rank questions after each answer.
[[nodiscard]] Status evaluateStatus(const RuleSet& rules, const Situation& situation, std::size_t scheme);

} // namespace passerelle
