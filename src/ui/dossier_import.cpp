// Importing a received hand-off copy or signed bundle: checked, merged into (or added to) the store, French outcome.
//
// [SECTION] Helpers
// [SECTION] Hand-off copies (passerelle.dossier/1)
// [SECTION] Signed bundles (passerelle.bundle/1)
// [SECTION] Entry point
#include "ui/dossier_import.hpp"

#include "core/bundle.hpp"
#include "core/dossier.hpp"
#include "core/dossier_exchange.hpp"
#include "core/json_strict.hpp"
#include "ui/dossier_service.hpp"
#include "ui/key_store.hpp"

namespace passerelle::ui {
namespace {

namespace pd = passerelle::dossiers;

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

bool fail(std::string* message, const std::string& fileName, const std::string& why) {
    if (message) *message = "« " + fileName + " » n'a pas été importé : " + why + ".";
    return false;
}

// A bundle travelling inside a hand-off copy (top-level "bundle", see docs/dossier-editor.md): kept only
// when it verifies and belongs to this dossier, so that a damaged one never replaces ours.
std::string keepEmbeddedBundle(const pd::Dossier& d, const Json& bundle) {
    std::string trustError;
    const TrustList trust = storedTrustList(&trustError);
    const BundleReport r = verifyBundleJson(bundle, &trust);
    if (!r.valid) return "paquet signé joint illisible ou invalide (" + r.error + ") : ignoré";
    if (r.bundleId != d.id) return "paquet signé joint d'un autre dossier : ignoré";
    std::string error;
    if (!saveStoredBundle(d.id, bundle, &error)) return "paquet signé joint non enregistré : " + error;
    return {};
}

//-----------------------------------------------------------------------------
// [SECTION] Hand-off copies (passerelle.dossier/1)
//-----------------------------------------------------------------------------

bool importCopy(AppContext& ctx, const std::string& fileName, Json doc, std::string* message) {
    const std::optional<Json> embedded = pd::takeEmbeddedBundle(doc);
    std::string err;
    auto theirs = pd::dossierFromJson(std::move(doc), &err);
    if (!theirs) return fail(message, fileName, "dossier illisible : " + err);
    const pd::DossierDefs* defs = dossierDefs();
    auto* store = dossierStore();
    if (!defs || !store) return fail(message, fileName, "les dossiers ne sont pas ouverts");
    const pd::DossierDef* def = defs->find(theirs->scheme);
    if (!def) return fail(message, fileName, "dispositif inconnu « " + theirs->scheme + " »");

    const std::string now = pd::utcNowIso();
    std::string role = establishmentRole();
    const std::string to = textOr(theirs->handoff, "to");
    const std::string from = textOr(theirs->handoff, "from");
    std::string outcome;

    if (const pd::Dossier* found = store->find(theirs->id)) {
        pd::Dossier local = *found;
        const pd::MergeReport m = pd::mergeDossier(*def, local, *theirs, now);
        if (!m.ok) return fail(message, fileName, m.error);
        if (!saveStoredDossier(local, &err)) return fail(message, fileName, err);
        outcome = "Dossier « " + local.title + " » mis à jour";
        if (!m.taken.empty()) outcome += " : sections reprises : " + join(m.taken);
        if (!m.conflicts.empty())
            outcome += " ; conflits à résoudre (modifiées des deux côtés) : " + join(m.conflicts);
        if (m.taken.empty() && m.conflicts.empty()) outcome += " : rien de nouveau";
        if (!m.ignored.empty()) outcome += " ; " + join(m.ignored);
    } else {
        pd::Dossier d = std::move(*theirs);
        // A copy meant for us and no role chosen yet: the copy says who we are.
        if (role.empty() && !to.empty() && setEstablishmentRole(to, nullptr)) role = to;
        d.history.push_back({now, "importe", role,
                             "copie reçue" + (from.empty() ? std::string() : " de " + pd::roleLabel(from)) +
                                 " (fichier « " + fileName + " »)"});
        d.updatedAt = now;
        if (!saveStoredDossier(d, &err)) return fail(message, fileName, err);
        outcome = "Dossier « " + d.title + " » ajouté";
        if (!to.empty()) {
            outcome += " : sections à remplir par " + pd::roleLabel(to) + " : " + join(pd::editableSections(d, to));
            if (!role.empty() && role != to)
                outcome += " (attention : cette copie est destinée à " + pd::roleLabel(to) + ", pas à " +
                           pd::roleLabel(role) + ")";
        }
        theirs = std::move(d);
    }
    if (embedded) {
        const std::string note = keepEmbeddedBundle(*theirs, *embedded);
        outcome += note.empty() ? " ; signatures déjà faites reçues avec la copie" : " ; " + note;
    }
    ctx.openDossierId = theirs->id;
    if (message) *message = outcome + ".";
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Signed bundles (passerelle.bundle/1)
//-----------------------------------------------------------------------------

bool importBundle(AppContext& ctx, const std::string& fileName, const Json& bundle, std::string* message) {
    std::string trustError;
    const TrustList trust = storedTrustList(&trustError);
    const BundleReport report = verifyBundleJson(bundle, &trust);
    if (!report.valid) return fail(message, fileName, "paquet signé invalide : " + report.error);
    const pd::DossierDefs* defs = dossierDefs();
    auto* store = dossierStore();
    if (!defs || !store) return fail(message, fileName, "les dossiers ne sont pas ouverts");
    const pd::DossierDef* def = defs->find(report.scheme);
    if (!def) return fail(message, fileName, "dispositif inconnu « " + report.scheme + " »");
    std::string err;
    const auto sections = pd::signedSectionsOf(bundle, report, &err);
    if (!sections) return fail(message, fileName, err);

    const std::string now = pd::utcNowIso();
    const std::string role = establishmentRole();
    const pd::Dossier* found = store->find(report.bundleId);
    pd::Dossier d;
    std::vector<std::string> taken, kept;
    if (found) {
        d = *found;
        const pd::BundleIntake intake = pd::takeSignedSections(d, *sections);
        taken = intake.taken;
        kept = intake.kept;
    } else {
        d = pd::dossierFromSignedSections(*def, report.bundleId, *sections, pd::todayUtc());
        for (const auto& s : *sections) taken.push_back(s.id);
    }
    d.history.push_back({now, "importe", role,
                         "paquet signé reçu (fichier « " + fileName + " ») : " +
                             (taken.empty() ? std::string("aucune section nouvelle") : "sections reprises : " + join(taken))});
    d.updatedAt = now;
    pd::refreshState(*def, d, role, now);
    if (!saveStoredDossier(d, &err)) return fail(message, fileName, err);
    if (!saveStoredBundle(d.id, bundle, &err)) return fail(message, fileName, err);
    ctx.openDossierId = d.id;
    std::string outcome = std::string(found ? "Dossier « " : "Dossier ajouté « ") + d.title + " » : paquet signé vérifié";
    outcome += taken.empty() ? ", aucune section nouvelle" : ", sections reprises : " + join(taken);
    if (!kept.empty()) outcome += " ; plus récentes ici, gardées : " + join(kept);
    if (message) *message = outcome + ".";
    return true;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Entry point
//-----------------------------------------------------------------------------

bool importReceivedDossier(AppContext& ctx, const std::string& fileName, const std::string& bytes, std::string* message) {
    if (dossierStoreReadOnly())
        return fail(message, fileName, "cet onglet est en lecture seule (Passerelle est ouvert dans un autre onglet)");
    JsonError jerr;
    auto doc = parseStrict(bytes, &jerr);
    if (!doc) return fail(message, fileName, "fichier illisible (" + jerr.message + ")");
    if (!doc->is_object()) return fail(message, fileName, "ce n'est ni un dossier transmis ni un paquet signé");
    const std::string format = textOr(*doc, "format");
    if (format == kBundleFormat) return importBundle(ctx, fileName, *doc, message);
    if (format == pd::kDossierFormat || doc->contains("sections"))
        return importCopy(ctx, fileName, std::move(*doc), message);
    return fail(message, fileName, "ce n'est ni un dossier transmis ni un paquet signé (format « " + format + " »)");
}

} // namespace passerelle::ui
