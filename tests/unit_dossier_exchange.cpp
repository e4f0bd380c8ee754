// Tests of dossier_exchange: signed sections read back from a bundle, taken without losing newer work, bundles in hand-off copies.
#include "core/dossier_exchange.hpp"

#include "core/bundle.hpp"
#include "core/dossier.hpp"

#include <doctest/doctest.h>

using namespace passerelle;
using namespace passerelle::dossiers;

namespace {

const DossierDefs& defs() {
    static const DossierDefs d = [] {
        std::vector<std::string> errors;
        auto loaded = DossierDefs::fromDirectory(std::string(PASSERELLE_SOURCE_DIR) + "/assets/dossiers", &errors);
        REQUIRE_MESSAGE(loaded, (errors.empty() ? std::string() : errors.front()));
        return *loaded;
    }();
    return d;
}
const DossierDef& def() { return *defs().find("paca-2026/securisation-entree-15-ans"); }

SigningKey keyFrom(std::uint8_t tag) {
    std::uint8_t seed[32];
    for (int i = 0; i < 32; ++i) seed[i] = static_cast<std::uint8_t>(tag * 7 + i * 11);
    return SigningKey::fromSeed(seed);
}

constexpr const char* kNow = "2026-05-06T09:00:00Z";
const std::string kPdf = "%PDF-1.4 convention (exemple pour les tests)";

// A dossier whose CFA sections are filled (the convention attached), created as the collège would.
Dossier cfaFilled() {
    const Json situation = {{"format", "passerelle.situation/1"}, {"on", "2026-05-04"}, {"requester", "college"},
                            {"person", {{"birth_date", "2011-10-01"}, {"grade", "3e"}}}};
    CreateOptions opt;
    opt.id = "0123456789abcdef0123456789abcdef";
    opt.role = "college";
    opt.now = kNow;
    Dossier d = createDossier(def(), situation, Ymd{2026, 5, 4}, opt);
    for (const auto& [field, value] : std::vector<std::pair<std::string, std::string>>{
             {"uai", "0130040Y"}, {"nom", "CFA du Bâtiment"}, {"siret", "73282932000074"}, {"formation", "CAP Maçon"}}) {
        const auto r = setFieldInput(def(), d, "cfa", "cfa", field, value, kNow);
        REQUIRE_MESSAGE(r.ok, r.error);
    }
    const auto a = attachFile(def(), d, "cfa", "cfa", "convention_stage", "convention.pdf", kPdf, kNow);
    REQUIRE_MESSAGE(a.ok, a.error);
    // The bundle layer signs versions ≥ 1 only: every section a party signs has been edited once.
    REQUIRE(setFieldInput(def(), d, "cfa", "entreprise", "raison_sociale", "Maçonnerie Provençale", kNow).ok);
    return d;
}

Json signAs(const Dossier& d, const char* role, const SigningKey& key) {
    const auto out = signSections(dossierToJson(d), role, key, nullptr, kNow);
    REQUIRE_MESSAGE(out.bundle, out.error);
    return *out.bundle;
}

} // namespace

TEST_SUITE("dossier_exchange") {
    TEST_CASE("the signed sections come back with their fields, files and signature records") {
        const Dossier d = cfaFilled();
        const Json bundle = signAs(d, "cfa", keyFrom(1));
        const BundleReport report = verifyBundleJson(bundle);
        REQUIRE(report.valid);
        std::string error;
        const auto sections = signedSectionsOf(bundle, report, &error);
        REQUIRE_MESSAGE(sections, error);
        REQUIRE(sections->size() == 2); // cfa and entreprise: every section the CFA owns
        const Section& cfa = sections->front().id == "cfa" ? sections->front() : sections->back();
        CHECK(cfa.fields == d.section("cfa")->fields);
        CHECK(cfa.version == d.section("cfa")->version);
        REQUIRE(cfa.attachments.size() == 1);
        CHECK(cfa.attachments[0].sha256 == sha256Hex(kPdf));
        REQUIRE(cfa.attachments[0].contentB64); // the bundle carried the file
        CHECK(base64Decode(*cfa.attachments[0].contentB64) == kPdf);
        REQUIRE(cfa.signature.is_object());
        CHECK(cfa.signature["version"] == cfa.version);
        CHECK(cfa.signature["kid"] == keyFrom(1).kid());
    }

    TEST_CASE("an unverified or tampered bundle gives nothing") {
        Json bundle = signAs(cfaFilled(), "cfa", keyFrom(1));
        std::string payload = bundle["sections"][0]["jws"]["payload"].get<std::string>();
        payload[10] = payload[10] == 'A' ? 'B' : 'A';
        bundle["sections"][0]["jws"]["payload"] = payload;
        const BundleReport report = verifyBundleJson(bundle);
        CHECK_FALSE(report.valid);
        std::string error;
        CHECK_FALSE(signedSectionsOf(bundle, report, &error));
        CHECK(error.find("non vérifié") != std::string::npos);
    }

    TEST_CASE("newer signed sections are taken, equal ones teach their signature, newer local work is kept") {
        const Dossier signedCopy = cfaFilled();
        const Json bundle = signAs(signedCopy, "cfa", keyFrom(1));
        const auto sections = signedSectionsOf(bundle, verifyBundleJson(bundle), nullptr);
        REQUIRE(sections);

        SUBCASE("the collège's older copy takes both CFA sections") {
            const Json situation = {{"format", "passerelle.situation/1"}, {"on", "2026-05-04"}, {"requester", "college"},
                                    {"person", {{"birth_date", "2011-10-01"}}}};
            CreateOptions opt;
            opt.id = signedCopy.id;
            opt.role = "college";
            opt.now = kNow;
            Dossier local = createDossier(def(), situation, Ymd{2026, 5, 4}, opt);
            const BundleIntake r = takeSignedSections(local, *sections);
            CHECK(r.taken == std::vector<std::string>{"cfa", "entreprise"});
            CHECK(local.section("cfa")->fields["nom"] == "CFA du Bâtiment");
            CHECK(local.section("cfa")->signature.is_object());
        }
        SUBCASE("the same content: only the signature is learned") {
            Dossier local = signedCopy;
            const BundleIntake r = takeSignedSections(local, *sections);
            CHECK(r.taken.empty());
            CHECK(r.learned.size() == 2);
            CHECK(local.section("cfa")->signature["version"] == local.section("cfa")->version);
        }
        SUBCASE("edited here after signing: ours stays, unsigned") {
            Dossier local = signedCopy;
            REQUIRE(setFieldInput(def(), local, "cfa", "cfa", "formation", "CAP Carreleur", kNow).ok);
            const BundleIntake r = takeSignedSections(local, *sections);
            CHECK(r.kept == std::vector<std::string>{"cfa"});
            CHECK(local.section("cfa")->fields["formation"] == "CAP Carreleur");
            CHECK(local.section("cfa")->signature.is_null());
        }
    }

    TEST_CASE("a dossier known only from its bundle") {
        Dossier filled = cfaFilled();
        REQUIRE(setFieldInput(def(), filled, "college", "etablissement", "nom", "Collège Thiers", kNow).ok);
        REQUIRE(setFieldInput(def(), filled, "college", "eleve", "nom", "DUPONT", kNow).ok);
        REQUIRE(setFieldInput(def(), filled, "college", "eleve", "prenom", "Léa", kNow).ok);
        const Json bundle = signAs(filled, "college", keyFrom(2));
        const auto sections = signedSectionsOf(bundle, verifyBundleJson(bundle), nullptr);
        REQUIRE(sections);
        const Dossier d = dossierFromSignedSections(def(), filled.id, *sections, Ymd{2026, 5, 6});
        CHECK(d.id == filled.id);
        CHECK(d.scheme == def().scheme);
        CHECK(d.createdOn == "2026-05-06");
        CHECK(d.sections.size() == def().sections.size());
        CHECK(d.section("eleve")->fields["nom"] == "DUPONT");
        CHECK(d.section("cfa")->fields.empty()); // not in the collège's bundle
        CHECK(d.title.rfind("DUPONT Léa — ", 0) == 0);
        // What it becomes when stored and read back is a valid dossier document.
        std::string error;
        CHECK_MESSAGE(dossierFromJson(dossierToJson(d), &error), error);
    }

    TEST_CASE("a bundle travels inside a hand-off copy and is taken out on arrival") {
        Dossier d = cfaFilled();
        const Json bundle = signAs(d, "cfa", keyFrom(1));
        Json copy = dossierToJson(d);
        copy[kEmbeddedBundleKey] = bundle;
        const auto out = takeEmbeddedBundle(copy);
        REQUIRE(out);
        CHECK(*out == bundle);
        CHECK_FALSE(copy.contains(kEmbeddedBundleKey));
        CHECK_FALSE(takeEmbeddedBundle(copy));
        std::string error;
        CHECK_MESSAGE(dossierFromJson(copy, &error), error);
        Json notAnObject = Json::array();
        CHECK_FALSE(takeEmbeddedBundle(notAnObject));
    }
}
