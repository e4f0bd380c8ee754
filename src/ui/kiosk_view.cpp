// Door « Mode borne »: the staff page that turns the device into a CIO kiosk, the kiosk home, and the staff exit.
#include "core/kiosk_policy.hpp"
#include "platform/screen_reader.hpp"
#include "ui/focus_ring.hpp"
#include "ui/kiosk_session.hpp"
#include "ui/theme.hpp"
#include "ui/vault_service.hpp"
#include "ui/view.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace passerelle::ui {
namespace {

void muted(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void heading(AppContext& ctx, const char* text, std::string_view name) {
    ImGui::PushFont(ctx.fonts.title);
    ImGui::TextWrapped("%s", text);
    ImGui::PopFont();
    nameItem(name);
}

class KioskView final : public View {
public:
    [[nodiscard]] std::string_view id() const override { return "borne"; }
    [[nodiscard]] std::string_view title() const override { return "Mode borne"; }
    [[nodiscard]] std::optional<Door> door() const override {
        return Door{30, "Mode borne", "CIO : une borne en libre-service qui n’oublie rien… et ne garde rien."};
    }

    void draw(AppContext& ctx) override {
        m_mirror = {};
        m_focus.beginFrame(&m_mirror);
        const float maxW = std::min(ctx.width, 820.0f);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + maxW);
        if (!ctx.kiosk) drawStaffStart(ctx, maxW);
        else if (kioskScreen() == KioskScreen::Staff) drawStaffExit(ctx);
        else drawKioskHome(ctx, maxW);
        ImGui::PopTextWrapPos();
        m_focus.endFrame();
        platform::screenReaderPublish(m_mirror);
    }

private:
    // Before the kiosk starts: what it does, what leaving it will take, the address for a browser kiosk.
    void drawStaffStart(AppContext& ctx, float maxW) {
        heading(ctx, "Mode borne", "borne.title");
        m_mirror.heading = "Mode borne";
        ImGui::TextWrapped("Ce mode transforme cet appareil en borne en libre-service pour les visiteurs du CIO :");
        const char* points[] = {
            "plein écran et grand texte ;",
            "seulement « Je vérifie mes droits » et son résumé, imprimé (jamais téléchargé) ;",
            "les réponses restent en mémoire : rien n’est enregistré sur l’appareil ni envoyé ;",
            "« Terminer ma session », ou 3 minutes sans action (puis 30 secondes d’avertissement), efface tout "
            "ce que le visiteur a saisi.",
        };
        for (const char* p : points) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", p);
            m_mirror.items.emplace_back(p);
        }
        ImGui::Spacing();
        if (vaultConfigured()) {
            ImGui::TextWrapped("Pour quitter le mode borne, il faudra la phrase de passe de l’établissement.");
        } else if (deviceHoldsEstablishmentData(ctx)) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
            ImGui::TextWrapped("Les données d’établissement de cet appareil ne sont pas protégées par une phrase de "
                               "passe : protégez-les d’abord dans l’Espace établissement. Sans cela, le mode borne ne "
                               "pourra pas être quitté depuis la borne (il faudra rouvrir Passerelle sans « ?borne=1 »).");
            ImGui::PopStyleColor();
            nameItem("borne.unprotected");
        } else {
            muted("Cet appareil ne contient aucune donnée d’établissement : le mode borne pourra être quitté sans "
                  "phrase de passe (« Personnel du CIO »).");
        }
        ImGui::Spacing();
        ImGui::PushFont(ctx.fonts.bold);
        if (m_focus.button("Démarrer le mode borne", {std::min(maxW, 360.0f * ctx.textScale), 0}, "borne.start")) startKiosk(ctx);
        ImGui::PopFont();
        ImGui::Spacing();
        muted("Pour une borne qui démarre seule, ouvrez l’adresse de Passerelle suivie de « ?borne=1 » (voir "
              "docs/kiosk.md : navigateur en mode kiosque, installation, mises à jour).");
    }

    // What a visitor sees first: one door, and what happens to their answers.
    void drawKioskHome(AppContext& ctx, float maxW) {
        // Between a session's end and the new page (a save of the establishment's data to wait for):
        // nothing to press, so the next visitor does not start a session the reload would cut short.
        if (kioskPreparingFreshPage()) {
            heading(ctx, "Un instant…", "borne.preparing");
            m_mirror.heading = "Un instant : la borne se prépare pour le visiteur suivant.";
            ImGui::TextWrapped("La borne se prépare pour le visiteur suivant.");
            return;
        }
        heading(ctx, "Bienvenue", "borne.welcome");
        m_mirror.heading = "Borne Passerelle : bienvenue";
        m_mirror.announcement = "Borne Passerelle : bienvenue";
        const char* intro = "Apprentissage, stage de seconde, métiers de la sécurité, MLDS : quelques questions, une "
                            "réponse expliquée, et un résumé à imprimer.";
        ImGui::TextWrapped("%s", intro);
        m_mirror.items.emplace_back(intro);
        ImGui::Spacing();
        ImGui::PushFont(ctx.fonts.bold);
        if (m_focus.button("Je vérifie mes droits", {std::min(maxW, 280.0f * ctx.textScale), ImGui::GetFrameHeight() * 2.0f},
                           "borne.droits"))
            ctx.router.go("droits");
        ImGui::PopFont();
        ImGui::Spacing();
        const std::string privacy = "Sur cette borne, tes réponses restent en mémoire seulement : rien n’est enregistré "
                                    "ni envoyé. Elles sont effacées quand tu appuies sur « Terminer ma session », ou après " +
                                    kioskDelayInFrench(kioskIdleSeconds()) + " sans action.";
        muted(privacy);
        nameItem("borne.privacy");
        m_mirror.items.push_back(privacy);
        if (const std::string fresh = kioskFreshPageError(); !fresh.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
            ImGui::TextWrapped("%s", fresh.c_str());
            ImGui::PopStyleColor();
            nameItem("borne.fresh_error");
            m_mirror.items.push_back(fresh);
        }
        if (!kioskOptionsError().empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
            ImGui::TextWrapped("%s", kioskOptionsError().c_str());
            ImGui::PopStyleColor();
            nameItem("borne.options_error");
        }
        ImGui::Dummy({0, ImGui::GetFontSize() * 2});
        if (m_focus.button("Personnel du CIO", {0, 0}, "borne.staff")) setKioskScreen(KioskScreen::Staff);
    }

    // Staff only: the passphrase (the vault's own gate) opens the establishment space and leaves the kiosk.
    void drawStaffExit(AppContext& ctx) {
        heading(ctx, "Personnel du CIO", "borne.staff.title");
        m_mirror.heading = "Personnel du CIO";
        if (m_focus.button("Retour à la borne", {0, 0}, "borne.staff.back")) setKioskScreen(KioskScreen::Home);
        ImGui::Spacing();
        if (kioskExitNeedsPassphrase()) {
            if (vaultUnlocked()) {
                leaveKiosk(ctx);
                return;
            }
            ImGui::TextWrapped("La phrase de passe de l’établissement quitte le mode borne et ouvre l’espace "
                               "établissement.");
            m_mirror.items.emplace_back("La phrase de passe de l’établissement quitte le mode borne.");
            drawVaultGate(ctx);
            if (vaultUnlocked()) leaveKiosk(ctx);
            return;
        }
        if (deviceHoldsEstablishmentData(ctx)) {
            const char* refusal = "Cet appareil contient des données d’établissement qu’aucune phrase de passe ne "
                                  "protège : le mode borne ne se quitte pas depuis la borne. Rouvrez Passerelle sans "
                                  "« ?borne=1 » dans l’adresse, puis protégez l’espace établissement.";
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
            ImGui::TextWrapped("%s", refusal);
            ImGui::PopStyleColor();
            nameItem("borne.staff.refused");
            m_mirror.items.emplace_back(refusal);
            return;
        }
        ImGui::TextWrapped("Cet appareil ne contient aucune donnée d’établissement : le mode borne peut être quitté "
                           "sans phrase de passe.");
        if (m_focus.button("Quitter le mode borne", {0, 0}, "borne.leave")) leaveKiosk(ctx);
    }

    platform::ScreenMirror m_mirror;
    FocusRing m_focus;
};

} // namespace
} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::KioskView);
