// The app's vault: passphrase operations on /data, the data key in memory while unlocked, auto-lock, establishment files.
//
// [SECTION] State
// [SECTION] Lock and unlock
// [SECTION] Protect, unprotect, change
// [SECTION] Auto-lock
// [SECTION] Establishment files
#include "ui/vault_service.hpp"

#include "core/json_strict.hpp"
#include "core/vault.hpp"
#include "platform/storage.hpp"
#include "ui/dossier_service.hpp"
#include "ui/dossier_table.hpp"
#include "ui/profile_store.hpp"

#include <chrono>

namespace passerelle::ui {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] State
//-----------------------------------------------------------------------------
struct VaultService {
    std::shared_ptr<const vault::DataKey> key;
    std::shared_ptr<const dossiers::FileCodec> codec;
    int autoLockSeconds = 600;
    double lastActivityMs = 0;
    double kdfMs = 0;
    double openMs = 0;
    std::string lastError; // the last unlock's refusal (French), for the test API
    ProfileState* profile = nullptr; // the app's, dropped on lock
    std::function<void(int)> scheduler;
};
VaultService g;

double nowMs() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

vault::VaultDirectory directory() {
    return vault::VaultDirectory({platform::kStorageRoot, platform::kAttachmentsRoot, {"profile.json", "signing_key.jwk"}});
}

void scheduleIdleCheck() {
    if (g.scheduler && g.key && g.autoLockSeconds > 0) g.scheduler(vaultMsUntilIdleLock());
}

// Establishment data comes back (or goes away): the store, the profile and the codec follow the key.
void reopen(ProfileState& profile) {
    g.codec = g.key ? std::make_shared<vault::VaultCodec>(g.key) : nullptr;
    const double start = nowMs();
    closeDossierStore();
    openDossierStore();
    profile = {};
    loadProfile(profile);
    g.openMs = nowMs() - start;
}

bool fail(std::string* error, std::string message) {
    if (error) *error = std::move(message);
    return false;
}

std::size_t characterCount(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

bool checkNewPassphrase(std::string_view passphrase, std::string_view confirmation, std::string* error) {
    if (characterCount(passphrase) < kVaultMinPassphrase)
        return fail(error, "La phrase de passe doit compter au moins " + std::to_string(kVaultMinPassphrase) + " caractères.");
    if (passphrase != confirmation) return fail(error, "Les deux phrases de passe ne sont pas identiques.");
    return true;
}

std::string convertProblem(const vault::ConvertReport& rep) {
    if (!rep.result) return rep.result.message;
    if (!rep.unreadable.empty())
        return std::to_string(rep.unreadable.size()) + " fichier(s) illisible(s) : " + rep.unreadable.front().file + " (" +
               rep.unreadable.front().reason + ")";
    return {};
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Lock and unlock
//-----------------------------------------------------------------------------
bool vaultConfigured() { return directory().configured(); }
bool vaultUnlocked() { return g.key != nullptr; }
bool establishmentDataAvailable() { return g.key != nullptr || !vaultConfigured(); }
std::shared_ptr<const dossiers::FileCodec> vaultCodec() { return g.codec; }
void vaultAttachProfile(ProfileState* profile) { g.profile = profile; }

void vaultLock() {
    if (!g.key) return;
    // What is still in memory is written (encrypted) before the key goes.
    checkpointDossierStore();
    closeDossierStore();
    g.key.reset();
    g.codec.reset();
    if (g.profile) *g.profile = {};
    // The workspace table keeps its own index of names and the search typed: both go too.
    workspaceTable() = DossierTable{};
    platform::storageFlush();
}

bool vaultUnlock(std::string_view passphrase, ProfileState& profile, std::string* error) {
    if (platform::storageReadOnly())
        return fail(error, "Passerelle est ouvert dans un autre onglet : déverrouillez dans celui-là.");
    std::string why;
    vault::ConvertReport rep;
    auto dir = directory();
    const double start = nowMs();
    auto key = dir.unlock(passphrase, &why, &rep);
    g.kdfMs = nowMs() - start;
    g.lastError.clear();
    if (!key) {
        g.lastError = why;
        return fail(error, why);
    }
    if (const std::string problem = convertProblem(rep); !problem.empty()) {
        g.lastError = "Une opération interrompue n’a pas pu être terminée : " + problem + ". Rien n’a été perdu ; réessayez.";
        return fail(error, g.lastError);
    }
    if (rep.converted > 0) platform::storageChanged({});
    g.key = dir.configured() ? key : nullptr; // an interrupted « retirer la protection » just finished
    reopen(profile);
    vaultNoteActivity();
    scheduleIdleCheck();
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Protect, unprotect, change
//-----------------------------------------------------------------------------
bool vaultProtect(std::string_view passphrase, std::string_view confirmation, ProfileState& profile, std::string* error) {
    if (vaultConfigured()) return fail(error, "Les données de l’établissement sont déjà protégées.");
    if (platform::storageReadOnly()) return fail(error, "Cet onglet est en lecture seule : rien n’a été modifié.");
    if (!checkNewPassphrase(passphrase, confirmation, error)) return false;
    // Pending writes go to disk first (plain), so that the conversion below sees and encrypts them.
    retryDossierStore();
    closeDossierStore();
    std::string why;
    vault::ConvertReport rep;
    auto key = directory().protect(passphrase, vaultKdfParams(), &why, &rep);
    platform::storageChanged({}); // every file was rewritten: one full comparison saves them all
    if (!key) {
        reopen(profile);
        return fail(error, why);
    }
    g.key = key;
    reopen(profile);
    vaultNoteActivity();
    scheduleIdleCheck();
    if (!why.empty()) return fail(error, why); // protected, but the conversion finishes at the next unlock
    platform::storageFlush();
    return true;
}

bool vaultUnprotect(std::string_view passphrase, ProfileState& profile, std::string* error) {
    if (!vaultConfigured()) return fail(error, "Les données ne sont pas protégées.");
    if (platform::storageReadOnly()) return fail(error, "Cet onglet est en lecture seule : rien n’a été modifié.");
    checkpointDossierStore();
    closeDossierStore();
    std::string why;
    const bool ok = directory().unprotect(passphrase, &why);
    platform::storageChanged({});
    if (ok) g.key.reset();
    reopen(profile);
    if (!ok) return fail(error, why);
    platform::storageFlush();
    return true;
}

bool vaultChangePassphrase(std::string_view oldPassphrase, std::string_view newPassphrase, std::string_view confirmation,
                           std::string* error) {
    if (!vaultConfigured()) return fail(error, "Les données ne sont pas protégées.");
    if (platform::storageReadOnly()) return fail(error, "Cet onglet est en lecture seule : rien n’a été modifié.");
    if (!checkNewPassphrase(newPassphrase, confirmation, error)) return false;
    if (!directory().changePassphrase(oldPassphrase, newPassphrase, error, vaultKdfParams())) return false;
    platform::storageChanged({std::string(platform::kStorageRoot) + "/" + kVaultFile});
    platform::storageFlush();
    return true;
}

KdfParams vaultKdfParams() { return KdfParams{2, 64u * 1024u * 1024u}; }

//-----------------------------------------------------------------------------
// [SECTION] Auto-lock
//-----------------------------------------------------------------------------
int vaultAutoLockSeconds() { return g.autoLockSeconds; }

void setVaultAutoLockSeconds(int seconds) {
    g.autoLockSeconds = std::max(0, seconds);
    scheduleIdleCheck();
}

void setVaultScheduler(std::function<void(int ms)> scheduler) { g.scheduler = std::move(scheduler); }

void vaultNoteActivity() { g.lastActivityMs = nowMs(); }

int vaultMsUntilIdleLock() {
    const double left = g.autoLockSeconds * 1000.0 - (nowMs() - g.lastActivityMs);
    return static_cast<int>(std::max(0.0, left)) + 1;
}

bool vaultCheckIdle() {
    if (!g.key || g.autoLockSeconds <= 0) return false;
    if (nowMs() - g.lastActivityMs >= g.autoLockSeconds * 1000.0) {
        vaultLock();
        return true;
    }
    scheduleIdleCheck();
    return false;
}

ProfileState* vaultAttachedProfile() { return g.profile; }

std::string vaultStateJson() {
    std::string state = "off";
    if (vaultConfigured()) {
        auto meta = directory().readMeta(nullptr);
        state = !meta ? "unreadable" : meta->state == vault::VaultState::Enabling ? "enabling"
                      : meta->state == vault::VaultState::Disabling              ? "disabling"
                                                                                 : "on";
    }
    return Json{{"configured", vaultConfigured()}, {"unlocked", vaultUnlocked()}, {"state", state},
                {"autoLockSeconds", g.autoLockSeconds}, {"kdfMs", g.kdfMs}, {"openMs", g.openMs},
                {"lastError", g.lastError}}
        .dump();
}

double vaultLastUnlockKdfMs() { return g.kdfMs; }
double vaultLastUnlockOpenMs() { return g.openMs; }

//-----------------------------------------------------------------------------
// [SECTION] Establishment files
//-----------------------------------------------------------------------------
std::optional<std::string> readEstablishmentFile(std::string_view name, std::string* error) {
    auto stored = platform::storageRead(name);
    if (!stored) return std::nullopt;
    if (!vaultConfigured()) return stored;
    if (!g.key) {
        fail(error, "Données de l’établissement verrouillées.");
        return std::nullopt;
    }
    std::string why;
    auto plain = vault::decryptFile(*g.key, name, *stored, &why);
    if (!plain) fail(error, "« " + std::string(name) + " » : " + why);
    return plain;
}

bool writeEstablishmentFile(std::string_view name, std::string_view content, std::string* error) {
    if (!vaultConfigured()) return platform::storageWrite(name, content, error);
    if (!g.key) return fail(error, "données de l’établissement verrouillées : déverrouillez-les d’abord");
    return platform::storageWrite(name, vault::encryptFile(*g.key, name, content), error);
}

} // namespace passerelle::ui
