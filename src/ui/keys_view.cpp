// « Mes clés »: the signing key made on this device (stored only encrypted), its public JWK, the trusted keys.
//
// [SECTION] Create a key
// [SECTION] The key on this device
// [SECTION] Trusted keys
#include "ui/key_store.hpp"
#include "ui/passphrase_ui.hpp"
#include "ui/reflow.hpp"
#include "ui/theme.hpp"
#include "ui/view.hpp"
#include "ui/widget_names.hpp"

#include "core/dossier_def.hpp"
#include "platform/files.hpp"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <string>

namespace passerelle::ui {
namespace {

using passphrase_ui::coloured;
using passphrase_ui::SlowAction;
using passphrase_ui::wipe;

// Puts the next button on the same line only when it fits (a phone gets them stacked).
void sameLineIfFits(const char* label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float w = ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2.0f;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + w <= right) ImGui::SameLine();
}

class KeysView final : public View {
public:
    [[nodiscard]] std::string_view id() const override { return "cles"; }
    [[nodiscard]] std::string_view title() const override { return "Mes clés"; }
    [[nodiscard]] bool holdsEstablishmentData() const override { return true; }

    void draw(AppContext& ctx) override {
        ImGui::PushFont(ctx.fonts.title);
        ImGui::TextWrapped("Mes clés de signature");
        ImGui::PopFont();
        ImGui::TextWrapped("Votre clé signe les sections que vous préparez. Elle est créée sur cet appareil et n’en "
                           "sort jamais : seule sa partie publique se partage. La partie secrète est enregistrée "
                           "chiffrée par votre phrase de passe ; sans elle, personne ne peut signer à votre place, "
                           "et Passerelle ne peut pas la retrouver pour vous.");
        ImGui::Spacing();
        std::string readError;
        const auto stored = readStoredKey(&readError);
        if (!readError.empty()) coloured(theme::kError, readError, "keys.read_error");
        if (stored) {
            drawKey(ctx, *stored);
        } else if (readError.empty()) {
            drawCreate(ctx);
        }
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::Spacing();
        drawTrusted(ctx);
        ImGui::Spacing();
        if (wrapButton("Vérifier un dossier signé")) ctx.router.go("dossier-signe");
        nameItem("keys.to_verify");
        sameLineIfFits("Retour à l’accueil");
        if (wrapButton("Retour à l’accueil")) ctx.router.go("home");
        nameItem("keys.home");
    }

private:
    // -------------------------------------------------------------------------
    // [SECTION] Create a key
    // -------------------------------------------------------------------------
    void drawCreate(AppContext& ctx) {
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextWrapped("Créer ma clé");
        ImGui::PopFont();
        ImGui::TextWrapped("Choisissez une phrase de passe d’au moins %zu caractères, facile à retenir pour vous "
                           "(par exemple quatre mots).", kMinPassphraseLength);
        const float w = std::min(ImGui::GetContentRegionAvail().x, 420.0f);
        wrappedText("Phrase de passe");
        ImGui::SetNextItemWidth(w);
        ImGui::InputText("##pass1", &m_pass1, ImGuiInputTextFlags_Password);
        nameItem("keys.pass1");
        wrappedText("La même, une seconde fois");
        ImGui::SetNextItemWidth(w);
        ImGui::InputText("##pass2", &m_pass2, ImGuiInputTextFlags_Password);
        nameItem("keys.pass2");
        // Argon2id (64 MiB) takes about a second: a frame saying so is drawn first (SlowAction).
        if (m_slow.due() == kCreate) {
            std::string error;
            m_messageOk = createStoredKey(m_pass1, m_pass2, &error);
            m_message = m_messageOk ? "Votre clé est créée et enregistrée chiffrée sur cet appareil." : error;
            if (m_messageOk) {
                wipe(m_pass1);
                wipe(m_pass2);
            }
        }
        slowButton("Créer ma clé", "keys.create", kCreate, "Création de la clé…");
        drawMessage();
    }

    enum Action { kCreate = 1, kVerify };

    // A button whose action runs Argon2id: disabled while one is pending, which draws its waiting line.
    void slowButton(const char* label, const char* name, Action action, const char* waiting) {
        const bool busy = m_slow.pending();
        if (busy) ImGui::BeginDisabled();
        if (wrapButton(label)) {
            m_message.clear();
            m_slow.request(action);
        }
        nameItem(name);
        if (busy) ImGui::EndDisabled();
        m_slow.drawWaiting(action, waiting, "keys.waiting");
    }

    void drawMessage() {
        if (m_message.empty()) return;
        coloured(m_messageOk ? theme::kOk : theme::kError, m_message, m_messageOk ? "keys.message.ok" : "keys.message.error");
    }

    // -------------------------------------------------------------------------
    // [SECTION] The key on this device
    // -------------------------------------------------------------------------
    void drawKey(AppContext& ctx, const StoredKey& key) {
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextWrapped("Ma clé");
        ImGui::PopFont();
        ImGui::TextWrapped("Identifiant (kid) :");
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
        ImGui::TextWrapped("%s", key.kid.c_str());
        ImGui::PopStyleColor();
        nameItem("keys.kid");
        nameItem("keys.kid." + key.kid);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
        ImGui::TextWrapped("Partie secrète : chiffrée (Argon2id, XChaCha20-Poly1305).");
        ImGui::PopStyleColor();
        if (wrapButton("Exporter ma clé publique (JWK)")) {
            Json jwk = publicJwk(key.x);
            jwk["kid"] = key.kid;
            platform::filesDownload("cle-publique-" + key.kid.substr(0, 8) + ".jwk", "application/jwk+json",
                                    jwk.dump(2) + "\n");
        }
        nameItem("keys.export");
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
        ImGui::TextWrapped("Donnez ce fichier aux autres parties (ou à l’académie) : il leur permet de reconnaître "
                           "vos signatures. Il ne permet pas de signer.");
        ImGui::PopStyleColor();
        ImGui::Spacing();
        wrappedText("Vérifier ma phrase de passe");
        ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 420.0f));
        ImGui::InputText("##unlock", &m_unlock, ImGuiInputTextFlags_Password);
        nameItem("keys.unlock_pass");
        if (m_slow.due() == kVerify) {
            std::string error;
            if (const auto unlocked = unlockStoredKey(m_unlock, &error); unlocked && unlocked->kid() == key.kid) {
                m_message = "Phrase de passe correcte : votre clé s’ouvre et peut signer.";
                m_messageOk = true;
            } else {
                m_message = unlocked ? "La clé déchiffrée ne correspond pas à sa partie publique : fichier abîmé." : error;
                m_messageOk = false;
            }
            wipe(m_unlock);
        }
        slowButton("Déverrouiller", "keys.unlock", kVerify, "Vérification de la phrase de passe…");
        drawMessage();
    }

    // -------------------------------------------------------------------------
    // [SECTION] Trusted keys
    // -------------------------------------------------------------------------
    void drawTrusted(AppContext& ctx) {
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextWrapped("Clés de confiance");
        ImGui::PopFont();
        ImGui::TextWrapped("Une liste de clés (JWKS), par exemple celle des établissements de votre académie : une "
                           "section signée par l’une d’elles s’affiche « signée par … (clé connue) ».");
        std::string error;
        const TrustList list = storedTrustList(&error);
        if (!error.empty()) coloured(theme::kError, error, "keys.trusted.error");
        if (list.keys().empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
            ImGui::TextWrapped("Aucune clé de confiance pour l’instant.");
            ImGui::PopStyleColor();
        }
        for (const auto& k : list.keys()) {
            ImGui::Bullet();
            ImGui::SameLine();
            ImGui::BeginGroup();
            ImGui::PushFont(ctx.fonts.bold);
            ImGui::TextWrapped("%s", k.name.c_str());
            ImGui::PopFont();
            nameItem("keys.trusted." + k.kid);
            std::string detail = "kid " + k.kid;
            if (!k.roles.empty()) {
                detail += " — peut signer pour : ";
                for (std::size_t i = 0; i < k.roles.size(); ++i)
                    detail += (i ? ", " : "") + dossiers::roleLabel(k.roles[i]);
            }
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
            ImGui::TextWrapped("%s", detail.c_str());
            ImGui::PopStyleColor();
            ImGui::EndGroup();
        }
        if (wrapButton("Importer des clés de confiance (JWKS)…")) {
            platform::filesPick(".json,.jwks,application/json", [this](std::string name, std::string bytes) {
                std::string importError;
                const int n = importTrustedKeys(bytes, &importError);
                m_trustMessageOk = n >= 0;
                m_trustMessage = n >= 0 ? std::to_string(n) + (n > 1 ? " clés importées" : " clé importée") + " depuis « " + name + " »."
                                        : importError;
            });
        }
        nameItem("keys.import");
        if (!m_trustMessage.empty())
            coloured(m_trustMessageOk ? theme::kOk : theme::kError, m_trustMessage,
                     m_trustMessageOk ? "keys.import.ok" : "keys.import.error");
    }

    std::string m_pass1, m_pass2, m_unlock;
    std::string m_message;
    bool m_messageOk = false;
    SlowAction m_slow; // « Créer ma clé » and « Déverrouiller » (Argon2id)
    std::string m_trustMessage;
    bool m_trustMessageOk = false;
};

} // namespace
} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::KeysView);
