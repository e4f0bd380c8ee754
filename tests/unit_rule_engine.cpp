// Unit tests for the engine on a made-up pack: Kleene logic, missing order, windows, "what would change", filers, JSON.
#include "core/rules.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace passerelle;

namespace {
std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The engine knows no scheme by name: this pack is unknown to it, and must work like the real ones.
const char* kPack = R"({"format":"passerelle.rules/1","id":"essai","version":"7","title":"Essai","valid_from":"2026-01-01","valid_to":"2026-12-31",
 "up_to_date":"2026-11-23","sources":[{"id":"Loi","title":"Une loi"}],
 "schemes":[
  {"id":"essai/age","title":"Âge","description":"D","refs":["Loi"],"filing":null,
   "conditions":[{"id":"age","refs":["Loi art. 1"],"fact":"person.birth_date","age":{"min":16},"if_true":"Tu as {age} ans.","if_false":"Trop jeune : {age} ans."}],
   "windows":[{"from":"2026-01-01","to":"2026-01-31"},{"from":"2026-03-01","to":null}],
   "later":"Possible dès le {date}{occasion}."},
  {"id":"essai/logique","title":"Logique","description":"D","refs":["Loi"],"filing":null,
   "conditions":[{"id":"l","refs":["Loi art. 2"],"any":[
       {"fact":"person.rqth","is":true,"if_true":"RQTH."},
       {"all":[{"fact":"person.wants_apprenticeship","is":true},{"not":{"fact":"person.has_employer","is":true}}],"if_true":"Veut, sans employeur."}],
     "if_false":"Ni l'un ni l'autre."},
    {"id":"d","refs":["Loi art. 3"],"fact":"person.departement","in":["13","2A"],"if_true":"Département {value:person.departement}.","if_false":"Autre département."}]},
  {"id":"essai/depot","title":"Dépôt","description":"D","refs":["Loi"],
   "conditions":[{"id":"w","refs":["Loi art. 4"],"fact":"person.wants_apprenticeship","is":true,"if_true":"Oui.","if_false":"Non."}],
   "notes":[{"text":"Toujours dit.","refs":["Loi"],"show":"always"},{"text":"Seulement si non.","refs":["Loi"],"show":"if_not_eligible"},
            {"when":{"fact":"person.grade","is":"3e"},"text":"En {label:person.grade}.","refs":["Loi"]}],
   "filing":{"instructor":"X","reason":"Dépôt en ligne.","refs":["Loi art. 5"],
     "filers":[{"role":"eleve"},{"role":"lycee","when":{"fact":"person.school_sector","in":["public"]},"refusal":"Hors contrat : pas le lycée."}],
     "refusals":[{"role":"cfa","text":"Pas le CFA.","refs":["Loi art. 6"]}],"default_refusal":"Autre."},
   "documents":[{"id":"cv","label":"CV"}],
   "contacts":{"13":{"label":"Treize","email":"treize@exemple.fr"}},"contact":{"label":"Partout","email":"partout@exemple.fr"}},
  {"id":"essai/delai","title":"Délai","description":"D","refs":["Loi"],"filing":null,
   "conditions":[{"id":"r","refs":["Loi art. 7"],"not":{"fact":"person.contract_broken_on","within_months":6},
     "if_true":"Pas de rupture récente.","if_false":"Rupture récente : attendre après le {date:person.contract_broken_on+6m}."}],
   "later":"Possible dès le {date}{occasion}."}
 ]})";

const RuleSet& testRules() {
    static const RuleSet rules = [] {
        std::vector<RuleError> errors;
        auto set = RuleSet::fromFiles({{"facts.json", readFile(PASSERELLE_SOURCE_DIR "/assets/rules/facts.json")}, {"essai.json", kPack}}, &errors);
        for (const auto& e : errors)
            MESSAGE(e.text());
        REQUIRE(set);
        return *set;
    }();
    return rules;
}

Verdicts run(const std::string& situation) {
    SituationError error;
    const auto s = parseSituation(situation, std::nullopt, &error, nullptr, CivilDate{2026, 5, 4});
    INFO(error.message);
    REQUIRE(s);
    return evaluate(testRules(), *s);
}

bool says(const SchemeVerdict& v, const std::string& needle) {
    for (const auto& r : v.reasons)
        if (r.text.find(needle) != std::string::npos)
            return true;
    return false;
}
} // namespace

TEST_SUITE("rule_engine") {
TEST_CASE("three-valued logic: one decisive false wins over unknowns") {
    // any(U, all(U, not U)) = U and departement unknown → incomplete.
    auto v = run(R"({"person":{}})");
    const auto* logic = v.find("essai/logique");
    REQUIRE(logic);
    CHECK(logic->status == Status::Incomplete);
    // A false on the département decides, whatever else is unknown.
    logic = (v = run(R"({"person":{"departement":"75"}})")).find("essai/logique");
    CHECK(logic->status == Status::NotEligible);
    CHECK(logic->missing.empty());
    CHECK(says(*logic, "Autre département."));
    // any: one true branch is enough, the unknown one is not asked.
    logic = (v = run(R"({"person":{"rqth":true,"departement":"2A"}})")).find("essai/logique");
    CHECK(logic->status == Status::Eligible);
    CHECK(says(*logic, "RQTH."));
    CHECK(says(*logic, "Département 2A."));
    // not(U) stays unknown; the branch that is still open is the only one asked.
    logic = (v = run(R"({"person":{"rqth":false,"wants_apprenticeship":true,"departement":"13"}})")).find("essai/logique");
    CHECK(logic->status == Status::Incomplete);
    REQUIRE(logic->missing.size() == 1);
    CHECK(logic->missing[0] == FactId::HasEmployer);
    logic = (v = run(R"({"person":{"rqth":false,"wants_apprenticeship":true,"has_employer":false,"departement":"13"}})")).find("essai/logique");
    CHECK(logic->status == Status::Eligible);
    CHECK(says(*logic, "Veut, sans employeur."));
    logic = (v = run(R"({"person":{"rqth":false,"wants_apprenticeship":true,"has_employer":true,"departement":"13"}})")).find("essai/logique");
    CHECK(logic->status == Status::NotEligible);
    CHECK(says(*logic, "Ni l'un ni l'autre."));
}

TEST_CASE("missing: the fact that settles the most undecided schemes first, then the spec's order") {
    const auto v = run(R"({"person":{}})");
    // wants_apprenticeship is in essai/logique and essai/depot; rqth, has_employer, departement in one each.
    const auto* logic = v.find("essai/logique");
    REQUIRE(logic->missing.size() == 4);
    CHECK(logic->missing[0] == FactId::WantsApprenticeship);
    CHECK(logic->missing[1] == FactId::Departement); // tie at 1: departement comes before has_employer and rqth in the spec
    CHECK(logic->missing[2] == FactId::HasEmployer);
    CHECK(logic->missing[3] == FactId::Rqth);
    CHECK(says(*logic, "il faut encore répondre à"));
    // A fact used only by a filer or a note is never missing.
    const auto* depot = v.find("essai/depot");
    REQUIRE(depot->missing.size() == 1);
    CHECK(depot->missing[0] == FactId::WantsApprenticeship);
}

TEST_CASE("windows: inclusive ranges, next range, last range, open end") {
    auto window = [](const char* on) { return run(std::string(R"({"on":")") + on + R"(","person":{}})").find("essai/age")->window; };
    CHECK(window("2025-12-31").status == WindowStatus::NotYetOpen);
    CHECK(window("2026-01-01").status == WindowStatus::Open);
    CHECK(window("2026-01-31").status == WindowStatus::Open);
    const auto between = window("2026-02-01");
    CHECK(between.status == WindowStatus::NotYetOpen);
    CHECK(between.from == CivilDate{2026, 3, 1});
    CHECK_FALSE(between.to);
    CHECK(window("2030-06-01").status == WindowStatus::Open);
    const auto always = run(R"({"person":{}})").find("essai/logique")->window;
    CHECK(always.status == WindowStatus::Open);
    CHECK_FALSE(always.from);
    CHECK_FALSE(always.to);
}

TEST_CASE("what would change a non: the birthday, within the pack's validity") {
    auto v = run(R"({"on":"2026-05-04","person":{"birth_date":"2010-05-05"}})");
    const auto* age = v.find("essai/age");
    CHECK(age->status == Status::NotEligible);
    CHECK(says(*age, "Trop jeune : 15 ans."));
    CHECK(says(*age, "Possible dès le 5 mai 2026, jour de tes 16 ans."));
    // 16 only in 2027: after valid_to, nothing is promised.
    age = (v = run(R"({"on":"2026-05-04","person":{"birth_date":"2011-01-10"}})")).find("essai/age");
    CHECK(age->status == Status::NotEligible);
    CHECK_FALSE(says(*age, "Possible dès"));
    // A delay that ends: the day after the 6 months, clamped.
    const auto* delai = (v = run(R"({"on":"2026-01-10","person":{"contract_broken_on":"2025-08-31"}})")).find("essai/delai");
    CHECK(delai->status == Status::NotEligible);
    CHECK(says(*delai, "attendre après le 28 février 2026"));
    CHECK(says(*delai, "Possible dès le 1er mars 2026."));
}

TEST_CASE("filing: allowed filers, conditional filers and refusals") {
    auto depot = [](const char* requester, const char* person) {
        std::string s = std::string("{") + (requester ? std::string(R"("requester":")") + requester + "\"," : "") + R"("person":)" + person + "}";
        return *run(s).find("essai/depot");
    };
    auto v = depot("lycee", R"({"wants_apprenticeship":true,"school_sector":"public","departement":"13"})");
    REQUIRE(v.filing);
    CHECK(v.filing->requesterMayFile == true);
    CHECK(v.filing->allowedFilers == std::vector<Role>{Role::Eleve, Role::Lycee});
    CHECK(v.filing->instructor == "X");
    CHECK(says(v, "Dépôt en ligne."));
    CHECK(v.contact->email == "treize@exemple.fr");
    v = depot("lycee", R"({"wants_apprenticeship":true,"departement":"84"})");
    CHECK_FALSE(v.filing->requesterMayFile.has_value());
    CHECK(v.contact->email == "partout@exemple.fr");
    v = depot("lycee", R"({"wants_apprenticeship":true,"school_sector":"prive_hors_contrat"})");
    CHECK(v.filing->requesterMayFile == false);
    CHECK(v.filing->allowedFilers == std::vector<Role>{Role::Eleve});
    CHECK(says(v, "Hors contrat : pas le lycée."));
    CHECK_FALSE(says(v, "Dépôt en ligne."));
    v = depot("cfa", R"({"wants_apprenticeship":true})");
    CHECK(v.filing->requesterMayFile == false);
    CHECK(says(v, "Pas le CFA."));
    CHECK(v.reasons.back().refs == std::vector<std::string>{"Loi"}); // notes come after the refusal
    v = depot("famille", R"({"wants_apprenticeship":true})");
    CHECK(says(v, "Autre."));
    v = depot(nullptr, R"({"wants_apprenticeship":true})");
    CHECK_FALSE(v.filing->requesterMayFile.has_value());
    // A not_eligible verdict keeps its filing facts but does not speak of filing.
    v = depot("cfa", R"({"wants_apprenticeship":false})");
    CHECK(v.status == Status::NotEligible);
    CHECK(v.filing->requesterMayFile == false);
    CHECK_FALSE(says(v, "Pas le CFA."));
}

TEST_CASE("notes: shown by status and condition, with labels from facts.json") {
    auto v = *run(R"({"person":{"wants_apprenticeship":true,"grade":"3e"}})").find("essai/depot");
    CHECK(says(v, "Toujours dit."));
    CHECK_FALSE(says(v, "Seulement si non."));
    CHECK(says(v, "En Troisième."));
    v = *run(R"({"person":{"wants_apprenticeship":false,"grade":"3e"}})").find("essai/depot");
    CHECK(says(v, "Toujours dit."));
    CHECK(says(v, "Seulement si non."));
    CHECK_FALSE(says(v, "En Troisième."));
}

TEST_CASE("evaluateStatus and evaluateScheme agree with evaluate") {
    SituationError error;
    const auto s = parseSituation(R"({"on":"2026-05-04","person":{"birth_date":"2009-01-01","wants_apprenticeship":true}})", std::nullopt, &error);
    REQUIRE(s);
    const Verdicts all = evaluate(testRules(), *s);
    for (std::size_t i = 0; i < testRules().schemes().size(); ++i) {
        CHECK(evaluateStatus(testRules(), *s, i) == all.results[i].status);
        const SchemeVerdict one = evaluateScheme(testRules(), *s, i);
        CHECK(one.status == all.results[i].status);
        CHECK(one.reasons.size() == all.results[i].reasons.size());
    }
}

TEST_CASE("verdicts as passerelle.verdicts/1 JSON") {
    const auto v = run(R"({"on":"2026-05-04","requester":"eleve","person":{"wants_apprenticeship":true,"departement":"13"}})");
    const auto json = verdictsToJson(v);
    CHECK(json["format"] == "passerelle.verdicts/1");
    CHECK(json["on"] == "2026-05-04");
    CHECK(json["rules"] == "essai@7");
    std::vector<std::string> keys;
    for (const auto& [k, value] : json["results"][2].items()) {
        (void)value;
        keys.push_back(k);
    }
    CHECK(keys == std::vector<std::string>{"scheme", "status", "missing", "reasons", "filing", "window", "documents", "contact"});
    const auto& depot = json["results"][2];
    CHECK(depot["filing"]["allowed_filers"] == nlohmann::ordered_json::parse(R"(["eleve","lycee"])")); // lycee: sector unknown
    CHECK(depot["filing"]["requester_may_file"] == true);
    CHECK(depot["documents"][0]["label"] == "CV");
    CHECK(depot["contact"]["email"] == "treize@exemple.fr");
    const auto& age = json["results"][0];
    CHECK(age["filing"].is_null());
    CHECK(age["status"] == "incomplete");
    CHECK(age["missing"] == nlohmann::ordered_json::parse(R"(["person.birth_date"])"));
    CHECK_FALSE(age.contains("documents"));
    CHECK_FALSE(age.contains("contact"));
    CHECK(json["results"][1]["window"]["from"].is_null());
}
}
