// Tests of the platform prefill: champ ids, the shipped mapping files, sensitive fields and the 2000-character cap.
#include "core/platform_prefill.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <fstream>
#include <sstream>

using namespace passerelle;

namespace {
std::string readText(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
const std::string kMapping = R"({
  "format": "passerelle.platform-mapping/1",
  "scheme": "paca-2026/securisation-entree-15-ans",
  "base_url": "https://demarche.numerique.gouv.fr/commencer/",
  "procedure_path": "securisation-entree-apprentissage-15-ans",
  "fields": [
    {"section": "etablissement", "field": "uai", "stable_id": 123},
    {"section": "etablissement", "field": "nom", "stable_id": 1234},
    {"section": "eleve", "field": "date_naissance", "stable_id": 42},
    {"section": "eleve", "field": "handicap", "stable_id": 50, "sensitive": true},
    {"section": "eleve", "field": "rqth", "stable_id": 51},
    {"section": "eleve", "field": "situation_particuliere", "stable_id": 52},
    {"section": "famille", "field": "accord", "stable_id": 60},
    {"section": "cfa", "field": "formation", "stable_id": "A_RENSEIGNER"},
    {"section": "cfa", "field": "nom", "stable_id": 70}
  ]
})";
Json dossier(const std::string& cfaName = "CFA des Métiers") {
    return Json{{"id", "d1"},
                {"scheme", "paca-2026/securisation-entree-15-ans"},
                {"sections",
                 Json::array({Json{{"id", "etablissement"}, {"fields", {{"uai", "0131234X"}, {"nom", "Collège Anatole France"}}}},
                              Json{{"id", "eleve"},
                                   {"fields", {{"date_naissance", "2011-10-01"}, {"handicap", "reconnu"}, {"rqth", true},
                                               {"situation_particuliere", "suivi PAI"}}}},
                              Json{{"id", "famille"}, {"fields", {{"accord", true}}}},
                              Json{{"id", "cfa"}, {"fields", {{"formation", "CAP cuisine"}, {"nom", cfaName}}}}})}};
}
bool hasLeft(const PrefillLink& l, const std::string& name) {
    for (const auto& [n, why] : l.left)
        if (n == name)
            return true;
    return false;
}
} // namespace

TEST_SUITE("platform_prefill") {
TEST_CASE("champ ids: champ_ + base64 of Champ-<stable_id>, padding removed") {
    CHECK(champParamName(123) == "champ_Q2hhbXAtMTIz");
    CHECK(champParamName(1234) == "champ_Q2hhbXAtMTIzNA");      // "==" removed
    CHECK(champParamName(42) == "champ_Q2hhbXAtNDI");           // "=" removed
    CHECK(champParamName(3751239) == "champ_Q2hhbXAtMzc1MTIzOQ");
}

TEST_CASE("the link: encoded values, sensitive fields never in it, placeholders skipped") {
    std::string why;
    const auto m = parsePrefillMapping(kMapping, &why);
    REQUIRE_MESSAGE(m, why);
    CHECK(m->hasPlaceholders());
    const auto link = buildPrefillLink(*m, dossier(), {{"eleve", "situation_particuliere"}}, &why);
    REQUIRE_MESSAGE(link, why);
    CHECK(link->url ==
          "https://demarche.numerique.gouv.fr/commencer/securisation-entree-apprentissage-15-ans"
          "?champ_Q2hhbXAtMTIz=0131234X&champ_Q2hhbXAtMTIzNA=Coll%C3%A8ge%20Anatole%20France"
          "&champ_Q2hhbXAtNDI=2011-10-01&champ_Q2hhbXAtNjA=true&champ_Q2hhbXAtNzA=CFA%20des%20M%C3%A9tiers");
    CHECK(link->url.find("reconnu") == std::string::npos);
    CHECK(link->url.find("PAI") == std::string::npos);
    CHECK(hasLeft(*link, "eleve.handicap"));                // marked in the mapping
    CHECK(hasLeft(*link, "eleve.rqth"));                    // caught by its name
    CHECK(hasLeft(*link, "eleve.situation_particuliere"));  // marked in the dossier definition
    CHECK(hasLeft(*link, "cfa.formation"));                 // id still A_RENSEIGNER
    CHECK(link->included.size() == 5);
}

TEST_CASE("the link never exceeds 2000 characters: what does not fit stays in the bundle") {
    std::string why;
    const auto m = parsePrefillMapping(kMapping, &why);
    REQUIRE(m);
    const auto link = buildPrefillLink(*m, dossier(std::string(1900, 'x')), {}, &why);
    REQUIRE(link);
    CHECK(link->url.size() <= kPrefillMaxLength);
    CHECK(hasLeft(*link, "cfa.nom"));
    CHECK(link->included.size() == 5); // situation_particuliere is not flagged by this caller
    for (std::size_t cap : {200u, 150u, 100u}) {
        const auto small = buildPrefillLink(*m, dossier(), {}, &why, cap);
        REQUIRE(small);
        CHECK(small->url.size() <= cap);
    }
}

TEST_CASE("sensitive names") {
    for (const char* s : {"handicap", "rqth", "attestation_rqth", "sante", "etat_de_sante", "mdph_notification", "pai",
                          "suivi_medical", "AESH"})
        CHECK_MESSAGE(looksSensitive(s), s);
    for (const char* s : {"nom", "paiement", "pays", "accord", "date_naissance", "uai", "epais"})
        CHECK_FALSE_MESSAGE(looksSensitive(s), s);
}

TEST_CASE("shipped mappings: parse, name real dossier fields, mark every sensitive one, await the académie's ids") {
    const std::filesystem::path root = PASSERELLE_SOURCE_DIR;
    // Sensitive fields and known fields, read from the dossier definitions (assets/dossiers/*.json).
    std::set<std::string> known, sensitiveDefs;
    for (const auto& f : std::filesystem::directory_iterator(root / "assets" / "dossiers")) {
        if (f.path().extension() != ".json")
            continue;
        const auto doc = parseStrict(readText(f.path()));
        REQUIRE(doc);
        for (const auto& d : (*doc)["dossiers"])
            for (const auto& s : d["sections"])
                for (const auto& fd : s["fields"]) {
                    const std::string key = d["scheme"].get<std::string>() + "|" + s["id"].get<std::string>() + "." +
                                            fd["id"].get<std::string>();
                    known.insert(key);
                    if (fd.value("sensitive", false))
                        sensitiveDefs.insert(key);
                }
    }
    int files = 0;
    for (const auto& f : std::filesystem::directory_iterator(root / "assets" / "platform")) {
        if (f.path().extension() != ".json")
            continue;
        ++files;
        CAPTURE(f.path().string());
        std::string why;
        const auto m = parsePrefillMapping(readText(f.path()), &why);
        REQUIRE_MESSAGE(m, why);
        std::string expectedName = m->scheme;
        std::replace(expectedName.begin(), expectedName.end(), '/', '_');
        CHECK(f.path().stem().string() == expectedName);
        CHECK(m->hasPlaceholders()); // shipped for the académie to fill in
        CHECK_FALSE(m->procedurePath);
        for (const auto& e : m->entries) {
            const std::string key = m->scheme + "|" + e.section + "." + e.field;
            CHECK_MESSAGE(known.count(key), key);
            if (sensitiveDefs.count(key))
                CHECK_MESSAGE(e.sensitive, key);
        }
        const auto link = buildPrefillLink(*m, dossier(), {}, &why);
        CHECK_FALSE(link);
        CHECK(why.find("A_RENSEIGNER") != std::string::npos);
    }
    CHECK(files >= 5);
}

TEST_CASE("sensitive marks are read from the dossier definitions") {
    const auto defs = parseStrict(R"({"format":"passerelle.dossier-defs/1","dossiers":[
      {"scheme":"a/b","sections":[{"id":"eleve","fields":[{"id":"nom"},{"id":"etat","sensitive":true}]}]},
      {"scheme":"c/d","sections":[{"id":"eleve","fields":[{"id":"nom","sensitive":true}]}]}]})");
    REQUIRE(defs);
    const auto set = sensitiveFieldsOf(*defs, "a/b");
    CHECK(set.size() == 1);
    CHECK(set.count({"eleve", "etat"}) == 1);
    CHECK(sensitiveFieldsOf(*defs, "x/y").empty());
    CHECK(sensitiveFieldsOf(Json::array(), "a/b").empty());
}

TEST_CASE("bad mapping files are refused with a French reason") {
    std::string why;
    CHECK_FALSE(parsePrefillMapping("{}", &why));
    CHECK(why.find("correspondance plateforme") == 0);
    std::string bad = kMapping;
    bad.replace(bad.find("\"stable_id\": 123"), 16, "\"stable_id\": -3");
    CHECK_FALSE(parsePrefillMapping(bad, &why));
    bad = kMapping;
    bad.replace(bad.find("https://"), 8, "http://");
    CHECK_FALSE(parsePrefillMapping(bad, &why));
}
}
