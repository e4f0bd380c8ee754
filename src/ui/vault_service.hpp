// Establishment data at rest: the passphrase vault (lock, unlock, protect, change) as the app uses it (no ImGui).
//
// Which screens are gated: every View whose holdsEstablishmentData() returns true (dossiers, keys, class
// lists, the establishment workspace, « conservation »). While vaultConfigured() && !vaultUnlocked(),
// src/app/main.cpp draws the unlock screen (drawVaultGate) instead of such a view.
// Locked means: the data key, the opened dossier store and the profile are dropped from memory.
#pragma once

#include "core/dossier_store.hpp"
#include "core/jwk.hpp"
#include "ui/view.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace passerelle::ui {

inline constexpr const char* kVaultFile = "vault.json"; // under platform::kStorageRoot, never encrypted itself

// A vault exists on this device (establishment data is, or is being, protected by a passphrase).
[[nodiscard]] bool vaultConfigured();
// The data key is in memory: establishment data can be read and written.
[[nodiscard]] bool vaultUnlocked();
// Establishment data can be used now: no vault, or an unlocked one.
[[nodiscard]] bool establishmentDataAvailable();
// Drops the data key, the dossier store and the profile from memory; the gate shows. No-op without a vault.
void vaultLock();

// Unlocks with the passphrase (Argon2id: ~0.5–1 s), finishes an interrupted protect/unprotect, reopens the
// dossier store and the profile. « Phrase de passe incorrecte. » on a wrong one; nothing is altered.
bool vaultUnlock(std::string_view passphrase, ProfileState& profile, std::string* error);
// Turns protection on: every establishment file is encrypted in place (write new, then rename).
bool vaultProtect(std::string_view passphrase, std::string_view confirmation, ProfileState& profile, std::string* error);
// Turns protection off (files decrypted in place); only with the passphrase.
bool vaultUnprotect(std::string_view passphrase, ProfileState& profile, std::string* error);
// Re-wraps the data key under a new passphrase (one atomic file write: no dossier is rewritten).
bool vaultChangePassphrase(std::string_view oldPassphrase, std::string_view newPassphrase,
                           std::string_view confirmation, std::string* error);

inline constexpr std::size_t kVaultMinPassphrase = 12; // characters
// Argon2id cost of new vaults: libsodium's INTERACTIVE limits (2 passes, 64 MiB); see docs/vault.md.
[[nodiscard]] KdfParams vaultKdfParams();

// Automatic lock after this many seconds without input (default 600; the URL parameter
// « verrou=<secondes> » or the test API set a short one). 0 turns it off.
[[nodiscard]] int vaultAutoLockSeconds();
void setVaultAutoLockSeconds(int seconds);
// The app's clock-free timer (src/app): calls vaultCheckIdle() after `ms`.
void setVaultScheduler(std::function<void(int ms)> scheduler);
// Input arrived (key, pointer): the inactivity clock starts again.
void vaultNoteActivity();
// Locks if the inactivity delay has passed (returns true then); otherwise schedules the next check.
bool vaultCheckIdle();
[[nodiscard]] int vaultMsUntilIdleLock();
// The profile the app shows: emptied on lock (set once at start-up).
void vaultAttachProfile(ProfileState* profile);
[[nodiscard]] ProfileState* vaultAttachedProfile();
// Milliseconds of the last unlock (Argon2id and any interrupted conversion) and of reopening the store.
[[nodiscard]] double vaultLastUnlockKdfMs();
[[nodiscard]] double vaultLastUnlockOpenMs();

// The codec the dossier store uses while unlocked (null without a vault).
[[nodiscard]] std::shared_ptr<const dossiers::FileCodec> vaultCodec();
// Establishment files written by app services (profile.json, signing_key.jwk) through the vault:
// plain without a vault, encrypted with one; refused (French message) while locked.
[[nodiscard]] std::optional<std::string> readEstablishmentFile(std::string_view name, std::string* error = nullptr);
bool writeEstablishmentFile(std::string_view name, std::string_view content, std::string* error = nullptr);

// The unlock screen drawn in place of a gated view.
void drawVaultGate(AppContext& ctx);
// {"configured", "unlocked", "state": off|on|enabling|disabling|unreadable, "autoLockSeconds", "kdfMs", "openMs"}
[[nodiscard]] std::string vaultStateJson();

} // namespace passerelle::ui
