// Signed sections out of a verified bundle, merged into a dossier without losing newer local work; bundles inside hand-off copies.
#include "core/dossier_exchange.hpp"

#include "core/base64url.hpp"
#include "core/json_strict.hpp"

#include <map>

namespace passerelle::dossiers {
std::optional<Json> takeEmbeddedBundle(Json& document) {
    if (!document.is_object()) return std::nullopt;
    const auto it = document.find(kEmbeddedBundleKey);
    if (it == document.end()) return std::nullopt;
    Json bundle = std::move(*it);
    document.erase(kEmbeddedBundleKey);
    return bundle;
}

std::optional<std::vector<Section>> signedSectionsOf(const Json& bundle, const BundleReport& report, std::string* error) {
    auto fail = [&](const std::string& why) -> std::optional<std::vector<Section>> {
        if (error) *error = why;
        return std::nullopt;
    };
    // Only a verified bundle is read: its members then have the documented shapes.
    if (!report.valid || !bundle.is_object() || !bundle.contains("sections") || !bundle["sections"].is_array())
        return fail("paquet signé non vérifié : " + (report.error.empty() ? std::string("invalide") : report.error));
    std::map<std::string, std::string> contents;
    if (const auto it = bundle.find("attachments"); it != bundle.end() && it->is_array())
        for (const auto& a : *it) contents[textOr(a, "sha256")] = textOr(a, "content_b64");
    std::vector<Section> out;
    for (const auto& wrapper : bundle["sections"]) {
        const std::string id = textOr(wrapper, "id");
        const Json* jws = wrapper.is_object() && wrapper.contains("jws") ? &wrapper["jws"] : nullptr;
        const auto payload = base64UrlDecode(jws ? textOr(*jws, "payload") : std::string());
        if (!payload) return fail("section « " + id + " » : contenu signé illisible");
        JsonError jerr;
        auto p = parseStrict(std::string_view(reinterpret_cast<const char*>(payload->data()), payload->size()), &jerr);
        if (!p || !p->is_object() || !p->contains("section")) return fail("section « " + id + " » : contenu signé illisible");
        std::string why;
        auto s = sectionFromJson(std::move((*p)["section"]), &why);
        if (!s) return fail("section « " + id + " » : " + why);
        for (auto& a : s->attachments)
            if (const auto c = contents.find(a.sha256); c != contents.end() && !c->second.empty()) a.contentB64 = c->second;
        if (auto record = signatureRecord(report, s->id)) s->signature = std::move(*record);
        out.push_back(std::move(*s));
    }
    return out;
}

BundleIntake takeSignedSections(Dossier& d, const std::vector<Section>& sections) {
    BundleIntake r;
    for (const auto& s : sections) {
        Section* ls = d.section(s.id);
        if (!ls) {
            d.sections.push_back(s);
            r.taken.push_back(s.id);
        } else if (s.version > ls->version) {
            ls->fields = s.fields;
            ls->attachments = s.attachments;
            ls->signature = s.signature;
            ls->version = s.version;
            r.taken.push_back(s.id);
        } else if (s.version == ls->version && ls->fields == s.fields && ls->attachments.size() == s.attachments.size()) {
            bool same = true;
            for (std::size_t i = 0; i < s.attachments.size(); ++i)
                same = same && s.attachments[i].sha256 == ls->attachments[i].sha256 && s.attachments[i].field == ls->attachments[i].field;
            if (same) {
                ls->signature = s.signature;
                r.learned.push_back(s.id);
            } else {
                r.kept.push_back(s.id);
            }
        } else {
            r.kept.push_back(s.id);
        }
    }
    return r;
}

Dossier dossierFromSignedSections(const DossierDef& def, const std::string& id, const std::vector<Section>& sections,
                                  const Ymd& on) {
    Dossier d;
    d.id = id;
    d.scheme = def.scheme;
    d.createdOn = formatIsoDate(on);
    for (const auto& sd : def.sections) d.sections.push_back({sd.id, sd.role, 0, Json::object(), {}, nullptr, Json::object()});
    (void)takeSignedSections(d, sections);
    d.title = def.title;
    for (const auto& s : sections) {
        const std::string last = textOr(s.fields, "nom"), first = textOr(s.fields, "prenom");
        if (last.empty() || first.empty()) continue;
        d.title = last + " " + first + " — " + def.title;
        break;
    }
    return d;
}

} // namespace passerelle::dossiers
