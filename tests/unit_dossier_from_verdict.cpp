// From a class list to dossiers: every pupil checked by the rules engine, dossiers created for the chosen rows only.
#include "core/dossier_from_verdict.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace passerelle;
using namespace passerelle::dossiers;

namespace {
const RuleSet& rules() {
    static const RuleSet r = [] {
        std::vector<RuleError> errors;
        auto loaded = RuleSet::fromDirectory(std::string(PASSERELLE_SOURCE_DIR) + "/assets/rules", &errors);
        for (const auto& e : errors)
            MESSAGE(e.text());
        REQUIRE(loaded);
        return *loaded;
    }();
    return r;
}
const DossierDefs& defs() {
    static const DossierDefs d = [] {
        std::vector<std::string> errors;
        auto loaded = DossierDefs::fromDirectory(std::string(PASSERELLE_SOURCE_DIR) + "/assets/dossiers", &errors);
        REQUIRE(loaded);
        return *loaded;
    }();
    return d;
}
std::string caseFile(const std::string& name) {
    std::ifstream in(std::string(PASSERELLE_SOURCE_DIR) + "/tests/cases/classlists/" + name, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
} // namespace

TEST_SUITE("dossier_from_verdict") {
TEST_CASE("every scheme with filers in the loaded rules has a dossier definition, and the reverse") {
    for (const auto& s : rules().schemes()) {
        if (s.hasFiling)
            CHECK_MESSAGE(defs().find(s.id), s.id);
        else
            CHECK_MESSAGE(!defs().find(s.id), s.id);
    }
    for (const auto& d : defs().all())
        CHECK_MESSAGE(rules().findScheme(d.scheme), d.scheme);
}

TEST_CASE("every document a verdict asks for is an attachment field of the dossier") {
    for (const auto& s : rules().schemes()) {
        const DossierDef* d = defs().find(s.id);
        if (!d)
            continue;
        for (const auto& doc : s.documents) {
            bool found = false;
            for (const auto& sec : d->sections)
                for (const auto& f : sec.fields)
                    found = found || (f.spec.type == FieldType::Attachment && f.document == doc.id);
            CHECK_MESSAGE(found, s.id << " : " << doc.id);
        }
    }
}

TEST_CASE("section owners are roles the scheme's filers or partners use") {
    // Each definition's default owners are known roles; checked at load. Here: the filer owns a section.
    for (const auto& s : rules().schemes()) {
        const DossierDef* d = defs().find(s.id);
        if (!d)
            continue;
        bool filerOwns = false;
        for (const auto& f : s.filers)
            for (const auto& sec : d->sections)
                filerOwns = filerOwns || sec.role == roleName(f.role) ||
                            std::find(sec.roles.begin(), sec.roles.end(), std::string(roleName(f.role))) != sec.roles.end();
        CHECK_MESSAGE(filerOwns, s.id);
    }
}

TEST_CASE("a class list checked in bulk, dossiers created for the chosen eligible pupils") {
    ClassListOptions o;
    o.on = Ymd{2026, 5, 4};
    o.requester = "college";
    o.profile = {"0130040Y", "Collège Thiers", "13", "public"};
    const ClassList list = readClassList(caseFile("siecle_pointvirgule_windows1252.csv"), o);
    REQUIRE(list.fatal.empty());
    const auto checked = checkClassList(rules(), list);
    REQUIRE(checked.size() == 4);
    const std::string scheme = "paca-2026/securisation-entree-15-ans";
    CHECK(checked[0].verdicts->find(scheme)->status == Status::Eligible);
    CHECK(checked[1].verdicts->find(scheme)->status == Status::NotEligible);
    const auto json = checkedRowsToJson(checked);
    CHECK(json[0]["name"] == "DUPONT Léa");
    CHECK(json[0]["verdicts"]["format"] == "passerelle.verdicts/1");
    std::vector<std::string> refused;
    auto dossiers = createClassListDossiers(defs(), checked, {2, 3}, scheme, o.profile, "college", &refused);
    REQUIRE(dossiers.size() == 1);
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].find("ligne 3 (LEFÈVRE Jérôme) : pas de dossier") == 0);
    const Dossier& d = dossiers[0];
    CHECK(d.title.find("DUPONT Léa") == 0);
    CHECK(d.createdOn == "2026-05-04");
    CHECK(d.className == "3E2"); // as the list writes it: the workspace table filters on it
    CHECK(d.section("eleve")->fields["nom"] == "DUPONT");
    CHECK(d.section("eleve")->fields["prenom"] == "Léa");
    CHECK(d.section("eleve")->fields["date_naissance"] == "2011-10-01");
    CHECK(d.section("etablissement")->fields["uai"] == "0130040Y");
    CHECK(d.section("etablissement")->fields["nom"] == "Collège Thiers");
    CHECK(d.situation["person"]["grade"] == "3e");
    CHECK(d.situation["on"] == "2026-05-04");
}

TEST_CASE("refusals say why: wrong filer, incomplete, nothing to file") {
    SituationError se;
    auto s = parseSituation(R"({"format":"passerelle.situation/1","on":"2026-05-04","requester":"cfa",
        "person":{"birth_date":"2011-10-01","grade":"3e","departement":"13","wants_apprenticeship":true}})", std::nullopt, &se);
    REQUIRE(s);
    const Verdicts v = evaluate(rules(), *s);
    CHECK(dossierRefusal(*v.find("paca-2026/securisation-entree-15-ans"), s->requester).find("cfa ne peut pas déposer") != std::string::npos);
    CHECK(dossierRefusal(*v.find("apprentissage/contrat"), s->requester).find("pas de dossier") == 0);
    std::string why;
    CHECK_FALSE(createDossierFromVerdict(defs(), *s, *v.find("paca-2026/securisation-entree-15-ans"), {}, &why));
    CHECK_FALSE(why.empty());
}
}
