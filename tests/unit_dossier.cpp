// Dossier model: definitions in assets/dossiers, creation from a situation, checking, lifecycle, hand-off, merge, conflicts.
#include "core/dossier.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace passerelle;
using namespace passerelle::dossiers;

namespace {
const DossierDefs& defs() {
    static const DossierDefs d = [] {
        std::vector<std::string> errors;
        auto loaded = DossierDefs::fromDirectory(std::string(PASSERELLE_SOURCE_DIR) + "/assets/dossiers", &errors);
        for (const auto& e : errors)
            MESSAGE(e);
        REQUIRE(loaded);
        return *loaded;
    }();
    return d;
}
const DossierDef& secu() {
    const DossierDef* d = defs().find("paca-2026/securisation-entree-15-ans");
    REQUIRE(d);
    return *d;
}
Json situation() {
    return Json::parse(R"({"format":"passerelle.situation/1","on":"2026-05-04","requester":"college",
      "person":{"birth_date":"2011-10-01","grade":"3e","departement":"13","school_sector":"public",
                "wants_apprenticeship":true,"handicap":"reconnu","rqth":false}})");
}
Dossier fresh() {
    CreateOptions o;
    o.id = "0123456789abcdef0123456789abcdef";
    o.role = "college";
    o.now = "2026-05-04T10:00:00Z";
    o.profile = {{"uai", "0130040y"}, {"nom", "Collège Thiers"}};
    o.pupil = {{"last_name", "DUPONT"}, {"first_name", "Léa"}};
    return createDossier(secu(), situation(), Ymd{2026, 5, 4}, o);
}
void fill(const DossierDef& def, Dossier& d, const std::string& section, const std::vector<std::pair<std::string, std::string>>& kv,
          const std::string& role, const std::string& now) {
    for (const auto& kvp : kv) {
        auto r = setFieldInput(def, d, role, section, kvp.first, kvp.second, now);
        REQUIRE_MESSAGE(r.ok, (section + "." + kvp.first + " : " + r.error));
    }
}
void fillCollege(Dossier& d) {
    const std::string t = "2026-05-04T10:05:00Z";
    fill(secu(), d, "etablissement", {{"commune", "13001 Marseille"}, {"referent_nom", "M. Martin"},
                                     {"referent_courriel", "ce.0130040y@ac-aix-marseille.fr"}, {"maintien_statut_scolaire", "oui"}}, "college", t);
    fill(secu(), d, "eleve", {{"adresse", "13002 Marseille"}}, "college", t);
    fill(secu(), d, "famille", {{"representant_nom", "Mme Dupont"}, {"representant_telephone", "06 71 12 38 24"}, {"accord", "oui"}}, "famille", t);
    REQUIRE(attachFile(secu(), d, "college", "eleve", "attestation_rqth", "mdph.pdf", "%PDF-1.4 notification", t).ok);
}
void fillCfa(Dossier& d, const std::string& now = "2026-05-06T09:00:00Z") {
    fill(secu(), d, "cfa", {{"uai", "0131234W"}, {"nom", "CFA du Port"}, {"siret", "44306184100047"}, {"formation", "CAP cuisine"},
                           {"referent_nom", "Mme Roux"}, {"referent_courriel", "roux@cfa-port.fr"}}, "cfa", now);
    REQUIRE(attachFile(secu(), d, "cfa", "cfa", "convention_stage", "convention.pdf", "%PDF-1.4 convention", now).ok);
}
bool hasEvent(const Dossier& d, const std::string& e) {
    return std::any_of(d.history.begin(), d.history.end(), [&](const HistoryEntry& h) { return h.event == e; });
}
} // namespace

TEST_SUITE("dossier") {
TEST_CASE("every scheme with filers has a dossier definition") {
    for (const char* s : {"apprentissage/cfa-sans-contrat", "paca-2026/accompagnement", "paca-2026/recherche",
                          "paca-2026/securisation-entree-15-ans", "paca-2026/securisation-rupture",
                          "paca-2026/securisation-sans-employeur", "stage-seconde", "jop-2024/securite-privee",
                          "jop-2024/passeport-competences", "aix-marseille-2026/formateur-mlds"})
        CHECK_MESSAGE(defs().find(s), s);
    // Sensitive fields are marked in the data, not in C++.
    const FieldDef* h = secu().section("eleve")->field("handicap");
    REQUIRE(h);
    CHECK(h->sensitive);
}

TEST_CASE("bad definitions are refused with the file, scheme and field named") {
    std::vector<std::string> errors;
    auto d = DossierDefs::fromTexts({{"x.json", R"({"format":"passerelle.dossier-defs/1","dossiers":[{"scheme":"s","title":"t",
        "sections":[{"id":"a","title":"A","role":"pirate","fields":[{"id":"f","label":"F","type":"nombre","required":{"fact":"person.x","gt":1}}]}]}]})"}},
                                    &errors);
    CHECK_FALSE(d);
    REQUIRE(errors.size() >= 3);
    CHECK(errors[0].find("x.json [s]") == 0);
    const std::string all = errors[0] + errors[1] + errors[2];
    CHECK(all.find("pirate") != std::string::npos);
    CHECK(all.find("nombre") != std::string::npos);
}

TEST_CASE("created from the situation: nobody types the birth date twice") {
    Dossier d = fresh();
    CHECK(d.state == State::Brouillon);
    CHECK(d.title == "DUPONT Léa — " + secu().title);
    const Section* e = d.section("eleve");
    REQUIRE(e);
    CHECK(e->fields["date_naissance"] == "2011-10-01");
    CHECK(e->fields["classe"] == "3e");
    CHECK(e->fields["nom"] == "DUPONT");
    CHECK(e->fields["handicap"] == "reconnu");
    CHECK(e->version == 1);
    CHECK(d.section("etablissement")->fields["uai"] == "0130040Y"); // typed in lower case in the profile
    CHECK(d.history.front().event == "cree");
    // JSON round trip keeps everything.
    std::string err;
    auto back = dossierFromJson(dossierToJson(d), &err);
    REQUIRE_MESSAGE(back, err);
    CHECK(dossierToJson(*back) == dossierToJson(d));
}

TEST_CASE("check lists missing and invalid per section; required-ness follows facts") {
    Dossier d = fresh();
    CheckReport r = checkDossier(secu(), d);
    CHECK_FALSE(r.complete);
    auto section = [&](const std::string& id) {
        return *std::find_if(r.sections.begin(), r.sections.end(), [&](const SectionReport& s) { return s.id == id; });
    };
    auto missingIn = [&](const std::string& id, const std::string& field) {
        const auto s = section(id);
        return std::any_of(s.missing.begin(), s.missing.end(), [&](const Problem& p) { return p.field == field; });
    };
    CHECK(missingIn("cfa", "convention_stage"));
    CHECK(missingIn("eleve", "attestation_rqth"));   // handicap reconnu → the MDPH notification is required
    CHECK(missingIn("famille", "representant_nom")); // a minor: the legal representative is required
    CHECK_FALSE(missingIn("entreprise", "siret"));   // optional in case (a)
    // Without a recognised handicap, the attestation is not required.
    Json s = situation();
    s["person"]["handicap"] = "aucun";
    CreateOptions o;
    Dossier d2 = createDossier(secu(), s, Ymd{2026, 5, 4}, o);
    r = checkDossier(secu(), d2);
    CHECK_FALSE(missingIn("eleve", "attestation_rqth"));
    // A value edited by hand in the file to something invalid is reported as invalid.
    d.section("etablissement")->fields["uai"] = "0130040Z";
    r = checkDossier(secu(), d);
    REQUIRE_FALSE(section("etablissement").invalid.empty());
    CHECK(section("etablissement").invalid[0].message.find("Y attendue") != std::string::npos);
    CHECK(checkReportToJson(r)["complete"] == false);
}

TEST_CASE("lifecycle: brouillon → complet → signé per party → exporté → déposé → outcome, dated") {
    Dossier d = fresh();
    fillCollege(d);
    fillCfa(d);
    CHECK(checkDossier(secu(), d).complete);
    CHECK(d.state == State::Complet);
    CHECK(hasEvent(d, "complet"));
    CHECK_FALSE(markExported(d, "college", "2026-05-06T10:00:00Z").ok); // not signed yet
    // Only the owner signs its section; a section must be complete to be signed.
    CHECK_FALSE(signSection(secu(), d, "cfa", "etablissement", Json::object(), "2026-05-06T10:00:00Z").ok);
    for (const auto& s : d.sections) {
        auto r = signSection(secu(), d, s.role, s.id, {{"kid", "k-" + s.role}}, "2026-05-06T10:01:00Z");
        REQUIRE_MESSAGE(r.ok, r.error);
    }
    CHECK(d.state == State::Signe);
    // Editing a signed section reopens it and says so.
    auto edit = setFieldInput(secu(), d, "cfa", "cfa", "formation", "CAP boulanger", "2026-05-06T11:00:00Z");
    REQUIRE(edit.ok);
    REQUIRE(edit.notices.size() == 1);
    CHECK(edit.notices[0].find("rouverte") != std::string::npos);
    CHECK(d.state == State::Complet);
    CHECK(d.section("cfa")->signature.is_null());
    CHECK(hasEvent(d, "rouvert"));
    REQUIRE(signSection(secu(), d, "cfa", "cfa", Json::object(), "2026-05-06T11:01:00Z").ok);
    CHECK(d.state == State::Signe);
    REQUIRE(markExported(d, "college", "2026-05-06T12:00:00Z").ok);
    CHECK_FALSE(recordOutcome(d, State::Accepte, "college", "", "2026-05-07T12:00:00Z").ok); // not deposited
    REQUIRE(markDeposited(d, "college", "2026-05-07T09:00:00Z").ok);
    CHECK(setFieldInput(secu(), d, "college", "eleve", "adresse", "13003 Marseille").error.find("déposé") != std::string::npos);
    REQUIRE(recordOutcome(d, State::EnInstruction, "college", "", "2026-05-10T09:00:00Z").ok);
    REQUIRE(recordOutcome(d, State::Accepte, "college", "dérogation accordée", "2026-05-20T09:00:00Z").ok);
    CHECK(d.state == State::Accepte);
    CHECK(d.history.back().detail == "dérogation accordée");
    CHECK(d.history.back().at == "2026-05-20T09:00:00Z");
    CHECK(std::is_sorted(d.history.begin(), d.history.end(), [](auto& a, auto& b) { return a.at < b.at; }));
}

TEST_CASE("edits: owner only, same value is no change, a burst is one history line, clearing drops back") {
    Dossier d = fresh();
    CHECK(setFieldInput(secu(), d, "cfa", "eleve", "adresse", "13001 Marseille").error.find("remplie par le collège") != std::string::npos);
    CHECK(setFieldInput(secu(), d, "college", "eleve", "inconnu", "x").error.find("champs :") != std::string::npos);
    CHECK(setFieldInput(secu(), d, "college", "eleve", "telephone", "12").error.find("Téléphone") == 0);
    const int v = d.section("eleve")->version;
    const auto lines = d.history.size();
    REQUIRE(setFieldInput(secu(), d, "college", "eleve", "adresse", "13001 Marseille", "2026-05-04T10:01:00Z").ok);
    REQUIRE(setFieldInput(secu(), d, "college", "eleve", "telephone", "0671123824", "2026-05-04T10:02:00Z").ok);
    REQUIRE(setFieldInput(secu(), d, "college", "eleve", "telephone", "06 71 12 38 24", "2026-05-04T10:03:00Z").ok);
    CHECK(d.section("eleve")->version == v + 2);
    CHECK(d.history.size() == lines + 1);
    CHECK(d.history.back().detail.find("adresse, telephone") != std::string::npos);
    fillCollege(d);
    fillCfa(d);
    CHECK(d.state == State::Complet);
    REQUIRE(clearField(secu(), d, "cfa", "cfa", "convention_stage", "2026-05-06T12:00:00Z").ok);
    CHECK(d.state == State::Brouillon);
    CHECK(hasEvent(d, "incomplet"));
}

TEST_CASE("hand-off: the CFA fills its sections only, sensitive data stays home, the merge takes them back") {
    Dossier local = fresh();
    fillCollege(local);
    std::string err;
    HandoffOptions ho{"college", "cfa", false, "2026-05-05T08:00:00Z"};
    auto copy = exportHandoff(secu(), local, ho, &err);
    REQUIRE_MESSAGE(copy, err);
    CHECK(hasEvent(local, "handoff_exporte"));
    CHECK_FALSE(copy->section("eleve")->fields.contains("handicap"));
    CHECK(copy->section("eleve")->attachments.empty()); // the MDPH notification is sensitive
    CHECK(copy->handoff["withheld"].size() == 3);
    CHECK(editableSections(*copy, "cfa") == std::vector<std::string>{"cfa", "entreprise"});
    // Through JSON, as it travels.
    auto received = parseDossier(dossierToJson(*copy).dump(), &err);
    REQUIRE_MESSAGE(received, err);
    CHECK(setFieldInput(secu(), *received, "", "eleve", "adresse", "13009 Marseille").error.find("lecture seule") != std::string::npos);
    // A refused edit of a section the file lacks adds nothing.
    const auto count = received->sections.size();
    std::erase_if(received->sections, [](const Section& s) { return s.id == "famille"; });
    CHECK(setFieldInput(secu(), *received, "", "famille", "accord", "oui").error.find("lecture seule") != std::string::npos);
    CHECK(received->sections.size() == count - 1);
    fillCfa(*received);
    // Meanwhile the collège edits its own section: no conflict, different sections.
    REQUIRE(setFieldInput(secu(), local, "college", "etablissement", "referent_telephone", "0442917080", "2026-05-06T10:00:00Z").ok);
    MergeReport m = mergeDossier(secu(), local, *received, "2026-05-07T08:00:00Z");
    REQUIRE_MESSAGE(m.ok, m.error);
    CHECK(m.conflicts.empty());
    CHECK(m.taken == std::vector<std::string>{"cfa"});
    CHECK(local.section("cfa")->fields["siret"] == "44306184100047");
    CHECK(local.section("eleve")->fields["handicap"] == "reconnu"); // withheld data was never lost
    CHECK(local.section("etablissement")->fields["referent_telephone"] == "0442917080");
    CHECK(local.state == State::Complet);
    CHECK(hasEvent(local, "fusionne"));
    // Importing the same copy again changes nothing.
    const Json before = dossierToJson(local);
    m = mergeDossier(secu(), local, *received, "2026-05-07T09:00:00Z");
    CHECK(m.taken.empty());
    CHECK(dossierToJson(local)["sections"] == before["sections"]);
}

TEST_CASE("the same section edited on both sides is a conflict shown to the user, never overwritten") {
    Dossier local = fresh();
    fillCollege(local);
    std::string err;
    auto copy = exportHandoff(secu(), local, {"college", "cfa", false, "2026-05-05T08:00:00Z"}, &err);
    REQUIRE(copy);
    fillCfa(*copy);
    // The collège (wrongly) also filled the CFA section meanwhile.
    REQUIRE(setFieldInput(secu(), local, "", "cfa", "nom", "CFA de la Mer", "2026-05-06T10:00:00Z").ok);
    // And the copy also touched a read-only section (by editing the file by hand).
    copy->section("eleve")->fields["adresse"] = "13009 Marseille";
    copy->section("eleve")->version += 1;
    MergeReport m = mergeDossier(secu(), local, *copy, "2026-05-07T08:00:00Z");
    REQUIRE(m.ok);
    CHECK(m.conflicts == std::vector<std::string>{"cfa"});
    REQUIRE(m.ignored.size() == 1);
    CHECK(m.ignored[0].find("eleve") != std::string::npos);
    CHECK(local.section("eleve")->fields["adresse"] == "13002 Marseille");
    CHECK(local.section("cfa")->fields["nom"] == "CFA de la Mer"); // ours kept …
    REQUIRE(local.conflicts.size() == 1);
    CHECK(local.conflicts[0].theirs["fields"]["nom"] == "CFA du Port"); // … theirs waiting
    CHECK_FALSE(checkDossier(secu(), local).complete);
    CHECK(setFieldInput(secu(), local, "", "cfa", "nom", "X").error.find("conflit") != std::string::npos);
    CHECK_FALSE(exportHandoff(secu(), local, {"college", "cfa", false, ""}, &err));
    // The conflict survives a save and reload.
    auto reloaded = parseDossier(dossierToJson(local).dump(), &err);
    REQUIRE(reloaded);
    REQUIRE(reloaded->conflicts.size() == 1);
    REQUIRE(resolveConflict(secu(), local, "cfa", true, "college", "2026-05-07T09:00:00Z").ok);
    CHECK(local.section("cfa")->fields["nom"] == "CFA du Port");
    CHECK(local.conflicts.empty());
    CHECK(local.state == State::Complet);
    CHECK(hasEvent(local, "conflit_resolu"));
}

TEST_CASE("keeping ours in a conflict is remembered") {
    Dossier local = fresh();
    std::string err;
    auto copy = exportHandoff(secu(), local, {"college", "cfa", false, "2026-05-05T08:00:00Z"}, &err);
    REQUIRE(copy);
    fillCfa(*copy);
    REQUIRE(setFieldInput(secu(), local, "", "cfa", "nom", "CFA de la Mer", "2026-05-06T10:00:00Z").ok);
    REQUIRE(mergeDossier(secu(), local, *copy, "2026-05-07T08:00:00Z").conflicts.size() == 1);
    REQUIRE(resolveConflict(secu(), local, "cfa", false, "college", "2026-05-07T09:00:00Z").ok);
    CHECK(local.section("cfa")->fields["nom"] == "CFA de la Mer");
    CHECK(mergeDossier(secu(), local, *copy, "2026-05-07T10:00:00Z").conflicts.empty());
    CHECK(local.conflicts.empty());
}

TEST_CASE("strict reading: wrong documents are refused in French") {
    std::string err;
    CHECK_FALSE(parseDossier("{", &err));
    CHECK(err.find("JSON") != std::string::npos);
    Json j = dossierToJson(fresh());
    j["format"] = "passerelle.dossier/2";
    CHECK_FALSE(dossierFromJson(j, &err));
    CHECK(err.find("plus récent") != std::string::npos);
    j = dossierToJson(fresh());
    j["sections"][0]["fields"]["nom"] = 1.5;
    CHECK_FALSE(dossierFromJson(j, &err));
    CHECK(err.find("décimal") != std::string::npos);
    j = dossierToJson(fresh());
    j["state"] = "en_construction";
    CHECK_FALSE(dossierFromJson(j, &err));
    j = dossierToJson(fresh());
    j["bundle_note"] = "ajouté par une version plus récente";
    auto d = dossierFromJson(j, &err);
    REQUIRE(d);
    CHECK(dossierToJson(*d)["bundle_note"] == "ajouté par une version plus récente"); // kept, not dropped
}
}
