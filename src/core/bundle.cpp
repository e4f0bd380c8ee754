// Signed bundles: building them party by party and verifying them strictly.
//
// [SECTION] Helpers
// [SECTION] Verification
// [SECTION] Signing sections
// [SECTION] Co-signing the manifest
#include "core/bundle.hpp"

#include "core/jcs.hpp"
#include "core/jws.hpp"
#include "core/sodium_util.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

namespace passerelle {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

// Members of an object must be exactly `required` plus any of `optional`; returns the offender.
std::string unexpectedMember(const Json& obj, std::initializer_list<const char*> required,
                             std::initializer_list<const char*> optional = {}) {
    for (const char* r : required)
        if (!obj.contains(r))
            return std::string("membre manquant « ") + r + " »";
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const bool known = std::any_of(required.begin(), required.end(), [&](const char* k) { return it.key() == k; }) ||
                           std::any_of(optional.begin(), optional.end(), [&](const char* k) { return it.key() == k; });
        if (!known)
            return "membre inconnu « " + it.key() + " »";
    }
    return {};
}

bool isNonEmptyString(const Json& v) { return v.is_string() && !v.get_ref<const std::string&>().empty(); }

bool isPositiveInteger(const Json& v) {
    return (v.is_number_unsigned() || v.is_number_integer()) && v.get<std::int64_t>() >= 1;
}

bool isSha256Hex(const Json& v) {
    if (!v.is_string() || v.get_ref<const std::string&>().size() != 64)
        return false;
    return std::all_of(v.get_ref<const std::string&>().begin(), v.get_ref<const std::string&>().end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool isUtcTimestamp(const Json& v) {
    if (!v.is_string())
        return false;
    const auto& s = v.get_ref<const std::string&>();
    static const char* shape = "dddd-dd-ddTdd:dd:ddZ";
    if (s.size() != 20)
        return false;
    for (std::size_t i = 0; i < 20; ++i)
        if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i])
            return false;
    return true;
}

std::string digestB64(std::string_view data) {
    const auto h = sha256(data);
    return base64UrlEncode(h.data(), h.size());
}

// The payload must be exactly the RFC 8785 form of what it says (integers only): one spelling per
// content, so a verifier in another language recomputes the same bytes.
std::optional<Json> canonicalPayload(const std::string& bytes, std::string* why) {
    JsonError jerr;
    auto doc = parseStrict(bytes, &jerr);
    if (!doc || !doc->is_object()) {
        *why = "contenu signé : JSON invalide";
        return std::nullopt;
    }
    std::string jerr2;
    const auto canon = canonicalize(*doc, &jerr2, JcsOptions{true});
    if (!canon) {
        *why = "contenu signé : " + jerr2;
        return std::nullopt;
    }
    if (*canon != bytes) {
        *why = "contenu signé non canonique (RFC 8785 attendu)";
        return std::nullopt;
    }
    return doc;
}

const Json* findSection(const Json& bundle, std::string_view id) {
    for (const auto& s : bundle["sections"])
        if (s["id"] == id)
            return &s;
    return nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] Verification
//-----------------------------------------------------------------------------

struct Verifier {
    const TrustList* trust = nullptr;
    BundleReport report;
    std::map<std::string, std::string> roleToKid, kidToRole;
    std::map<std::string, std::pair<std::string, std::int64_t>> signedAttachments; // sha256 → (section, size)
    std::set<std::pair<std::string, std::string>> declared;                       // (id, role)

    bool fail(const std::string& where, const std::string& why) {
        report.valid = false;
        report.error = where.empty() ? why : where + " : " + why;
        return false;
    }

    bool checkSection(const Json& wrapper, std::size_t index, const Json& bundle) {
        std::string where = "section n° " + std::to_string(index + 1);
        if (!wrapper.is_object())
            return fail(where, "un objet est attendu");
        if (wrapper.contains("id") && isNonEmptyString(wrapper["id"]))
            where = "section « " + wrapper["id"].get<std::string>() + " »";
        if (const auto bad = unexpectedMember(wrapper, {"id", "role", "version", "jws"}); !bad.empty())
            return fail(where, bad);
        std::string why;
        const auto jws = verifyFlattened(wrapper["jws"], kSectionTyp, &why);
        if (!jws)
            return fail(where, why);
        const auto payload = canonicalPayload(jws->payload, &why);
        if (!payload)
            return fail(where, why);
        const Json& p = *payload;
        if (const auto bad = unexpectedMember(p, {"format", "bundle_id", "scheme", "section", "previous", "signed_at",
                                                  "dossier_sections"});
            !bad.empty())
            return fail(where, "contenu signé : " + bad);
        if (p["format"] != kSectionFormat)
            return fail(where, "format de section inconnu " + p["format"].dump());
        if (p["bundle_id"] != bundle["bundle_id"])
            return fail(where, "signée pour un autre paquet (" + p["bundle_id"].dump() +
                                   ") : section copiée d'un autre dossier, refusée");
        if (p["scheme"] != bundle["scheme"])
            return fail(where, "signée pour un autre dispositif (" + p["scheme"].dump() + ")");
        const Json& s = p["section"];
        if (!s.is_object())
            return fail(where, "contenu signé : « section » doit être un objet");
        if (const auto bad = unexpectedMember(s, {"id", "role", "version", "fields", "attachments"}); !bad.empty())
            return fail(where, "contenu signé : " + bad);
        if (!isNonEmptyString(s["id"]) || !s["role"].is_string() || !isKnownRole(s["role"].get<std::string>()) ||
            !isPositiveInteger(s["version"]) || !s["fields"].is_object() || !s["attachments"].is_array())
            return fail(where, "contenu signé : id, rôle connu, version ≥ 1, fields et attachments exigés");
        if (wrapper["id"] != s["id"] || wrapper["role"] != s["role"] || wrapper["version"] != s["version"])
            return fail(where, "l'enveloppe (id, role, version) ne correspond pas au contenu signé");
        if (!p["previous"].is_null()) {
            const auto prev = p["previous"].is_string() ? base64UrlDecode(p["previous"].get<std::string>()) : std::nullopt;
            if (!prev || prev->size() != 32)
                return fail(where, "« previous » doit être null ou une empreinte SHA-256 en base64url");
        }
        if (!isUtcTimestamp(p["signed_at"]))
            return fail(where, "« signed_at » doit être une date UTC AAAA-MM-JJTHH:MM:SSZ");
        if (!p["dossier_sections"].is_array())
            return fail(where, "« dossier_sections » doit être une liste");
        for (const auto& d : p["dossier_sections"]) {
            if (!d.is_object() || !unexpectedMember(d, {"id", "role"}).empty() || !isNonEmptyString(d["id"]) ||
                !d["role"].is_string() || !isKnownRole(d["role"].get<std::string>()))
                return fail(where, "« dossier_sections » : chaque entrée est {id, role}");
            declared.emplace(d["id"].get<std::string>(), d["role"].get<std::string>());
        }

        SectionCheck check;
        check.id = s["id"].get<std::string>();
        check.role = s["role"].get<std::string>();
        check.version = s["version"].get<std::int64_t>();
        check.kid = jws->kid;
        check.signedAt = p["signed_at"].get<std::string>();
        check.previous = p["previous"].is_null() ? "" : p["previous"].get<std::string>();
        check.digest = digestB64(jws->signingInput);
        check.payloadDigest = digestB64(jws->payload);
        where = "section « " + check.id + " »";
        if (std::any_of(report.sections.begin(), report.sections.end(), [&](const auto& o) { return o.id == check.id; }))
            return fail(where, "présente deux fois");

        // One key per role and one role per key in a bundle: a key cannot speak for two parties.
        if (const auto it = roleToKid.find(check.role); it != roleToKid.end() && it->second != check.kid)
            return fail(where, "le rôle « " + check.role + " » est signé par deux clés différentes");
        if (const auto it = kidToRole.find(check.kid); it != kidToRole.end() && it->second != check.role)
            return fail(where, "la même clé signe pour « " + it->second + " » et « " + check.role +
                                   " » : mauvaise clé pour ce rôle");
        roleToKid[check.role] = check.kid;
        kidToRole[check.kid] = check.role;
        if (trust) {
            if (const TrustedKey* known = trust->find(check.kid)) {
                if (!known->roles.empty() &&
                    std::find(known->roles.begin(), known->roles.end(), check.role) == known->roles.end())
                    return fail(where, "signée par " + known->name + ", clé connue mais non autorisée pour le rôle « " +
                                           check.role + " »");
                check.knownKey = true;
                check.signer = known->name;
            }
        }
        for (const auto& a : s["attachments"]) {
            if (!a.is_object() || !unexpectedMember(a, {"field", "name", "media_type", "size", "sha256"}).empty() ||
                !a["field"].is_string() || !a["name"].is_string() || !a["media_type"].is_string() ||
                !(a["size"].is_number_unsigned() || a["size"].is_number_integer()) || a["size"].get<std::int64_t>() < 0 ||
                !isSha256Hex(a["sha256"]))
                return fail(where, "pièce jointe : {field, name, media_type, size, sha256} attendus");
            AttachmentCheck ac;
            ac.section = check.id;
            ac.field = a["field"].get<std::string>();
            ac.name = a["name"].get<std::string>();
            ac.mediaType = a["media_type"].get<std::string>();
            ac.sha256 = a["sha256"].get<std::string>();
            ac.size = a["size"].get<std::int64_t>();
            signedAttachments[ac.sha256] = {check.id, ac.size};
            report.attachments.push_back(std::move(ac));
        }
        report.sections.push_back(std::move(check));
        return true;
    }

    bool checkAttachments(const Json& list) {
        if (!list.is_array())
            return fail("pièces jointes", "une liste est attendue");
        std::set<std::string> seen;
        for (const auto& a : list) {
            if (!a.is_object() || !unexpectedMember(a, {"sha256", "content_b64"}).empty() || !isSha256Hex(a["sha256"]) ||
                !a["content_b64"].is_string())
                return fail("pièces jointes", "chaque entrée est {sha256, content_b64}");
            const auto sha = a["sha256"].get<std::string>();
            const auto it = signedAttachments.find(sha);
            if (it == signedAttachments.end())
                return fail("pièce jointe " + sha.substr(0, 12) + "…", "n'est référencée par aucune section signée");
            const std::string where = "section « " + it->second.first + " », pièce jointe " + sha.substr(0, 12) + "…";
            if (!seen.insert(sha).second)
                return fail(where, "incluse deux fois");
            const auto content = base64StdDecode(a["content_b64"].get_ref<const std::string&>());
            if (!content)
                return fail(where, "contenu : base64 invalide");
            if (static_cast<std::int64_t>(content->size()) != it->second.second)
                return fail(where, "taille différente de celle signée");
            const auto h = sha256(*content);
            if (toHex(h.data(), h.size()) != sha)
                return fail(where, "contenu modifié (SHA-256 différent de celui signé)");
            for (auto& ac : report.attachments)
                if (ac.sha256 == sha)
                    ac.embedded = true;
        }
        return true;
    }

    Json expectedManifestSections() const {
        Json out = Json::array();
        for (const auto& s : report.sections)
            out.push_back(Json{{"id", s.id}, {"role", s.role}, {"version", s.version}, {"digest", s.digest}});
        return out;
    }
    Json expectedManifestAttachments() const {
        Json out = Json::array();
        for (const auto& [sha, where] : signedAttachments)
            out.push_back(sha);
        return out;
    }

    bool checkManifest(const Json& m, const Json& bundle) {
        const std::string where = "manifeste";
        if (!m.is_object())
            return fail(where, "un objet est attendu");
        if (const auto bad = unexpectedMember(m, {"payload", "signatures"}); !bad.empty())
            return fail(where, bad);
        if (!m["signatures"].is_array() || m["signatures"].empty())
            return fail(where, "au moins une signature est exigée");
        std::optional<Json> payload;
        std::set<std::string> signers;
        std::size_t n = 0;
        for (const auto& entry : m["signatures"]) {
            ++n;
            const std::string whereSig = where + ", signature n° " + std::to_string(n);
            if (!entry.is_object())
                return fail(whereSig, "un objet est attendu");
            if (entry.contains("header"))
                return fail(whereSig, "en-tête non protégé (« header ») refusé");
            if (const auto bad = unexpectedMember(entry, {"protected", "signature"}); !bad.empty())
                return fail(whereSig, bad);
            std::string why;
            const auto jws = verifyJwsParts(entry["protected"], m["payload"], entry["signature"], kManifestTyp, &why);
            if (!jws)
                return fail(whereSig, why);
            if (!payload) {
                payload = canonicalPayload(jws->payload, &why);
                if (!payload)
                    return fail(where, why);
            }
            const auto role = kidToRole.find(jws->kid);
            if (role == kidToRole.end())
                return fail(whereSig, "clé qui n'a signé aucune section : seules les parties du dossier co-signent");
            if (!signers.insert(jws->kid).second)
                return fail(whereSig, "la partie « " + role->second + " » a co-signé deux fois");
            report.manifestSigners.push_back(role->second);
        }
        const Json& p = *payload;
        if (const auto bad = unexpectedMember(p, {"format", "bundle_id", "scheme", "sections", "attachments"}); !bad.empty())
            return fail(where, "contenu signé : " + bad);
        if (p["format"] != kManifestFormat)
            return fail(where, "format de manifeste inconnu " + p["format"].dump());
        if (p["bundle_id"] != bundle["bundle_id"] || p["scheme"] != bundle["scheme"])
            return fail(where, "signé pour un autre paquet ou un autre dispositif : refusé");
        if (p["sections"] != expectedManifestSections()) {
            // Say which section differs: that is what the user must act on.
            const Json expected = expectedManifestSections();
            for (const auto& e : expected)
                if (std::find(p["sections"].begin(), p["sections"].end(), e) == p["sections"].end())
                    return fail(where, "la section « " + e["id"].get<std::string>() +
                                           " » a changé ou été ajoutée après la co-signature");
            return fail(where, "une section co-signée manque au paquet");
        }
        if (p["attachments"] != expectedManifestAttachments())
            return fail(where, "la liste des pièces jointes ne correspond pas aux sections");
        for (const auto& [kid, role] : kidToRole)
            if (!signers.count(kid))
                report.manifestPending.push_back(role);
        report.manifestPresent = true;
        return true;
    }

    bool run(const Json& bundle) {
        if (!bundle.is_object())
            return fail("paquet", "un objet JSON est attendu");
        if (bundle.value("format", Json()) != kBundleFormat)
            return fail("paquet", "format inconnu (\"" + std::string(kBundleFormat) + "\" attendu)");
        if (const auto bad = unexpectedMember(bundle, {"format", "bundle_id", "scheme", "sections"},
                                              {"attachments", "manifest"});
            !bad.empty())
            return fail("paquet", bad);
        if (!isNonEmptyString(bundle["bundle_id"]) || !isNonEmptyString(bundle["scheme"]))
            return fail("paquet", "bundle_id et scheme doivent être des textes non vides");
        report.bundleId = bundle["bundle_id"].get<std::string>();
        report.scheme = bundle["scheme"].get<std::string>();
        if (!bundle["sections"].is_array() || bundle["sections"].empty())
            return fail("paquet", "aucune section signée");
        for (std::size_t i = 0; i < bundle["sections"].size(); ++i)
            if (!checkSection(bundle["sections"][i], i, bundle))
                return false;
        std::sort(report.sections.begin(), report.sections.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
        if (bundle.contains("attachments") && !checkAttachments(bundle["attachments"]))
            return false;
        if (bundle.contains("manifest") && !checkManifest(bundle["manifest"], bundle))
            return false;
        if (!bundle.contains("manifest"))
            for (const auto& [kid, role] : kidToRole)
                report.manifestPending.push_back(role);
        for (const auto& entry : declared) // (clang 14 lambdas cannot capture structured bindings)
            if (std::none_of(report.sections.begin(), report.sections.end(),
                             [&](const auto& s) { return s.id == entry.first; }))
                report.missing.push_back(entry);
        report.valid = true;
        return true;
    }
};

} // namespace

BundleReport verifyBundleJson(const Json& bundle, const TrustList* trust) {
    Verifier v;
    v.trust = trust;
    v.report.readable = true;
    if (!sodiumReady()) {
        v.fail("", "libsodium n'a pas pu démarrer");
        return v.report;
    }
    v.run(bundle);
    return std::move(v.report);
}

BundleReport verifyBundle(std::string_view text, const TrustList* trust) {
    JsonError jerr;
    const auto doc = parseStrict(text, &jerr);
    if (!doc) {
        BundleReport r;
        r.error = "paquet illisible : " + jerr.message;
        return r;
    }
    return verifyBundleJson(*doc, trust);
}

//-----------------------------------------------------------------------------
// [SECTION] Signing sections
//-----------------------------------------------------------------------------

namespace {

SignOutcome refuse(std::string message) {
    SignOutcome out;
    out.error = std::move(message);
    return out;
}

// The section JWS payload of a verified bundle (the verifier already vetted it).
std::string payloadBytesOf(const Json& wrapper) {
    const auto bytes = base64UrlDecode(wrapper["jws"]["payload"].get<std::string>());
    return std::string(bytes->begin(), bytes->end());
}
Json payloadOf(const Json& wrapper) { return *parseStrict(payloadBytesOf(wrapper)); }

} // namespace

SignOutcome signSections(const Json& dossier, std::string_view role, const SigningKey& key, const Json* into,
                         std::string_view signedAt) {
    if (!sodiumReady())
        return refuse("libsodium n'a pas pu démarrer");
    if (!isKnownRole(role))
        return refuse("rôle inconnu « " + std::string(role) + " »");
    if (!dossier.is_object() || !isNonEmptyString(dossier.value("id", Json())) ||
        !isNonEmptyString(dossier.value("scheme", Json())) || !dossier.value("sections", Json()).is_array())
        return refuse("dossier illisible : id, scheme et sections sont exigés (format passerelle.dossier/1)");
    if (dossier.contains("format") && dossier["format"] != "passerelle.dossier/1")
        return refuse("format de dossier inconnu " + dossier["format"].dump());
    if (!isUtcTimestamp(Json(std::string(signedAt))))
        return refuse("date de signature invalide : " + std::string(signedAt));

    Json bundle;
    if (into) {
        const auto report = verifyBundleJson(*into);
        if (!report.valid)
            return refuse("le paquet reçu est invalide, rien n'a été signé : " + report.error);
        if ((*into)["bundle_id"] != dossier["id"] || (*into)["scheme"] != dossier["scheme"])
            return refuse("ce paquet concerne un autre dossier (" + (*into)["bundle_id"].get<std::string>() +
                          ") : rien n'a été signé");
        bundle = *into;
        for (const auto& s : report.sections) {
            if (s.role == role && s.kid != key.kid())
                return refuse("le rôle « " + std::string(role) + " » est déjà signé dans ce paquet par une autre clé (" +
                              s.kid + ")");
            if (s.kid == key.kid() && s.role != role)
                return refuse("cette clé a déjà signé pour le rôle « " + s.role + " » : une clé par partie");
        }
    } else {
        bundle = Json{{"format", kBundleFormat}, {"bundle_id", dossier["id"]}, {"scheme", dossier["scheme"]},
                      {"sections", Json::array()}};
    }

    Json declared = Json::array();
    for (const auto& s : dossier["sections"]) {
        if (!s.is_object() || !isNonEmptyString(s.value("id", Json())) || !s.value("role", Json()).is_string() ||
            !isKnownRole(s["role"].get<std::string>()))
            return refuse("dossier : chaque section doit avoir un id et un rôle connu");
        declared.push_back(Json{{"id", s["id"]}, {"role", s["role"]}});
    }
    std::sort(declared.begin(), declared.end(), [](const Json& a, const Json& b) { return a["id"] < b["id"]; });

    SignOutcome out;
    bool changed = false;
    std::size_t mine = 0;
    Json embedded = bundle.value("attachments", Json::array());
    for (const auto& s : dossier["sections"]) {
        if (s["role"] != role)
            continue;
        ++mine;
        const std::string id = s["id"].get<std::string>();
        const std::string where = "section « " + id + " » : ";
        if (!isPositiveInteger(s.value("version", Json())))
            return refuse(where + "« version » doit être un entier ≥ 1");
        if (!s.value("fields", Json()).is_object())
            return refuse(where + "« fields » doit être un objet");
        Json signedSection{{"id", s["id"]}, {"role", s["role"]}, {"version", s["version"]}, {"fields", s["fields"]},
                           {"attachments", Json::array()}};
        for (const auto& a : s.value("attachments", Json::array())) {
            if (!a.is_object() || !a.value("field", Json()).is_string() || !a.value("name", Json()).is_string() ||
                !a.value("media_type", Json()).is_string() || !isSha256Hex(a.value("sha256", Json())) ||
                !(a.value("size", Json()).is_number_unsigned() || a.value("size", Json()).is_number_integer()))
                return refuse(where + "pièce jointe : field, name, media_type, size et sha256 (hex minuscule) exigés");
            signedSection["attachments"].push_back(Json{{"field", a["field"]}, {"name", a["name"]},
                                                        {"media_type", a["media_type"]}, {"size", a["size"]},
                                                        {"sha256", a["sha256"]}});
            if (a.contains("content_b64") && !a["content_b64"].is_null()) {
                const auto content = a["content_b64"].is_string() ? base64StdDecode(a["content_b64"].get<std::string>())
                                                                  : std::nullopt;
                if (!content)
                    return refuse(where + "pièce jointe « " + a["name"].get<std::string>() + " » : base64 invalide");
                const auto h = sha256(*content);
                if (toHex(h.data(), h.size()) != a["sha256"] || Json(content->size()) != a["size"])
                    return refuse(where + "pièce jointe « " + a["name"].get<std::string>() +
                                  " » : le contenu ne correspond pas à son SHA-256 ou à sa taille");
                const bool present = std::any_of(embedded.begin(), embedded.end(),
                                                 [&](const Json& e) { return e["sha256"] == a["sha256"]; });
                if (!present)
                    embedded.push_back(Json{{"sha256", a["sha256"]}, {"content_b64", a["content_b64"]}});
            }
        }

        Json previous = nullptr;
        if (const Json* existing = findSection(bundle, id)) {
            const Json old = payloadOf(*existing);
            const auto oldVersion = old["section"]["version"].get<std::int64_t>();
            const auto newVersion = s["version"].get<std::int64_t>();
            if (old["section"]["role"] != s["role"])
                return refuse(where + "déjà signée dans ce paquet pour le rôle « " +
                              old["section"]["role"].get<std::string>() + " »");
            if (oldVersion == newVersion) {
                if (old["section"] == signedSection) {
                    out.notes.push_back(where + "déjà signée en version " + std::to_string(newVersion) + ", inchangée");
                    continue;
                }
                return refuse(where + "la version " + std::to_string(newVersion) +
                              " est déjà signée avec un autre contenu : la version doit augmenter à chaque changement");
            }
            if (oldVersion > newVersion)
                return refuse(where + "le paquet contient déjà la version " + std::to_string(oldVersion) +
                              ", plus récente que celle du dossier (" + std::to_string(newVersion) + ")");
            previous = digestB64(payloadBytesOf(*existing));
        } else if (s.contains("signature") && s["signature"].is_object()) {
            // The dossier layer may remember the digest of the version it last had signed.
            const Json& sig = s["signature"];
            if (sig.value("digest", Json()).is_string() && isPositiveInteger(sig.value("version", Json())) &&
                sig["version"].get<std::int64_t>() < s["version"].get<std::int64_t>()) {
                const auto d = base64UrlDecode(sig["digest"].get<std::string>());
                if (d && d->size() == 32)
                    previous = sig["digest"];
            }
        }

        const Json payload{{"format", kSectionFormat}, {"bundle_id", dossier["id"]}, {"scheme", dossier["scheme"]},
                           {"section", signedSection}, {"previous", previous}, {"signed_at", signedAt},
                           {"dossier_sections", declared}};
        std::string jerr;
        const auto canon = canonicalize(payload, &jerr, JcsOptions{true});
        if (!canon)
            return refuse(where + jerr);
        Json wrapper{{"id", s["id"]}, {"role", s["role"]}, {"version", s["version"]},
                     {"jws", signFlattened(key, *canon, kSectionTyp)}};
        bool replaced = false;
        for (auto& w : bundle["sections"])
            if (w["id"] == s["id"]) {
                w = wrapper;
                replaced = true;
            }
        if (!replaced)
            bundle["sections"].push_back(std::move(wrapper));
        changed = true;
    }
    if (mine == 0)
        return refuse("aucune section du rôle « " + std::string(role) + " » dans ce dossier : rien à signer");

    // Keep only embedded contents that a signed section still references.
    std::set<std::string> referenced;
    for (const auto& w : bundle["sections"]) {
        const Json payload = payloadOf(w); // named: a range-for over a temporary's member would dangle
        for (const auto& a : payload["section"]["attachments"])
            referenced.insert(a["sha256"].get<std::string>());
    }
    Json kept = Json::array();
    for (const auto& e : embedded)
        if (referenced.count(e["sha256"].get<std::string>()))
            kept.push_back(e);
    std::sort(kept.begin(), kept.end(), [](const Json& a, const Json& b) { return a["sha256"] < b["sha256"]; });
    if (kept.empty())
        bundle.erase("attachments");
    else
        bundle["attachments"] = kept;
    std::sort(bundle["sections"].begin(), bundle["sections"].end(),
              [](const Json& a, const Json& b) { return a["id"] < b["id"]; });
    if (changed && bundle.contains("manifest")) {
        bundle.erase("manifest");
        out.notes.push_back("le manifeste co-signé a été retiré : les sections ont changé, chaque partie doit le co-signer à nouveau");
    }
    const auto check = verifyBundleJson(bundle);
    if (!check.valid)
        return refuse("paquet produit invalide (erreur interne) : " + check.error);
    out.bundle = std::move(bundle);
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Co-signing the manifest
//-----------------------------------------------------------------------------

SignOutcome signManifest(const Json& bundle, std::string_view role, const SigningKey& key) {
    const auto report = verifyBundleJson(bundle);
    if (!report.valid)
        return refuse("le paquet est invalide, manifeste non signé : " + report.error);
    if (!report.missing.empty()) {
        std::string list;
        for (const auto& [id, r] : report.missing)
            list += (list.empty() ? "" : ", ") + id + " (" + r + ")";
        return refuse("impossible de co-signer le manifeste : sections pas encore signées : " + list);
    }
    const auto mine = std::find_if(report.sections.begin(), report.sections.end(),
                                   [&](const SectionCheck& s) { return s.kid == key.kid(); });
    if (mine == report.sections.end() || mine->role != role)
        return refuse("cette clé n'a signé aucune section du rôle « " + std::string(role) +
                      " » : seules les parties qui ont signé leurs sections co-signent le manifeste");
    Json sections = Json::array();
    for (const auto& s : report.sections)
        sections.push_back(Json{{"id", s.id}, {"role", s.role}, {"version", s.version}, {"digest", s.digest}});
    std::set<std::string> shas;
    for (const auto& a : report.attachments)
        shas.insert(a.sha256);
    const Json payload{{"format", kManifestFormat}, {"bundle_id", bundle["bundle_id"]}, {"scheme", bundle["scheme"]},
                       {"sections", sections}, {"attachments", Json(shas)}};
    const std::string payloadB64 = base64UrlEncode(*canonicalize(payload, nullptr, JcsOptions{true}));
    SignOutcome out;
    Json result = bundle;
    if (result.contains("manifest") && result["manifest"]["payload"] == payloadB64) {
        if (std::find(report.manifestSigners.begin(), report.manifestSigners.end(), std::string(role)) !=
            report.manifestSigners.end()) {
            out.notes.push_back("manifeste déjà co-signé par « " + std::string(role) + " »");
            out.bundle = std::move(result);
            return out;
        }
        result["manifest"]["signatures"].push_back(signGeneralEntry(key, payloadB64, kManifestTyp));
    } else {
        result["manifest"] = Json{{"payload", payloadB64},
                                  {"signatures", Json::array({signGeneralEntry(key, payloadB64, kManifestTyp)})}};
    }
    const auto check = verifyBundleJson(result);
    if (!check.valid)
        return refuse("paquet produit invalide (erreur interne) : " + check.error);
    if (!check.manifestPending.empty()) {
        std::string list;
        for (const auto& r : check.manifestPending)
            list += (list.empty() ? "" : ", ") + r;
        out.notes.push_back("manifeste à co-signer encore par : " + list);
    }
    out.bundle = std::move(result);
    return out;
}

std::optional<Json> signatureRecord(const BundleReport& report, std::string_view sectionId) {
    if (!report.valid)
        return std::nullopt;
    for (const auto& s : report.sections)
        if (s.id == sectionId)
            return Json{{"version", s.version}, {"kid", s.kid}, {"at", s.signedAt}, {"digest", s.payloadDigest}};
    return std::nullopt;
}

std::string describeSignature(const SectionCheck& s) {
    return "signée le " + s.signedAt + " par " +
           (s.knownKey ? s.signer + " (clé connue)" : "clé inconnue (kid " + s.kid + ")");
}

std::string bundleToText(const Json& bundle) { return bundle.dump(2) + "\n"; }

std::string utcNowIso() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace passerelle
