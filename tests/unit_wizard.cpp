// The wizard's logic: question order against the engine, simulated runs over the golden cases, date entry, summary.
#include "core/json_strict.hpp"
#include "core/rules.hpp"
#include "core/wizard.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace passerelle;

namespace {

const RuleSet& wizardRules() {
    static const RuleSet rules = [] {
        std::vector<RuleError> errors;
        auto set = RuleSet::fromDirectory(PASSERELLE_SOURCE_DIR "/assets/rules", &errors);
        REQUIRE(set);
        return *set;
    }();
    return rules;
}

Situation situationOf(const std::string& text) {
    SituationError err;
    auto s = parseSituation(text, std::nullopt, &err);
    REQUIRE_MESSAGE(s, err.message);
    return *s;
}

// Every golden situation that parses, with its case name.
std::vector<std::pair<std::string, Situation>> goldenSituations() {
    std::vector<std::pair<std::string, Situation>> out;
    for (const auto& entry : std::filesystem::directory_iterator(PASSERELLE_SOURCE_DIR "/tests/cases")) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        JsonError err;
        auto doc = parseStrict(text.str(), &err);
        REQUIRE(doc);
        for (const auto& c : (*doc)["cases"]) {
            if (!c.contains("situation")) continue;
            std::optional<CivilDate> on;
            if (c.contains("on")) on = parseIsoDate(c["on"].template get<std::string>());
            SituationError serr;
            auto s = parseSituationJson(c["situation"], on, &serr, nullptr, CivilDate{2026, 5, 4});
            if (s) out.emplace_back(c["name"].template get<std::string>(), *s);
        }
    }
    return out;
}

const std::string kFourteen = R"({"format": "passerelle.situation/1", "on": "2026-05-04", "requester": "eleve",
  "person": {"birth_date": "2011-10-01", "grade": "3e", "departement": "13", "wants_apprenticeship": true}})";

} // namespace

TEST_SUITE("wizard") {
    TEST_CASE("the first question is the most decisive fact of the engine") {
        Situation empty;
        empty.on = CivilDate{2026, 5, 4};
        const Verdicts v = evaluate(wizardRules(), empty);
        const auto ranked = rankedQuestions(v, FactMask{});
        REQUIRE(!ranked.empty());
        // No fact is in more incomplete schemes' `missing` than the first one.
        auto count = [&](FactId f) {
            int n = 0;
            for (const auto& r : v.results)
                if (r.status == Status::Incomplete && std::find(r.missing.begin(), r.missing.end(), f) != r.missing.end()) ++n;
            return n;
        };
        for (FactId f : ranked) CHECK(count(f) <= count(ranked.front()));
        CHECK(nextQuestion(wizardRules(), empty, FactMask{}) == ranked.front());
        // « Je ne sais pas » removes it from the questions.
        FactMask skipped{};
        skipped[static_cast<std::size_t>(ranked.front())] = true;
        const auto next = nextQuestion(wizardRules(), empty, skipped);
        REQUIRE(next);
        CHECK(*next != ranked.front());
    }

    TEST_CASE("a 14-year-old in 3e reaches the « entrée à 15 ans » verdict: oui, filed by the collège") {
        const Situation truth = situationOf(kFourteen);
        const WizardRun run = simulateWizard(wizardRules(), truth);
        CHECK(!nextQuestion(wizardRules(), run.reached, run.skipped));
        const Verdicts v = evaluate(wizardRules(), run.reached);
        const SchemeVerdict* s = v.find("paca-2026/securisation-entree-15-ans");
        REQUIRE(s);
        CHECK(s->status == Status::Eligible);
        REQUIRE(s->filing);
        CHECK(std::find(s->filing->allowedFilers.begin(), s->filing->allowedFilers.end(), Role::College) !=
              s->filing->allowedFilers.end());
        // Everything the wizard asked was needed: fewer questions than facts.
        CHECK(run.asked.size() < kFactCount);
        CHECK(std::find(run.asked.begin(), run.asked.end(), FactId::BirthDate) != run.asked.end());
    }

    TEST_CASE("over every golden case, the wizard's verdicts agree with the full situation's") {
        const auto cases = goldenSituations();
        REQUIRE(cases.size() > 20);
        for (const auto& entry : cases) {
            // No structured binding: clang 14 cannot capture one in CAPTURE's lambda.
            const std::string& name = entry.first;
            const Situation& truth = entry.second;
            CAPTURE(name);
            const WizardRun run = simulateWizard(wizardRules(), truth);
            const Verdicts full = evaluate(wizardRules(), truth);
            const Verdicts reached = evaluate(wizardRules(), run.reached);
            for (std::size_t i = 0; i < full.results.size(); ++i) {
                CAPTURE(full.results[i].scheme);
                // Decided by the wizard → decided the same way with everything known.
                if (reached.results[i].status != Status::Incomplete) CHECK(reached.results[i].status == full.results[i].status);
                // Still incomplete → only because of facts the person did not know.
                for (FactId f : reached.results[i].missing) CHECK(run.skipped[static_cast<std::size_t>(f)]);
            }
            // Never the same question twice.
            std::vector<FactId> sorted = run.asked;
            std::sort(sorted.begin(), sorted.end());
            CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
        }
    }

    TEST_CASE("dates typed as JJ/MM/AAAA, with French messages") {
        std::string err;
        CHECK(parseFrenchDateInput("01/10/2011", &err) == CivilDate{2011, 10, 1});
        CHECK(parseFrenchDateInput("1/10/2011", &err) == CivilDate{2011, 10, 1});
        CHECK(parseFrenchDateInput(" 29.02.2012 ", &err) == CivilDate{2012, 2, 29});
        CHECK(!parseFrenchDateInput("29/02/2011", &err));
        CHECK(err.find("n’a que 28 jours") != std::string::npos);
        CHECK(!parseFrenchDateInput("01/13/2011", &err));
        CHECK(err.find("mois") != std::string::npos);
        CHECK(!parseFrenchDateInput("2011-10-01", &err));
        CHECK(!parseFrenchDateInput("01/10/11", &err));
        CHECK(err.find("AAAA") != std::string::npos);
        CHECK(!parseFrenchDateInput("le 1er", &err));
        CHECK(!parseFrenchDateInput("", &err));
        CHECK(formatFrenchDateInput({2011, 10, 1}) == "01/10/2011");
    }

    TEST_CASE("départements typed as their number") {
        CHECK(matchDepartement("13") == std::optional<std::string>("13"));
        CHECK(matchDepartement("6") == std::optional<std::string>("06"));
        CHECK(matchDepartement("2a") == std::optional<std::string>("2A"));
        CHECK(matchDepartement("971") == std::optional<std::string>("971"));
        CHECK(!matchDepartement("20"));
        CHECK(!matchDepartement("Marseille"));
    }

    TEST_CASE("answers and verdicts in words; results with closed windows last") {
        const Situation s = situationOf(kFourteen);
        CHECK(answerText(wizardRules(), s, FactId::BirthDate, false) == "1er octobre 2011");
        CHECK(answerText(wizardRules(), s, FactId::Grade, false) == "Troisième");
        CHECK(answerText(wizardRules(), s, FactId::WantsApprenticeship, false) == "Oui");
        CHECK(answerText(wizardRules(), s, FactId::HasEmployer, true) == "Je ne sais pas");
        CHECK(verdictWords(Status::Incomplete) == "Il manque une information");
        const Verdicts v = evaluate(wizardRules(), s);
        const auto order = resultOrder(v);
        REQUIRE(order.size() == v.results.size());
        bool seenClosed = false;
        for (std::size_t i : order) {
            const bool closed = v.results[i].window.status == WindowStatus::Closed;
            CHECK(!(seenClosed && !closed));
            seenClosed = seenClosed || closed;
        }
    }

    TEST_CASE("the summary file holds the answers, every verdict and its sources") {
        const Situation s = situationOf(kFourteen);
        const WizardRun run = simulateWizard(wizardRules(), s);
        const Verdicts v = evaluate(wizardRules(), run.reached);
        const std::string text = summaryText(wizardRules(), run.reached, run.skipped, run.asked, v);
        CHECK(text.find("Vérifié comme au 4 mai 2026") != std::string::npos);
        CHECK(text.find("1er octobre 2011") != std::string::npos);
        for (const auto& scheme : wizardRules().schemes()) CHECK(text.find("## " + scheme.title) != std::string::npos);
        CHECK(text.find("Réponse : Oui") != std::string::npos);
        CHECK(text.find("sources : ") != std::string::npos);
        CHECK(text.find("à jour au") != std::string::npos);
        // A pack used after its end date is announced.
        Situation later = run.reached;
        later.on = CivilDate{2031, 1, 1};
        const Verdicts lv = evaluate(wizardRules(), later);
        if (!expiredPacks(wizardRules(), *later.on).empty())
            CHECK(summaryText(wizardRules(), later, run.skipped, run.asked, lv).find("ne sont plus valables") != std::string::npos);
    }
}
