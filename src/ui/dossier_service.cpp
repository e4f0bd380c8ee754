// The app's dossier store on /data: lazy start-up, batched IDBFS saves through the write hook, French problems.
#include "ui/dossier_service.hpp"

#include "core/dossier_def.hpp"
#include "core/dossier_fields.hpp"
#include "core/json_strict.hpp"
#include "platform/storage.hpp"
#include "ui/vault_service.hpp"

#include <chrono>
#include <memory>
#include <set>

namespace passerelle::ui {
namespace {

struct Service {
    std::optional<dossiers::DossierDefs> defs;
    std::unique_ptr<dossiers::DirectoryStore> store;
    dossiers::LoadReport report;
    std::vector<dossiers::QuarantinedFile> quarantined; // at load and when lazy packs opened later
    std::string defsError;
    dossiers::StoreResult lastWrite; // the last save/flush outcome: not ok → shown until a retry works
    bool changedSinceCheckpoint = false;
    double loadMs = 0;
};
Service g;

const char* kReadOnly = "Passerelle est déjà ouvert dans un autre onglet : cet onglet est en lecture seule.";

void collectLate() {
    if (!g.store) return;
    auto late = g.store->takeLateReport();
    if (late.quarantined.empty()) return;
    for (auto& q : late.quarantined) g.quarantined.push_back(std::move(q));
    platform::storageChanged({}); // a pack opened late was set aside: one full comparison saves the move
}

void noteWrite(const dossiers::StoreResult& r) {
    g.lastWrite = r;
    g.changedSinceCheckpoint = true;
}

} // namespace

void openDossierStore() {
    if (!establishmentDataAvailable()) return; // locked: encrypted files are not even read
    std::vector<std::string> errors;
    g.defs = dossiers::DossierDefs::fromTexts(embeddedDossierDefFiles(), &errors);
    if (!g.defs) g.defsError = errors.empty() ? "définitions des dossiers illisibles" : errors.front();
    dossiers::DirectoryStoreOptions opt;
    opt.root = platform::kStorageRoot;
    opt.attachmentsRoot = platform::kAttachmentsRoot;
    opt.lazy = true;
    opt.writeThrough = true; // files in memory (MEMFS) at once; IndexedDB gets them in one batched sync
    opt.codec = vaultCodec();
    g.store = std::make_unique<dossiers::DirectoryStore>(opt);
    const auto start = std::chrono::steady_clock::now();
    g.report = g.store->load();
    g.loadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    g.quarantined = g.report.quarantined;
    g.lastWrite = g.report.result;
    // Packs opened at load changed after the index was written (the tab closed first): the next
    // checkpoint refreshes the index so that the next start-up does not open them again.
    g.changedSinceCheckpoint = g.store->openShardCount() > 0 || !g.report.notes.empty();
    // Set after load(): a read-only tab must not even schedule the saves a migration would ask for.
    g.store->setWriteHook([](const std::vector<std::string>& paths) { platform::storageChanged(paths); });
    // Migrations and quarantines moved files around during load(): one full comparison saves them.
    if (!g.report.quarantined.empty() || !g.report.notes.empty()) platform::storageChanged({});
}

void closeDossierStore() { g = Service{}; }

dossiers::DirectoryStore* dossierStore() { return g.store.get(); }
const dossiers::DossierDefs* dossierDefs() { return g.defs ? &*g.defs : nullptr; }

bool dossierStoreReadOnly() { return platform::storageReadOnly(); }

std::string dossierStoreProblem() {
    collectLate();
    if (!g.defsError.empty()) return "Les dossiers ne peuvent pas être ouverts : " + g.defsError + ".";
    if (!g.lastWrite.ok) {
        return std::string(g.lastWrite.noSpace ? "Espace de stockage plein : " : "Erreur d’enregistrement des dossiers : ") +
               g.lastWrite.message + ". Vos saisies sont gardées dans cet onglet ; « Réessayer » les enregistrera.";
    }
    if (!g.quarantined.empty()) {
        const auto& q = g.quarantined.front();
        std::string s = "Fichier de dossiers illisible mis de côté (" + q.file + " → " + q.movedTo + ") : " + q.reason + ".";
        if (g.quarantined.size() > 1) s += " Et " + std::to_string(g.quarantined.size() - 1) + " autre(s).";
        return s;
    }
    return {};
}

bool dossierStoreNeedsRetry() { return !g.lastWrite.ok; }

dossiers::StoreResult retryDossierStore() {
    dossiers::StoreResult r;
    if (g.store && !dossierStoreReadOnly()) {
        r = g.store->flush();
        g.lastWrite = r;
    }
    platform::storageRetry();
    return r;
}

void checkpointDossierStore() {
    if (!g.store || dossierStoreReadOnly() || !g.changedSinceCheckpoint) return;
    const auto r = g.store->checkpoint();
    if (r.ok) g.changedSinceCheckpoint = false;
    else g.lastWrite = r;
}

std::optional<std::string> createStoredDossier(std::string_view scheme, std::string_view situationJson,
                                               std::string_view role, std::string* error) {
    auto fail = [&](std::string why) -> std::optional<std::string> {
        if (error) *error = std::move(why);
        return std::nullopt;
    };
    if (!g.store || !g.defs) return fail("les dossiers ne sont pas ouverts");
    if (dossierStoreReadOnly()) return fail(kReadOnly);
    const dossiers::DossierDef* def = g.defs->find(scheme);
    if (!def) return fail("dispositif inconnu « " + std::string(scheme) + " »");
    JsonError jerr;
    auto situation = parseStrict(situationJson, &jerr);
    if (!situation || !situation->is_object()) return fail("situation illisible : " + jerr.message);
    dossiers::Ymd on = dossiers::todayUtc();
    if (auto it = situation->find("on"); it != situation->end() && it->is_string()) {
        if (auto d = dossiers::parseIsoDate(it->get<std::string>())) on = *d;
    }
    dossiers::CreateOptions opt;
    opt.role = std::string(role);
    dossiers::Dossier d = dossiers::createDossier(*def, *situation, on, opt);
    const std::string id = d.id;
    const auto r = g.store->save(d);
    noteWrite(r); // kept in memory even when the write failed
    return id;
}

namespace {
// What an edit starts from: the stored dossier (copied, to be saved whole) and its scheme's definition;
// nullptr with the French reason when the store is closed, read-only, or the dossier or scheme unknown.
const dossiers::DossierDef* editableCopy(std::string_view id, dossiers::Dossier& copy, std::string* error) {
    auto fail = [&](std::string why) -> const dossiers::DossierDef* {
        if (error) *error = std::move(why);
        return nullptr;
    };
    if (!g.store || !g.defs) return fail("les dossiers ne sont pas ouverts");
    if (dossierStoreReadOnly()) return fail(kReadOnly);
    const dossiers::Dossier* found = g.store->find(id);
    if (!found) return fail("dossier introuvable");
    const dossiers::DossierDef* def = g.defs->find(found->scheme);
    if (!def) return fail("dispositif inconnu « " + found->scheme + " »");
    copy = *found;
    return def;
}
} // namespace

bool editStoredDossier(std::string_view id, std::string_view sectionId, std::string_view fieldId,
                       std::string_view input, std::string* error) {
    dossiers::Dossier d;
    const dossiers::DossierDef* def = editableCopy(id, d, error);
    if (!def) return false;
    auto fail = [&](std::string why) {
        if (error) *error = std::move(why);
        return false;
    };
    const auto edit = dossiers::setFieldInput(*def, d, "", sectionId, fieldId, input);
    if (!edit.ok) return fail(edit.error);
    noteWrite(g.store->save(d));
    return true;
}

bool saveStoredDossier(const dossiers::Dossier& d, std::string* error) {
    if (!g.store || !g.defs) {
        if (error) *error = "les dossiers ne sont pas ouverts";
        return false;
    }
    if (dossierStoreReadOnly()) {
        if (error) *error = kReadOnly;
        return false;
    }
    noteWrite(g.store->save(d)); // kept in memory even when the write failed: the top bar offers a retry
    return true;
}

bool editStoredDossierAs(std::string_view id, std::string_view editor, std::string_view sectionId,
                         std::string_view fieldId, std::string_view input, std::string* error,
                         std::vector<std::string>* notices) {
    dossiers::Dossier d;
    const dossiers::DossierDef* def = editableCopy(id, d, error);
    if (!def) return false;
    auto fail = [&](std::string why) {
        if (error) *error = std::move(why);
        return false;
    };
    const auto edit = input.empty() ? dossiers::clearField(*def, d, editor, sectionId, fieldId)
                                    : dossiers::setFieldInput(*def, d, editor, sectionId, fieldId, input);
    if (!edit.ok) return fail(edit.error);
    if (notices) *notices = edit.notices;
    noteWrite(g.store->save(d));
    return true;
}

namespace {
const char* kRoleSetting = "establishment_role";
std::string bundleKey(std::string_view id) { return "bundle_" + std::string(id); }
} // namespace

std::string establishmentRole() {
    if (!g.store) return {};
    const auto v = g.store->setting(kRoleSetting);
    if (!v || !v->is_string() || !dossiers::isKnownRole(v->get<std::string>())) return {};
    return v->get<std::string>();
}

bool setEstablishmentRole(std::string_view role, std::string* error) {
    if (!g.store) {
        if (error) *error = "les dossiers ne sont pas ouverts";
        return false;
    }
    if (dossierStoreReadOnly()) {
        if (error) *error = kReadOnly;
        return false;
    }
    if (!dossiers::isKnownRole(role)) {
        if (error) *error = "rôle inconnu « " + std::string(role) + " »";
        return false;
    }
    const auto r = g.store->putSetting(kRoleSetting, std::string(role));
    if (!r.ok) {
        if (error) *error = r.message;
        return false;
    }
    return true;
}

std::optional<Json> storedBundle(std::string_view dossierId) {
    if (!g.store) return std::nullopt;
    auto v = g.store->setting(bundleKey(dossierId));
    if (!v || !v->is_object()) return std::nullopt;
    return v;
}

bool saveStoredBundle(std::string_view dossierId, const Json& bundle, std::string* error) {
    if (!g.store) {
        if (error) *error = "les dossiers ne sont pas ouverts";
        return false;
    }
    if (dossierStoreReadOnly()) {
        if (error) *error = kReadOnly;
        return false;
    }
    const auto r = g.store->putSetting(bundleKey(dossierId), bundle);
    if (!r.ok) {
        if (error) *error = r.message;
        return false;
    }
    return true;
}

Json dossierJsonWithContents(const dossiers::Dossier& d) {
    dossiers::Dossier copy = d;
    if (g.store)
        for (auto& s : copy.sections)
            for (auto& a : s.attachments)
                if (!a.contentB64)
                    if (auto bytes = g.store->attachmentBytes(a.sha256)) a.contentB64 = dossiers::base64Encode(*bytes);
    return dossiers::dossierToJson(copy);
}

std::size_t removeStoredDossiers(const std::vector<std::string>& ids, std::string* error) {
    if (!g.store) {
        if (error) *error = "les dossiers ne sont pas ouverts";
        return 0;
    }
    if (dossierStoreReadOnly()) {
        if (error) *error = kReadOnly;
        return 0;
    }
    std::set<std::string> blobs;
    std::size_t removed = 0;
    for (const auto& id : ids) {
        const dossiers::Dossier* d = g.store->find(id);
        if (!d) continue;
        for (const auto& s : d->sections)
            for (const auto& a : s.attachments) blobs.insert(a.sha256);
        auto r = g.store->remove(id);
        noteWrite(r);
        if (!r) {
            if (error) *error = r.message;
            return removed;
        }
        ++removed;
    }
    for (const auto& sha : blobs) {
        dossiers::StoreResult r;
        if (!g.store->removeAttachmentIfUnused(sha, &r) && !r) noteWrite(r);
    }
    checkpointDossierStore(); // the index lists titles: rewritten without the removed ones
    return removed;
}

std::string dossierStoreStateJson() {
    collectLate();
    Json q = Json::array();
    for (const auto& f : g.quarantined) q.push_back({{"file", f.file}, {"movedTo", f.movedTo}, {"reason", f.reason}});
    Json s = {
        {"open", g.store != nullptr && g.defs.has_value()},
        {"readOnly", dossierStoreReadOnly()},
        {"count", g.store ? g.store->summaries().size() : 0},
        {"loaded", g.report.loaded},
        {"openPacks", g.store ? g.store->openShardCount() : 0},
        {"quarantined", q},
        {"notes", g.report.notes},
        {"problem", dossierStoreProblem()},
        {"pending", g.store ? g.store->hasPendingWrites() : false},
        {"loadMs", g.loadMs},
    };
    return s.dump();
}

} // namespace passerelle::ui
