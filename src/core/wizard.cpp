// The self-check wizard's logic: question order from the engine's verdicts, French date entry, the summary file.
//
// [SECTION] Question order
// [SECTION] Typed answers
// [SECTION] Words for answers and verdicts
// [SECTION] Summary file
#include "core/wizard.hpp"

#include <algorithm>
#include <cctype>

namespace passerelle {

// -----------------------------------------------------------------------------
// [SECTION] Question order
// -----------------------------------------------------------------------------
std::vector<FactId> rankedQuestions(const Verdicts& verdicts, const FactMask& skipped) {
    std::array<int, kFactCount> weight{};
    for (const auto& r : verdicts.results) {
        if (r.status != Status::Incomplete) continue;
        for (FactId f : r.missing) ++weight[static_cast<std::size_t>(f)];
    }
    std::vector<FactId> out;
    for (std::size_t f = 0; f < kFactCount; ++f)
        if (weight[f] > 0 && !skipped[f]) out.push_back(static_cast<FactId>(f));
    // stable_sort keeps the field order for ties, as the contract says.
    std::stable_sort(out.begin(), out.end(), [&](FactId a, FactId b) {
        return weight[static_cast<std::size_t>(a)] > weight[static_cast<std::size_t>(b)];
    });
    return out;
}

std::optional<FactId> nextQuestion(const RuleSet& rules, const Situation& situation, const FactMask& skipped) {
    const auto ranked = rankedQuestions(evaluate(rules, situation), skipped);
    if (ranked.empty()) return std::nullopt;
    return ranked.front();
}

WizardRun simulateWizard(const RuleSet& rules, const Situation& truth) {
    WizardRun run;
    run.reached.on = truth.on;
    run.reached.requester = truth.requester;
    // Each answer makes one fact known or skipped, so there are at most kFactCount questions.
    while (run.asked.size() < kFactCount) {
        const auto next = nextQuestion(rules, run.reached, run.skipped);
        if (!next) break;
        run.asked.push_back(*next);
        const FactValue& v = truth.fact(*next);
        if (v.known())
            run.reached.fact(*next) = v;
        else
            run.skipped[static_cast<std::size_t>(*next)] = true;
    }
    return run;
}

// -----------------------------------------------------------------------------
// [SECTION] Typed answers
// -----------------------------------------------------------------------------
std::optional<CivilDate> parseFrenchDateInput(std::string_view text, std::string* error) {
    auto fail = [&](std::string message) -> std::optional<CivilDate> {
        if (error) *error = std::move(message);
        return std::nullopt;
    };
    std::vector<std::string> parts(1);
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            parts.back().push_back(c);
        } else if (c == '/' || c == '-' || c == '.' || c == ' ') {
            if (!parts.back().empty()) parts.emplace_back();
        } else {
            return fail("Écris la date avec des chiffres, sous la forme JJ/MM/AAAA (par exemple 01/10/2011).");
        }
    }
    if (!parts.empty() && parts.back().empty()) parts.pop_back();
    if (parts.empty()) return fail("Écris une date, sous la forme JJ/MM/AAAA.");
    if (parts.size() != 3 || parts[0].size() > 2 || parts[1].size() > 2 || parts[2].size() != 4)
        return fail("La date doit avoir la forme JJ/MM/AAAA : jour, mois, puis l’année en 4 chiffres.");
    const int d = std::stoi(parts[0]);
    const int m = std::stoi(parts[1]);
    const int y = std::stoi(parts[2]);
    if (m < 1 || m > 12) return fail("Le mois doit être entre 01 et 12.");
    if (y < 1900 || y > 2100) return fail("L’année doit être entre 1900 et 2100.");
    if (!isValidDate(y, m, d))
        return fail("Cette date n’existe pas : le mois n’a que " + std::to_string(daysInMonth(y, m)) + " jours.");
    return CivilDate{y, m, d};
}

std::string formatFrenchDateInput(CivilDate date) {
    auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    return two(date.day) + "/" + two(date.month) + "/" + std::to_string(date.year);
}

std::optional<std::string> matchDepartement(std::string_view text) {
    std::string t;
    for (char c : text)
        if (c != ' ') t.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (t.size() == 1 && t[0] >= '1' && t[0] <= '9') t.insert(t.begin(), '0');
    if (choiceIndex(FactId::Departement, t) < 0) return std::nullopt;
    return t;
}

// -----------------------------------------------------------------------------
// [SECTION] Words for answers and verdicts
// -----------------------------------------------------------------------------
std::string answerText(const RuleSet& rules, const Situation& situation, FactId fact, bool skipped) {
    const FactValue& v = situation.fact(fact);
    if (!v.known()) return skipped ? "Je ne sais pas" : "Pas demandé";
    const FactSpec& spec = factSpec(fact);
    if (v.state == FactValue::State::None) return spec.type == FactType::Date ? "Jamais" : "Aucun";
    switch (spec.type) {
    case FactType::Boolean: return v.value ? "Oui" : "Non";
    case FactType::Date: return formatFrenchDate(civilFromDays(v.value));
    case FactType::Choice: return rules.choiceLabel(fact, spec.choices[static_cast<std::size_t>(v.value)]);
    case FactType::ChoiceSet: {
        std::string out;
        for (std::size_t i = 0; i < spec.choices.size(); ++i) {
            if (!(v.value & (std::int64_t{1} << i))) continue;
            if (!out.empty()) out += ", ";
            out += rules.choiceLabel(fact, spec.choices[i]);
        }
        return out.empty() ? "Aucun" : out;
    }
    }
    return {};
}

std::string_view verdictWords(Status status) {
    switch (status) {
    case Status::Eligible: return "Oui";
    case Status::NotEligible: return "Non";
    case Status::Incomplete: return "Il manque une information";
    }
    return {};
}

std::vector<std::size_t> resultOrder(const Verdicts& verdicts) {
    std::vector<std::size_t> order(verdicts.results.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_partition(order.begin(), order.end(), [&](std::size_t i) {
        return verdicts.results[i].window.status != WindowStatus::Closed;
    });
    return order;
}

std::vector<std::size_t> expiredPacks(const RuleSet& rules, CivilDate on) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < rules.packs().size(); ++i) {
        const auto& to = rules.packs()[i].validTo;
        if (to && *to < on) out.push_back(i);
    }
    return out;
}

// -----------------------------------------------------------------------------
// [SECTION] Summary file
// -----------------------------------------------------------------------------
namespace {

std::string windowText(const WindowVerdict& w) {
    std::string range;
    if (w.from && w.to)
        range = "du " + formatFrenchDate(*w.from) + " au " + formatFrenchDate(*w.to);
    else if (w.from)
        range = "à partir du " + formatFrenchDate(*w.from);
    else if (w.to)
        range = "jusqu’au " + formatFrenchDate(*w.to);
    switch (w.status) {
    case WindowStatus::Open: return range.empty() ? "ouvert toute l’année" : "ouvert " + range;
    case WindowStatus::NotYetOpen: return "pas encore ouvert : " + range;
    case WindowStatus::Closed: return "fermé (c’était " + range + ")";
    }
    return range;
}

std::string joinRefs(const RefList& refs) {
    std::string out;
    for (const auto& r : refs) {
        if (!out.empty()) out += " ; ";
        out += r;
    }
    return out;
}

} // namespace

std::string summaryText(const RuleSet& rules, const Situation& situation, const FactMask& skipped,
                        const std::vector<FactId>& asked, const Verdicts& verdicts) {
    std::string s;
    s += "PASSERELLE — MES DROITS : RÉSUMÉ\n";
    s += "================================\n\n";
    s += "Vérifié comme au " + formatFrenchDate(verdicts.on) + ".\n";
    s += "Règles utilisées : " + verdicts.rules + "\n\n";
    for (std::size_t i : expiredPacks(rules, verdicts.on)) {
        const auto& p = rules.packs()[i];
        s += "ATTENTION : les règles « " + p.title + " » ne sont plus valables depuis le " +
             formatFrenchDate(*p.validTo) + ". Vérifie auprès de ton établissement.\n\n";
    }
    s += "MES RÉPONSES\n------------\n";
    if (situation.requester) s += "- " + rules.requesterQuestion() + " " + rules.roleLabel(*situation.requester) + "\n";
    for (FactId f : asked)
        s += "- " + rules.fact(f).question + " " + answerText(rules, situation, f, skipped[static_cast<std::size_t>(f)]) + "\n";
    s += "\nMES RÉSULTATS\n-------------\n";
    for (std::size_t i : resultOrder(verdicts)) {
        const SchemeVerdict& v = verdicts.results[i];
        const Scheme& scheme = rules.schemes()[i];
        s += "\n## " + scheme.title + "\n";
        s += "Réponse : " + std::string(verdictWords(v.status)) + "\n";
        s += "Pourquoi :\n";
        for (const auto& r : v.reasons) {
            s += "  - " + r.text + "\n";
            if (!r.refs.empty()) s += "    (sources : " + joinRefs(r.refs) + ")\n";
        }
        if (v.status == Status::Incomplete && !v.missing.empty()) {
            s += "Il manque :\n";
            for (FactId f : v.missing) s += "  - " + rules.fact(f).question + "\n";
        }
        if (v.filing) {
            std::string filers;
            for (Role r : v.filing->allowedFilers) {
                if (!filers.empty()) filers += ", ";
                filers += rules.roleLabel(r);
            }
            if (!filers.empty()) s += "Qui dépose la demande : " + filers + "\n";
            if (v.filing->requesterMayFile)
                s += *v.filing->requesterMayFile ? "Tu peux la déposer toi-même.\n"
                                                 : "Ce n’est pas toi (ni qui remplit) qui la dépose.\n";
            if (v.filing->instructor) s += "À qui : " + *v.filing->instructor + "\n";
            s += "Quand : " + windowText(v.window) + "\n";
        }
        if (!v.documents.empty()) {
            s += "Documents à préparer :\n";
            for (const auto& d : v.documents) s += "  - " + d.label + "\n";
        }
        if (v.contact) s += "Contact : " + v.contact->label + " — " + v.contact->email + "\n";
        const RulePack& pack = rules.packOf(scheme);
        s += "Règles « " + pack.title + " », à jour au " + formatFrenchDate(pack.upToDate) + ".\n";
    }
    s += "\nCe résumé ne remplace pas une décision officielle : il dit ce que les textes cités prévoient "
         "pour les réponses données.\n";
    return s;
}

} // namespace passerelle
