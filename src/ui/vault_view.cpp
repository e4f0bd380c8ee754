// « Protection des données » (view "coffre") and the unlock gate: protect with a passphrase, lock, change it, remove it.
//
// [SECTION] Helpers
// [SECTION] The gate (unlock screen)
// [SECTION] The view
#include "app/frame_loop.hpp"
#include "ui/passphrase_ui.hpp"
#include "ui/theme.hpp"
#include "ui/vault_service.hpp"
#include "ui/view.hpp"
#include "ui/widget_names.hpp"

#include "platform/storage.hpp"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <string>

namespace passerelle::ui {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------
using passphrase_ui::coloured;
using passphrase_ui::SlowAction;
using passphrase_ui::wipe;

bool passphraseField(const char* label, const char* id, std::string& buffer, const char* name) {
    ImGui::TextUnformatted(label);
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 420.0f));
    const bool enter = ImGui::InputText(id, &buffer, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    nameItem(name);
    return enter;
}

void title(AppContext& ctx, const char* text) {
    ImGui::PushFont(ctx.fonts.title);
    ImGui::TextWrapped("%s", text);
    ImGui::PopFont();
}

void subtitle(AppContext& ctx, const char* text) {
    ImGui::Spacing();
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextWrapped("%s", text);
    ImGui::PopFont();
}

struct Message {
    std::string text;
    bool ok = false;
    void set(bool success, std::string t) {
        ok = success;
        text = std::move(t);
    }
    void draw(const char* okName, const char* errorName) const {
        if (!text.empty()) coloured(ok ? theme::kOk : theme::kError, text, ok ? okName : errorName);
    }
};

//-----------------------------------------------------------------------------
// [SECTION] The gate (unlock screen)
//-----------------------------------------------------------------------------
struct Gate {
    std::string passphrase;
    Message message;
    SlowAction unlock; // Argon2id: « Déverrouillage… » is on screen first
};
constexpr int kUnlock = 1;
Gate g_gate;

} // namespace

void drawVaultGate(AppContext& ctx) {
    title(ctx, "Données de l’établissement verrouillées");
    nameItem("vault.gate");
    ImGui::TextWrapped("Les dossiers, le profil et la clé de signature de l’établissement sont enregistrés chiffrés sur cet "
                       "appareil. Saisissez la phrase de passe de l’établissement pour les ouvrir.");
    ImGui::Spacing();
    if (g_gate.unlock.due() == kUnlock) {
        std::string error;
        if (vaultUnlock(g_gate.passphrase, ctx.profile, &error)) {
            g_gate.message = {};
        } else {
            g_gate.message.set(false, error);
        }
        wipe(g_gate.passphrase);
        if (vaultUnlocked()) return; // the view behind the gate is drawn from the next frame (due() asked for it)
    }
    const bool waiting = g_gate.unlock.pending();
    if (waiting) ImGui::BeginDisabled();
    const bool enter = passphraseField("Phrase de passe", "##vault_unlock", g_gate.passphrase, "vault.passphrase");
    const bool clicked = ImGui::Button("Déverrouiller");
    nameItem("vault.unlock");
    if (waiting) ImGui::EndDisabled();
    if (enter || clicked) {
        g_gate.message = {};
        g_gate.unlock.request(kUnlock);
    }
    g_gate.unlock.drawWaiting(kUnlock, "Déverrouillage…", "vault.gate.waiting");
    g_gate.message.draw("vault.gate.ok", "vault.gate.error");
    ImGui::Spacing();
    ImGui::TextWrapped("Phrase de passe oubliée : personne, pas même Passerelle, ne peut la retrouver. Les données restent "
                       "illisibles ; une sauvegarde exportée avant l’oubli peut être réimportée.");
    if (!ctx.router.atHome() && ImGui::Button("Retour")) ctx.router.back();
}

namespace {

//-----------------------------------------------------------------------------
// [SECTION] The view
//-----------------------------------------------------------------------------
class VaultView final : public View {
public:
    [[nodiscard]] std::string_view id() const override { return "coffre"; }
    [[nodiscard]] std::string_view title() const override { return "Protection des données"; }
    [[nodiscard]] std::optional<Door> door() const override {
        return Door{90, "Protéger les données de l’établissement",
                    "Poste partagé : dossiers, profil et clé chiffrés par une phrase de passe."};
    }

    void draw(AppContext& ctx) override {
        passerelle::ui::title(ctx, "Protéger les données de l’établissement");
        ImGui::TextWrapped("Sur un poste partagé (CIO, salle des professeurs), une phrase de passe chiffre les dossiers, "
                           "les pièces jointes, le profil et la clé de signature enregistrés dans ce navigateur "
                           "(Argon2id puis XChaCha20-Poly1305). Sans elle, ce qui est enregistré est illisible.");
        runDue(ctx);
        if (!vaultConfigured()) {
            drawProtect(ctx);
        } else if (!vaultUnlocked()) {
            drawVaultGate(ctx);
            return;
        } else {
            drawUnlocked(ctx);
        }
        m_message.draw("vault.message.ok", "vault.message.error");
    }

private:
    // The Argon2id actions, each run one frame after its button (SlowAction) with the buffers typed then.
    enum Action { kProtect = 1, kChange, kUnprotect };

    void runDue(AppContext& ctx) {
        std::string error;
        switch (m_slow.due()) {
        case kProtect: {
            const bool ok = vaultProtect(m_new1, m_new2, ctx.profile, &error);
            m_message.set(ok, ok ? "Les données de l’établissement sont maintenant chiffrées." : error);
            if (ok) {
                wipe(m_new1);
                wipe(m_new2);
            }
            break;
        }
        case kChange: {
            const bool ok = vaultChangePassphrase(m_old, m_new1, m_new2, &error);
            m_message.set(ok, ok ? "Phrase de passe changée : l’ancienne n’ouvre plus rien." : error);
            if (ok) {
                wipe(m_old);
                wipe(m_new1);
                wipe(m_new2);
            }
            break;
        }
        case kUnprotect: {
            const bool ok = vaultUnprotect(m_off, ctx.profile, &error);
            m_message.set(ok, ok ? "Protection retirée : les données sont enregistrées en clair." : error);
            wipe(m_off);
            break;
        }
        default:
            break;
        }
    }

    // A button of a slow action: disabled while any is pending; pressing it asks for the action.
    void slowButton(const char* label, const char* name, Action action, const char* waiting) {
        const bool busy = m_slow.pending();
        if (busy) ImGui::BeginDisabled();
        if (ImGui::Button(label)) {
            m_message = {};
            m_slow.request(action);
        }
        nameItem(name);
        if (busy) ImGui::EndDisabled();
        m_slow.drawWaiting(action, waiting, "vault.waiting");
    }

    void drawProtect(AppContext& ctx) {
        subtitle(ctx, "Protéger les données de l’établissement par une phrase de passe");
        ImGui::TextWrapped("Au moins %zu caractères, par exemple quatre mots. Elle sera demandée à chaque ouverture et "
                           "après %d minutes sans activité.", kVaultMinPassphrase, std::max(1, vaultAutoLockSeconds() / 60));
        passphraseField("Phrase de passe", "##vault_new1", m_new1, "vault.new1");
        passphraseField("La même, une seconde fois", "##vault_new2", m_new2, "vault.new2");
        slowButton("Protéger les données", "vault.protect", kProtect, "Chiffrement des données…");
    }

    void drawUnlocked(AppContext& ctx) {
        coloured(theme::kOk, "Protection active : les données sont chiffrées sur cet appareil, et ouvertes dans cet onglet.",
                 "vault.status");
        if (ImGui::Button("Verrouiller")) {
            vaultLock();
            m_message = {};
            app::requestFrames();
        }
        nameItem("vault.lock");

        subtitle(ctx, "Verrouillage automatique");
        int minutes = std::max(0, vaultAutoLockSeconds() / 60);
        ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 200.0f));
        if (ImGui::InputInt("minutes sans activité (0 : jamais)", &minutes)) setVaultAutoLockSeconds(std::clamp(minutes, 0, 240) * 60);
        nameItem("vault.autolock");

        subtitle(ctx, "Changer la phrase de passe");
        ImGui::TextWrapped("La clé qui chiffre les fichiers ne change pas : seule son enveloppe est refaite, en une écriture. "
                           "Aucun dossier n’est réécrit, aucun ne peut être perdu.");
        passphraseField("Phrase de passe actuelle", "##vault_old", m_old, "vault.old");
        passphraseField("Nouvelle phrase de passe", "##vault_chg1", m_new1, "vault.change1");
        passphraseField("La nouvelle, une seconde fois", "##vault_chg2", m_new2, "vault.change2");
        slowButton("Changer la phrase de passe", "vault.change", kChange, "Changement de la phrase de passe…");

        subtitle(ctx, "Retirer la protection");
        ImGui::TextWrapped("Les fichiers seront de nouveau enregistrés en clair dans ce navigateur.");
        passphraseField("Phrase de passe actuelle", "##vault_off", m_off, "vault.off_passphrase");
        slowButton("Retirer la protection", "vault.unprotect", kUnprotect, "Déchiffrement des données…");
    }

    std::string m_new1, m_new2, m_old, m_off;
    Message m_message;
    SlowAction m_slow;
};

} // namespace
} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::VaultView);
