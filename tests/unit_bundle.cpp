// Tests of signed bundles: the multi-party flow, trust lists, and every way to tamper with a bundle.
#include "core/bundle.hpp"
#include "core/jcs.hpp"
#include "core/jws.hpp"
#include "core/sodium_util.hpp"

#include <doctest/doctest.h>

using namespace passerelle;

namespace {

SigningKey keyFrom(std::uint8_t tag) {
    std::uint8_t seed[32];
    for (int i = 0; i < 32; ++i)
        seed[i] = static_cast<std::uint8_t>(tag + i * 13);
    return SigningKey::fromSeed(seed);
}
const SigningKey& college() { static const SigningKey k = keyFrom(1); return k; }
const SigningKey& cfa() { static const SigningKey k = keyFrom(2); return k; }
const SigningKey& stranger() { static const SigningKey k = keyFrom(3); return k; }

const std::string kPdf = "%PDF-1.4 convention de stage (exemple)";
constexpr const char* kAt = "2026-05-06T09:12:00Z";

Json sampleDossier(const std::string& id = "3f1c9a0e7b2d4c6f8a1b2c3d4e5f6a7b") {
    return Json{
        {"format", "passerelle.dossier/1"},
        {"id", id},
        {"scheme", "paca-2026/securisation-entree-15-ans"},
        {"created_on", "2026-05-04"},
        {"state", "complet"},
        {"sections",
         Json::array(
             {Json{{"id", "etablissement"}, {"role", "college"}, {"version", 1},
                   {"fields", {{"uai", "0131234X"}, {"nom", "Collège Anatole France"}}}, {"attachments", Json::array()},
                   {"signature", nullptr}},
              Json{{"id", "eleve"}, {"role", "college"}, {"version", 2},
                   {"fields", {{"nom", "Martin"}, {"prenom", "Léa"}, {"date_naissance", "2011-10-01"}, {"accord", true}}},
                   {"attachments", Json::array()}, {"signature", nullptr}},
              Json{{"id", "cfa"}, {"role", "cfa"}, {"version", 1},
                   {"fields", {{"uai", "0133333Z"}, {"nom", "CFA des Métiers"}, {"heures", 35}}},
                   {"attachments", Json::array({Json{{"field", "convention_stage"}, {"name", "convention.pdf"},
                                                     {"media_type", "application/pdf"}, {"size", kPdf.size()},
                                                     {"sha256", sha256Hex(kPdf)},
                                                     {"content_b64", base64StdEncode(kPdf)}}})},
                   {"signature", nullptr}}})},
        {"history", Json::array()}};
}

Json mustSign(const Json& dossier, const char* role, const SigningKey& key, const Json* into) {
    const auto out = signSections(dossier, role, key, into, kAt);
    REQUIRE_MESSAGE(out.bundle, out.error);
    return *out.bundle;
}
Json mustCosign(const Json& bundle, const char* role, const SigningKey& key) {
    const auto out = signManifest(bundle, role, key);
    REQUIRE_MESSAGE(out.bundle, out.error);
    return *out.bundle;
}
Json completeBundle() {
    const Json d = sampleDossier();
    Json b = mustSign(d, "college", college(), nullptr);
    b = mustSign(d, "cfa", cfa(), &b);
    b = mustCosign(b, "cfa", cfa());
    return mustCosign(b, "college", college());
}
std::string verdict(const Json& bundle, const TrustList* trust = nullptr) {
    const auto r = verifyBundleJson(bundle, trust);
    return r.valid ? "<valide>" : r.error;
}
// Which bytes of a JSON text lie outside string literals (where whitespace is insignificant).
std::vector<bool> outsideStrings(const std::string& text) {
    std::vector<bool> out(text.size(), true);
    bool in = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (in) {
            out[i] = false;
            if (escaped)
                escaped = false;
            else if (text[i] == '\\')
                escaped = true;
            else if (text[i] == '"')
                in = false;
        } else if (text[i] == '"') {
            in = true;
            out[i] = false;
        }
    }
    return out;
}
bool isJsonSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

} // namespace

TEST_SUITE("bundle") {
TEST_CASE("collège then CFA: sections, then the manifest co-signed by both") {
    const Json d = sampleDossier();
    const Json b1 = mustSign(d, "college", college(), nullptr);
    auto r = verifyBundleJson(b1);
    REQUIRE_MESSAGE(r.valid, r.error);
    CHECK(r.sections.size() == 2);
    REQUIRE(r.missing.size() == 1);
    CHECK(r.missing[0] == std::make_pair(std::string("cfa"), std::string("cfa")));
    CHECK_FALSE(r.manifestPresent);
    CHECK_FALSE(r.complete());
    CHECK(r.sections[0].signedAt == kAt);
    CHECK(r.sections[0].kid == college().kid());
    CHECK_FALSE(r.sections[0].knownKey);

    // The manifest waits for every declared section.
    const auto early = signManifest(b1, "college", college());
    CHECK_FALSE(early.bundle);
    CHECK(early.error.find("sections pas encore signées : cfa (cfa)") != std::string::npos);

    const Json b2 = mustSign(d, "cfa", cfa(), &b1);
    r = verifyBundleJson(b2);
    REQUIRE_MESSAGE(r.valid, r.error);
    CHECK(r.missing.empty());
    CHECK(r.manifestPending.size() == 2);
    REQUIRE(r.attachments.size() == 1);
    CHECK(r.attachments[0].embedded);
    CHECK(r.attachments[0].name == "convention.pdf");

    const Json b3 = mustCosign(b2, "cfa", cfa());
    r = verifyBundleJson(b3);
    CHECK(r.manifestPresent);
    CHECK(r.manifestPending == std::vector<std::string>{"college"});
    CHECK_FALSE(r.complete());
    const Json b4 = mustCosign(b3, "college", college());
    r = verifyBundleJson(b4);
    REQUIRE_MESSAGE(r.valid, r.error);
    CHECK(r.complete());
    CHECK(r.manifestSigners == std::vector<std::string>{"cfa", "college"}); // last = submitter
    CHECK(b4["manifest"]["signatures"].size() == 2);
    // Co-signing twice changes nothing.
    const auto again = signManifest(b4, "college", college());
    REQUIRE(again.bundle);
    CHECK(*again.bundle == b4);
}

TEST_CASE("any order of parties gives the same sections") {
    const Json d = sampleDossier();
    Json a = mustSign(d, "cfa", cfa(), nullptr);
    a = mustSign(d, "college", college(), &a);
    a = mustCosign(mustCosign(a, "college", college()), "cfa", cfa());
    const auto r = verifyBundleJson(a);
    REQUIRE_MESSAGE(r.valid, r.error);
    CHECK(r.complete());
    const Json b = completeBundle();
    CHECK(a["sections"] == b["sections"]); // Ed25519 is deterministic, the payloads identical
    CHECK(a["manifest"]["payload"] == b["manifest"]["payload"]);
}

TEST_CASE("the section payload is the JCS of section, bundle id, scheme, version and previous hash") {
    const Json b = completeBundle();
    const auto& w = b["sections"][0];
    std::string why;
    const auto v = verifyFlattened(w["jws"], kSectionTyp, &why);
    REQUIRE(v);
    const Json p = *parseStrict(v->payload);
    CHECK(*canonicalize(p) == v->payload);
    CHECK(p["bundle_id"] == b["bundle_id"]);
    CHECK(p["scheme"] == "paca-2026/securisation-entree-15-ans");
    CHECK(p["section"]["id"] == w["id"]);
    CHECK(p["section"]["version"] == w["version"]);
    CHECK(p["previous"].is_null());
    CHECK(v->header["alg"] == "Ed25519");
    // content_b64 never enters the signed section: the attachment is bound by its SHA-256.
    CHECK(v->payload.find("content_b64") == std::string::npos);
}

TEST_CASE("a trust list turns « clé inconnue » into a named signer, and restricts roles") {
    const std::string jwks = R"J({"keys":[{"kty":"OKP","crv":"Ed25519","x":")J" +
                             publicJwk(college().publicKey())["x"].get<std::string>() +
                             R"J(","name":"Collège Anatole France (Marseille)","roles":["college"]}]})J";
    std::string why;
    const auto trust = TrustList::parse(jwks, &why);
    REQUIRE_MESSAGE(trust, why);
    const auto r = verifyBundleJson(completeBundle(), &*trust);
    REQUIRE_MESSAGE(r.valid, r.error);
    for (const auto& s : r.sections) {
        CHECK(s.knownKey == (s.role == "college"));
        if (s.role == "college")
            CHECK(s.signer == "Collège Anatole France (Marseille)");
    }
    // The same key listed for « lycee » only: its college sections are refused.
    std::string wrongRole = jwks;
    wrongRole.replace(wrongRole.find("[\"college\"]"), 11, "[\"lycee\"]");
    const auto trust2 = TrustList::parse(wrongRole, &why);
    REQUIRE(trust2);
    CHECK(verdict(completeBundle(), &*trust2).find("non autorisée pour le rôle « college »") != std::string::npos);
    // A private key in a trust list is refused outright.
    Json priv{{"keys", Json::array({college().privateJwk()})}};
    CHECK_FALSE(TrustList::parse(priv.dump(), &why));
}

TEST_CASE("every single-byte change of a bundle is rejected, except insignificant whitespace") {
    const std::string text = bundleToText(completeBundle());
    REQUIRE(verifyBundle(text).valid);
    const auto outside = outsideStrings(text);
    std::size_t rejected = 0, whitespaceAccepted = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char original = text[i];
        // Flip the low bit (neighbour digit/letter), flip case, and put a space or newline in.
        for (const char replacement : {static_cast<char>(original ^ 0x01), static_cast<char>(original ^ 0x20), ' ', '\n'}) {
            if (replacement == original)
                continue;
            std::string changed = text;
            changed[i] = replacement;
            const bool insignificant = outside[i] && isJsonSpace(original) && isJsonSpace(replacement);
            const auto r = verifyBundle(changed);
            if (insignificant) {
                CHECK_MESSAGE(r.valid, "octet " << i << " : " << r.error);
                ++whitespaceAccepted;
            } else {
                if (r.valid)
                    FAIL_CHECK("octet " << i << " changé de '" << original << "' en '" << replacement << "' : accepté");
                ++rejected;
            }
        }
    }
    MESSAGE(text.size() << " octets, " << rejected << " changements refusés, " << whitespaceAccepted
                        << " changements d'espacement acceptés");
    CHECK(rejected > 3 * text.size());
    CHECK(whitespaceAccepted > 0);
}

TEST_CASE("a section pasted from another bundle is rejected") {
    Json mine = completeBundle();
    const Json other = mustSign(sampleDossier("autre-dossier-0001"), "cfa", cfa(), nullptr);
    for (auto& w : mine["sections"])
        if (w["id"] == "cfa")
            w = other["sections"][0];
    CHECK(verdict(mine).find("section « cfa » : signée pour un autre paquet") == 0);
    // Even before any manifest exists.
    Json partial = mustSign(sampleDossier(), "college", college(), nullptr);
    partial["sections"].push_back(other["sections"][0]);
    CHECK(verdict(partial).find("autre paquet") != std::string::npos);
    // Nor can a bundle be relabelled with the other id.
    Json relabelled = completeBundle();
    relabelled["bundle_id"] = "autre-dossier-0001";
    CHECK(verdict(relabelled) != "<valide>");
}

TEST_CASE("wrong key for a role is rejected when signing and when verifying") {
    const Json d = sampleDossier();
    const Json b1 = mustSign(d, "college", college(), nullptr);
    const auto sameKey = signSections(d, "cfa", college(), &b1, kAt);
    CHECK_FALSE(sameKey.bundle);
    CHECK(sameKey.error.find("une clé par partie") != std::string::npos);
    const auto secondCollegeKey = signSections(d, "college", stranger(), &b1, kAt);
    CHECK_FALSE(secondCollegeKey.bundle);
    // A hand-made bundle where one key signs for two parties.
    Json forged = b1;
    const Json cfaByCollege = mustSign(d, "cfa", college(), nullptr);
    forged["sections"].push_back(cfaByCollege["sections"][0]);
    CHECK(verdict(forged).find("mauvaise clé pour ce rôle") != std::string::npos);
    // And one where a role is signed by two keys.
    Json twoKeys = mustSign(d, "cfa", cfa(), &b1);
    Json strangerEleve = mustSign(d, "college", stranger(), nullptr);
    for (auto& w : twoKeys["sections"])
        if (w["id"] == "eleve")
            for (const auto& s : strangerEleve["sections"])
                if (s["id"] == "eleve")
                    w = s;
    CHECK(verdict(twoKeys).find("signé par deux clés différentes") != std::string::npos);
    // A stranger cannot co-sign the manifest.
    const auto strangerCosign = signManifest(mustSign(d, "cfa", cfa(), &b1), "cfa", stranger());
    CHECK_FALSE(strangerCosign.bundle);
}

TEST_CASE("a manifest signature by a non-party, or stale after a change, is rejected") {
    const Json complete = completeBundle();
    Json extra = complete;
    extra["manifest"]["signatures"].push_back(
        signGeneralEntry(stranger(), complete["manifest"]["payload"].get<std::string>(), kManifestTyp));
    CHECK(verdict(extra).find("seules les parties du dossier co-signent") != std::string::npos);
    Json dup = complete;
    dup["manifest"]["signatures"].push_back(dup["manifest"]["signatures"][0]);
    CHECK(verdict(dup).find("a co-signé deux fois") != std::string::npos);
    // Swap in a newer, validly signed collège section but keep the old manifest.
    Json d = sampleDossier();
    d["sections"][0]["fields"]["nom"] = "Collège Anatole-France";
    d["sections"][0]["version"] = 2;
    const Json newer = mustSign(d, "college", college(), nullptr);
    Json stale = complete;
    for (auto& w : stale["sections"])
        if (w["id"] == "etablissement")
            w = newer["sections"][1].value("id", "") == "etablissement" ? newer["sections"][1] : newer["sections"][0];
    CHECK(verdict(stale).find("« etablissement » a changé ou été ajoutée après la co-signature") != std::string::npos);
    // Removing a section the manifest binds is caught too.
    Json removed = complete;
    removed["sections"].erase(0);
    CHECK(verdict(removed) != "<valide>");
}

TEST_CASE("new versions: must increase, carry the previous hash, and withdraw the manifest") {
    Json d = sampleDossier();
    const Json complete = completeBundle();
    d["sections"][0]["fields"]["nom"] = "Collège Anatole-France";
    const auto same = signSections(d, "college", college(), &complete, kAt);
    CHECK_FALSE(same.bundle);
    CHECK(same.error.find("la version doit augmenter") != std::string::npos);
    d["sections"][0]["version"] = 2;
    const auto bumped = signSections(d, "college", college(), &complete, "2026-05-07T10:00:00Z");
    REQUIRE_MESSAGE(bumped.bundle, bumped.error);
    CHECK_FALSE(bumped.bundle->contains("manifest"));
    REQUIRE_FALSE(bumped.notes.empty());
    const auto r = verifyBundleJson(*bumped.bundle);
    REQUIRE_MESSAGE(r.valid, r.error);
    std::string oldPayload;
    for (const auto& w : complete["sections"])
        if (w["id"] == "etablissement") {
            const auto bytes = base64UrlDecode(w["jws"]["payload"].get<std::string>());
            oldPayload.assign(bytes->begin(), bytes->end());
        }
    const auto h = sha256(oldPayload);
    for (const auto& s : r.sections) {
        if (s.id == "etablissement") {
            CHECK(s.version == 2);
            CHECK(s.previous == base64UrlEncode(h.data(), h.size()));
        } else {
            CHECK(s.previous.empty()); // unchanged sections keep their signature
        }
    }
    // Without the old bundle, the dossier's signature record carries the previous hash.
    Json d3 = d;
    d3["sections"][0]["fields"]["nom"] = "Collège A. France";
    d3["sections"][0]["version"] = 3;
    d3["sections"][0]["signature"] = *signatureRecord(r, "etablissement");
    CHECK(d3["sections"][0]["signature"]["version"] == 2);
    const Json fresh = mustSign(d3, "college", college(), nullptr);
    const auto r3 = verifyBundleJson(fresh);
    REQUIRE(r3.valid);
    for (const auto& s : r3.sections)
        if (s.id == "etablissement")
            CHECK(s.previous == d3["sections"][0]["signature"]["digest"]);
    d["sections"][0]["version"] = 1;
    const auto older = signSections(d, "college", college(), &*bumped.bundle, kAt);
    CHECK_FALSE(older.bundle);
}

TEST_CASE("attachments: embedded content must match its signed SHA-256 and size") {
    Json b = completeBundle();
    REQUIRE(b.contains("attachments"));
    Json changed = b;
    std::string other = kPdf;
    other[0] = '#';
    changed["attachments"][0]["content_b64"] = base64StdEncode(other);
    CHECK(verdict(changed).find("contenu modifié") != std::string::npos);
    Json stray = b;
    stray["attachments"].push_back(Json{{"sha256", sha256Hex("x")}, {"content_b64", base64StdEncode("x")}});
    CHECK(verdict(stray).find("n'est référencée par aucune section") != std::string::npos);
    Json without = b;
    without.erase("attachments");
    const auto r = verifyBundleJson(without);
    REQUIRE(r.valid); // referenced only: the file travels separately
    CHECK_FALSE(r.attachments[0].embedded);
    Json d = sampleDossier();
    d["sections"][2]["attachments"][0]["content_b64"] = base64StdEncode(other);
    const auto lying = signSections(d, "cfa", cfa(), nullptr, kAt);
    CHECK_FALSE(lying.bundle);
    CHECK(lying.error.find("ne correspond pas à son SHA-256") != std::string::npos);
}

TEST_CASE("signing refuses floats, unknown roles, roles without sections and foreign bundles") {
    Json d = sampleDossier();
    d["sections"][2]["fields"]["heures"] = 35.5;
    auto out = signSections(d, "cfa", cfa(), nullptr, kAt);
    CHECK_FALSE(out.bundle);
    CHECK(out.error.find("nombre à virgule interdit") != std::string::npos);
    out = signSections(sampleDossier(), "directeur", cfa(), nullptr, kAt);
    CHECK(out.error.find("rôle inconnu") == 0);
    out = signSections(sampleDossier(), "entreprise", cfa(), nullptr, kAt);
    CHECK(out.error.find("aucune section du rôle « entreprise »") == 0);
    const Json b = completeBundle();
    out = signSections(sampleDossier("autre-dossier-0001"), "cfa", cfa(), &b, kAt);
    CHECK(out.error.find("ce paquet concerne un autre dossier") == 0);
    Json broken = b;
    broken["sections"][0]["version"] = 7;
    out = signSections(sampleDossier(), "cfa", cfa(), &broken, kAt);
    CHECK(out.error.find("le paquet reçu est invalide") == 0);
}

TEST_CASE("structure: unknown members, wrong format, unsigned extras, wrapper mismatch") {
    const Json b = completeBundle();
    Json x = b;
    x["commentaire"] = "ajout";
    CHECK(verdict(x).find("membre inconnu « commentaire »") != std::string::npos);
    x = b;
    x["format"] = "passerelle.bundle/2";
    CHECK(verdict(x).find("format inconnu") != std::string::npos);
    x = b;
    x["sections"][0]["note"] = "ajout";
    CHECK(verdict(x).find("membre inconnu « note »") != std::string::npos);
    x = b;
    x["sections"][0]["role"] = "lycee";
    CHECK(verdict(x).find("l'enveloppe (id, role, version) ne correspond pas") != std::string::npos);
    x = b;
    x["manifest"]["signatures"][0]["header"] = Json{{"kid", "x"}};
    CHECK(verdict(x).find("non protégé") != std::string::npos);
    x = b;
    x["sections"].push_back(x["sections"][0]);
    CHECK(verdict(x).find("présente deux fois") != std::string::npos);
    CHECK_FALSE(verifyBundle("{\"format\":").readable);
    CHECK(verifyBundle("[]").readable);
    CHECK_FALSE(verifyBundle("[]").valid);
}
}
