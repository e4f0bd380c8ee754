// Unit tests for loading rule packs: the repository's packs load, and every kind of mistake is named precisely.
#include "core/rule_pack.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
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

const std::string& factsJson() {
    static const std::string text = readFile(PASSERELLE_SOURCE_DIR "/assets/rules/facts.json");
    return text;
}

// A valid one-scheme pack; tests break one thing at a time with `patch`.
std::string pack(const std::string& scheme, const std::string& id = "essai", const std::string& extra = "") {
    return R"({"format":"passerelle.rules/1","id":")" + id + R"(","version":"1","title":"Essai","valid_from":null,"valid_to":null,
      "up_to_date":"2026-11-23","sources":[{"id":"004_cea9bb83965dd104.txt","title":"Note"}],)" + extra + R"("schemes":[)" + scheme + "]}";
}

std::string scheme(const std::string& id = "essai/a", const std::string& condition = R"({"fact":"person.rqth","is":true})",
                   const std::string& rest = R"("filing":null)") {
    std::string cond = condition;
    cond.insert(1, R"("id":"c","refs":["Loi"],"if_true":"Oui.","if_false":"Non.",)");
    return R"({"id":")" + id + R"(","title":"T","description":"D","refs":["Loi"],"conditions":[)" + cond + "]," + rest + "}";
}

std::vector<RuleError> errorsOf(std::vector<RuleFile> files) {
    std::vector<RuleError> errors;
    CHECK_FALSE(RuleSet::fromFiles(std::move(files), &errors));
    CHECK_FALSE(errors.empty());
    return errors;
}

std::vector<RuleError> errorsOfScheme(const std::string& schemeText) {
    return errorsOf({{"facts.json", factsJson()}, {"p.json", pack(schemeText)}});
}

bool mentions(const std::vector<RuleError>& errors, const std::string& field, const std::string& words) {
    for (const auto& e : errors)
        if (e.field == field && e.text().find(words) != std::string::npos)
            return true;
    for (const auto& e : errors)
        MESSAGE(e.text());
    return false;
}
} // namespace

TEST_SUITE("rule_pack") {
TEST_CASE("the repository's packs load, from a directory and from memory alike") {
    std::vector<RuleError> errors;
    const auto fromDir = RuleSet::fromDirectory(PASSERELLE_SOURCE_DIR "/assets/rules", &errors);
    for (const auto& e : errors)
        MESSAGE(e.text());
    REQUIRE(fromDir);
    CHECK(fromDir->schemes().size() == 11);
    CHECK(fromDir->packs().size() == 5);
    CHECK(fromDir->schemes().front().id == "apprentissage/contrat");
    CHECK(fromDir->schemes().back().id == "aix-marseille-2026/formateur-mlds");

    std::vector<RuleFile> files;
    for (const auto& entry : std::filesystem::directory_iterator(PASSERELLE_SOURCE_DIR "/assets/rules"))
        files.push_back({entry.path().filename().string(), readFile(entry.path().string())});
    std::reverse(files.begin(), files.end()); // order of the files given does not matter: names sort them
    const auto fromMemory = RuleSet::fromFiles(files, &errors);
    REQUIRE(fromMemory);
    REQUIRE(fromMemory->schemes().size() == fromDir->schemes().size());
    for (std::size_t i = 0; i < fromDir->schemes().size(); ++i)
        CHECK(fromMemory->schemes()[i].id == fromDir->schemes()[i].id);
    CHECK(fromMemory->label() == fromDir->label());
    CHECK(fromDir->label().find("paca-2026@") != std::string::npos);
}

TEST_CASE("packs carry their dates, sources, filers, windows, documents and contacts") {
    std::vector<RuleError> errors;
    const auto rules = RuleSet::fromDirectory(PASSERELLE_SOURCE_DIR "/assets/rules", &errors);
    REQUIRE(rules);
    const Scheme* entree = rules->findScheme("paca-2026/securisation-entree-15-ans");
    REQUIRE(entree);
    const RulePack& paca = rules->packOf(*entree);
    CHECK(paca.id == "paca-2026");
    CHECK(paca.validTo == CivilDate{2026, 12, 31});
    CHECK(paca.upToDate.year == 2026);
    CHECK(entree->instructor == "DSDEN");
    REQUIRE(entree->filers.size() == 2);
    CHECK(entree->filers[0].role == Role::College);
    CHECK(entree->documents.at(0).id == "convention_stage");
    CHECK(entree->contacts.size() == 6);
    CHECK_FALSE(rules->findScheme("apprentissage/contrat")->hasFiling);
    CHECK(rules->findScheme("stage-seconde")->windows.size() == 3);
    CHECK(rules->findScheme("nope") == nullptr);
}

TEST_CASE("facts metadata: questions, choice labels and « pourquoi cette question ? »") {
    std::vector<RuleError> errors;
    const auto rules = RuleSet::fromDirectory(PASSERELLE_SOURCE_DIR "/assets/rules", &errors);
    REQUIRE(rules);
    const FactInfo& birth = rules->fact(FactId::BirthDate);
    CHECK(birth.question.find("date de naissance") != std::string::npos);
    CHECK(std::find(birth.usedBy.begin(), birth.usedBy.end(), "paca-2026/recherche") != birth.usedBy.end());
    CHECK(std::find(birth.refs.begin(), birth.refs.end(), "Code du travail, art. L6222-1") != birth.refs.end());
    CHECK(birth.why.find("Sources :") != std::string::npos);
    const FactInfo& dep = rules->fact(FactId::Departement);
    CHECK(dep.choices.size() == factSpec(FactId::Departement).choices.size());
    CHECK(rules->choiceLabel(FactId::Departement, "13") == "13 – Bouches-du-Rhône");
    CHECK(rules->choiceLabel(FactId::Grade, "3e") == "Troisième");
    CHECK(rules->roleLabel(Role::Cfa) == "ton CFA");
    CHECK_FALSE(rules->requesterQuestion().empty());
    // Facts only used in notes or filers are never asked for a condition.
    CHECK(rules->fact(FactId::Handicap).usedBy.empty());
}

TEST_CASE("unknown fact, naming pack, scheme and field") {
    const auto errors = errorsOfScheme(scheme("essai/a", R"({"fact":"person.age","age":{"min":16}})"));
    CHECK(mentions(errors, "conditions[0].fact", "fait inconnu « person.age »"));
    CHECK(errors[0].pack == "p.json");
    CHECK(errors[0].scheme == "essai/a");
    CHECK(errors[0].text().find("p.json : dispositif « essai/a » : conditions[0].fact") == 0);
}

TEST_CASE("wrong types in conditions") {
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","is":"oui"})")), "conditions[0].is", "type incorrect"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.grade","is":"5e"})")), "conditions[0].is", "valeur « 5e » inconnue"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.grade","is":null})")), "conditions[0].is", "null"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.diplomas","in":["bts_mos"]})")), "conditions[0].in", "contains_any"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.grade","age":{"min":3}})")), "conditions[0].age", "date de naissance"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.birth_date","age":{"min":20,"max":16}})")), "conditions[0].age", "max"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","within_months":6})")), "conditions[0].within_months", "pas une date"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth"})")), "conditions[0]", "opérateur manquant"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"all":[]})")), "conditions[0].all", "liste non vide"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","is":true,"in":[true]})")), "conditions[0]", "un seul opérateur"));
}

TEST_CASE("bad dates and windows") {
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","is":true})", R"("filing":null,"windows":[{"from":"2026-02-30","to":null}])")),
                   "windows[0].from", "date impossible"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","is":true})", R"("filing":null,"windows":[{"from":"2026-03-01","to":"2026-02-01"}])")),
                   "windows[0]", "la fin est avant le début"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","is":true})",
                                         R"("filing":null,"windows":[{"from":"2026-03-01","to":"2026-04-01"},{"from":"2026-04-01","to":null}])")),
                   "windows[1]", "chevauchement"));
    const auto errors = errorsOf({{"facts.json", factsJson()},
                                  {"p.json", std::string(R"({"format":"passerelle.rules/1","id":"x","version":"1","title":"t","valid_from":"2026-01-01","valid_to":"2025-01-01","up_to_date":"2026-13-01","sources":[{"id":"s","title":"t"}],"schemes":[)") +
                                                 scheme() + "]}"}});
    CHECK(mentions(errors, "up_to_date", "date impossible"));
    CHECK(mentions(errors, "valid_to", "avant son début"));
}

TEST_CASE("duplicate ids") {
    CHECK(mentions(errorsOf({{"facts.json", factsJson()}, {"a.json", pack(scheme("essai/a"), "a")}, {"b.json", pack(scheme("essai/a"), "b")}}),
                   "id", "en double (déjà dans a.json)"));
    CHECK(mentions(errorsOf({{"facts.json", factsJson()}, {"a.json", pack(scheme("essai/a"), "a")}, {"b.json", pack(scheme("essai/b"), "a")}}),
                   "id", "identifiant de paquet en double"));
    const std::string twoConds = R"({"id":"essai/a","title":"T","description":"D","refs":["Loi"],"filing":null,"conditions":[
        {"id":"c","refs":["Loi"],"if_true":"o","if_false":"n","fact":"person.rqth","is":true},
        {"id":"c","refs":["Loi"],"if_true":"o","if_false":"n","fact":"person.rqth","is":true}]})";
    CHECK(mentions(errorsOfScheme(twoConds), "conditions[1].id", "en double"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","is":true})",
                                         R"("filing":null,"documents":[{"id":"cv","label":"CV"},{"id":"cv","label":"CV 2"}])")),
                   "documents[1].id", "en double"));
}

TEST_CASE("refs, texts and keys are checked") {
    const std::string noRefs = R"({"id":"essai/a","title":"T","description":"D","refs":["Loi"],"filing":null,"conditions":[
        {"id":"c","if_true":"o","if_false":"n","fact":"person.rqth","is":true}]})";
    CHECK(mentions(errorsOfScheme(noRefs), "conditions[0].refs", "source"));
    const std::string noText = R"({"id":"essai/a","title":"T","description":"D","refs":["Loi"],"filing":null,"conditions":[
        {"id":"c","refs":["Loi"],"if_true":"o","fact":"person.rqth","is":true}]})";
    CHECK(mentions(errorsOfScheme(noText), "conditions[0].if_false", "champ obligatoire"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","is":true})", R"("filing":null,"couleur":"bleu")")), "couleur", "champ inconnu"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","is":true,"if_unknown":"Tu as {agee} ans"})")),
                   "conditions[0].if_unknown", "variable inconnue « {agee} »"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","is":true,"if_unknown":"{date:person.grade}"})")),
                   "conditions[0].if_unknown", "n'est pas une date"));
    const std::string badSeed = R"({"id":"essai/a","title":"T","description":"D","refs":["999_inconnu.txt"],"filing":null,"conditions":[
        {"id":"c","refs":["Loi"],"if_true":"o","if_false":"n","fact":"person.rqth","is":true}]})";
    CHECK(mentions(errorsOfScheme(badSeed), "refs[0]", "absente de « sources »"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","is":true})", R"("filing":null,"contacts":{"20":{"label":"x","email":"a@b.fr"}})")),
                   "contacts.20", "département inconnu"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","is":true})", R"("filing":null,"contact":{"label":"x","email":"PACA.x.@dreets.gouv.fr"})")),
                   "contact.email", "adresse électronique invalide"));
}

TEST_CASE("filing is checked") {
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","is":true})", R"("filing":{"instructor":null,"filers":[{"role":"prof"}]})")),
                   "filing.filers[0].role", "rôle inconnu"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","is":true})", R"("filing":{"filers":[{"role":"eleve"}]})")),
                   "filing.instructor", "champ obligatoire"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","is":true})", R"("windows":[])")), "filing", "champ obligatoire"));
    CHECK(mentions(errorsOfScheme(scheme("essai/a", R"({"fact":"person.rqth","is":true})",
                                         R"("filing":{"instructor":null,"filers":[{"role":"lycee","when":{"fact":"person.school_sector","is":"public"}}]})")),
                   "filing.filers[0].refusal", "obligatoire avec « when »"));
}

TEST_CASE("facts.json is required and complete") {
    CHECK(mentions(errorsOf({{"p.json", pack(scheme())}}), "facts.json", "absent"));
    std::string facts = factsJson();
    const std::string label = "\"Troisième\"";
    const auto pos = facts.find(label);
    REQUIRE(pos != std::string::npos);
    facts.replace(pos, label.size(), "\"\"");
    CHECK(mentions(errorsOf({{"facts.json", facts}, {"p.json", pack(scheme())}}), "facts.person.grade.choices.3e", "libellé manquant"));
    CHECK(mentions(errorsOf({{"facts.json", factsJson()}, {"p.json", "{\"format\":\"autre/1\"}"}}), "format", "format inconnu"));
    CHECK(mentions(errorsOf({{"facts.json", factsJson()}, {"p.json", "{oops"}}), "", "JSON"));
}

TEST_CASE("a minimal valid pack loads") {
    std::vector<RuleError> errors;
    const auto rules = RuleSet::fromFiles({{"facts.json", factsJson()}, {"p.json", pack(scheme())}}, &errors);
    for (const auto& e : errors)
        MESSAGE(e.text());
    REQUIRE(rules);
    CHECK(rules->schemes().size() == 1);
    CHECK(rules->label() == "essai@1");
}

TEST_CASE("a missing directory is an error") {
    std::vector<RuleError> errors;
    CHECK_FALSE(RuleSet::fromDirectory(PASSERELLE_SOURCE_DIR "/pas-de-dossier-ici", &errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].text().find("introuvable") != std::string::npos);
}
}

TEST_SUITE("rule_pack") {
TEST_CASE("the engine's code names no scheme, pack or seed: rules are data") {
    for (const char* file : {"rule_engine.cpp", "rule_pack.cpp", "situation.cpp", "verdicts.cpp", "scheme_doc.cpp", "civil_date.cpp"}) {
        const std::string code = readFile(std::string(PASSERELLE_SOURCE_DIR "/src/core/") + file);
        REQUIRE_FALSE(code.empty());
        for (const char* name : {"paca", "apprentissage/", "stage-seconde", "jop-2024", "mlds", "securisation", "004_", "DSDEN"}) {
            INFO(file << " nomme « " << name << " »");
            CHECK(code.find(name) == std::string::npos);
        }
    }
}
}
