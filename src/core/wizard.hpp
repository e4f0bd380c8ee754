// The self-check wizard's logic, shared by the browser app and bench/wizard: next question, date entry, summary.
#pragma once

#include "core/civil_date.hpp"
#include "core/rule_engine.hpp"
#include "core/rule_pack.hpp"
#include "core/situation.hpp"
#include "core/verdicts.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

// Facts the person answered « Je ne sais pas » to: they stay unknown and are not asked again.
using FactMask = std::array<bool, kFactCount>;

// The unknown facts still needed, most decisive first, as the contract orders `missing`: a fact in
// the `missing` of more incomplete schemes comes first, ties in the situation's field order.
// Facts in `skipped` are left out.
[[nodiscard]] std::vector<FactId> rankedQuestions(const Verdicts& verdicts, const FactMask& skipped);

// The question to ask now (re-evaluates `situation`), or nullopt when no scheme is incomplete or
// everything still missing was answered « Je ne sais pas ».
[[nodiscard]] std::optional<FactId> nextQuestion(const RuleSet& rules, const Situation& situation,
                                                 const FactMask& skipped);

// Plays the wizard against a person whose facts are `truth` (same reference date and requester):
// each question asked is answered from `truth`, or « Je ne sais pas » when `truth` does not know.
struct WizardRun {
    std::vector<FactId> asked; // in the order asked
    Situation reached;         // what the wizard knew at the end
    FactMask skipped{};
};
[[nodiscard]] WizardRun simulateWizard(const RuleSet& rules, const Situation& truth);

// A date typed by a person: JJ/MM/AAAA (1 or 2 digits for day and month; / - . or spaces between).
// Bad input → nullopt and a one-line French message in `error`.
[[nodiscard]] std::optional<CivilDate> parseFrenchDateInput(std::string_view text, std::string* error);
[[nodiscard]] std::string formatFrenchDateInput(CivilDate date); // "01/10/2011"

// A département typed as its number ("13", "2A", "971", "6" → "06"): the choice value, or nullopt.
[[nodiscard]] std::optional<std::string> matchDepartement(std::string_view text);

// The answer given to a fact in plain French (« Oui », « 1er octobre 2011 », « Troisième »,
// « Jamais », « Je ne sais pas »), for the summary screen and the downloaded file.
[[nodiscard]] std::string answerText(const RuleSet& rules, const Situation& situation, FactId fact, bool skipped);

// « Oui », « Non », « Il manque une information ».
[[nodiscard]] std::string_view verdictWords(Status status);
// Order to show results in: open and not-yet-open windows first, closed windows last (stable).
[[nodiscard]] std::vector<std::size_t> resultOrder(const Verdicts& verdicts);
// The packs whose validity ended before the reference date (indices in rules.packs()).
[[nodiscard]] std::vector<std::size_t> expiredPacks(const RuleSet& rules, CivilDate on);

// The downloadable summary: plain UTF-8 text, readable in any editor, French throughout.
[[nodiscard]] std::string summaryText(const RuleSet& rules, const Situation& situation, const FactMask& skipped,
                                      const std::vector<FactId>& asked, const Verdicts& verdicts);

} // namespace passerelle
