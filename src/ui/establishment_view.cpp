// Door « Espace établissement »: the school's workspace — dossier table, class list import, received dossiers, retention.
#include "app/frame_loop.hpp"
#include "platform/files.hpp"
#include "ui/dossier_import.hpp"
#include "ui/dossier_service.hpp"
#include "ui/dossier_table.hpp"
#include "ui/focus_ring.hpp"
#include "ui/reflow.hpp"
#include "ui/theme.hpp"
#include "ui/vault_service.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <string>

namespace passerelle::ui {
namespace {

class EstablishmentView final : public View {
public:
    [[nodiscard]] std::string_view id() const override { return "etablissement"; }
    [[nodiscard]] std::string_view title() const override { return "Espace établissement"; }
    [[nodiscard]] std::optional<Door> door() const override {
        return Door{20, "Espace établissement", "Collège, lycée, CFA, CIO, mission locale : dossiers et listes."};
    }
    [[nodiscard]] bool holdsEstablishmentData() const override { return true; }

    void draw(AppContext& ctx) override {
        // Just opened (from home, back, reload): keyboard focus goes to the first control.
        if (ImGui::GetFrameCount() != m_lastFrame + 1) m_focus.focusFirst();
        m_lastFrame = ImGui::GetFrameCount();
        m_focus.beginScreen(m_mirror, "Espace établissement"); // every ring button is also a button of the screen-reader mirror
        ImGui::PushItemFlag(ImGuiItemFlags_NoTabStop, true); // Tab belongs to the focus ring
        drawScreen(ctx);
        ImGui::PopItemFlag();
        m_focus.endFrame();
        platform::screenReaderPublish(m_mirror);
    }

private:
    void drawScreen(AppContext& ctx) {
        if (m_openImported) {
            m_openImported = false;
            if (findView("dossier") && !ctx.openDossierId.empty()) {
                ctx.router.go("dossier");
                return;
            }
        }
        if (!dossierStore()) {
            ImGui::TextWrapped("Les dossiers ne sont pas ouverts dans cet onglet.");
            nameItem("etab.closed");
            mirrorSay(m_mirror, "Les dossiers ne sont pas ouverts dans cet onglet.");
            const std::string problem = dossierStoreProblem();
            if (!problem.empty()) ImGui::TextWrapped("%s", problem.c_str());
            if (!problem.empty()) mirrorSay(m_mirror, problem);
            return;
        }
        const Establishment& p = ctx.profile.profile;
        if (!p.name.empty()) {
            const std::string who = p.name + (p.uai.empty() ? "" : " — UAI " + p.uai);
            ImGui::TextWrapped("%s", who.c_str());
            nameItem("etab.profile");
            mirrorSay(m_mirror, who);
        } else {
            const char* missing = "Le profil de l’établissement (accueil) n’est pas rempli : les dossiers créés ne "
                                  "porteront ni son nom ni son UAI.";
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
            ImGui::TextWrapped("%s", missing);
            ImGui::PopStyleColor();
            nameItem("etab.profile.missing");
            mirrorSay(m_mirror, missing);
        }
        if (!drawActions(ctx)) return;
        ImGui::Spacing();
        workspaceTable().draw(ctx, 260.0f * ctx.textScale, m_focus, m_mirror);
    }

    // False when the workspace was just locked (nothing more to draw).
    bool drawActions(AppContext& ctx) {
        const bool readOnly = dossierStoreReadOnly();
        auto sameLineIfFits = [](const char* next) {
            const float w = ImGui::CalcTextSize(next).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemSpacing.x;
            if (ImGui::GetItemRectMax().x + w <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
        };
        if (readOnly) ImGui::BeginDisabled();
        // A disabled button is left out of the mirror: it would say a thing one cannot do.
        if (button("Créer depuis une liste de classe…", "etab.classlist", !readOnly) && findView("classe")) ctx.router.go("classe");
        sameLineIfFits("Importer un dossier reçu…");
        if (button("Importer un dossier reçu…", "etab.import", !readOnly)) {
            // The callback runs after a later frame: the context outlives every view (it is the app's).
            AppContext* c = &ctx;
            platform::filesPick(".json,application/json", [this, c](std::string name, std::string bytes) {
                m_importOk = importReceivedDossier(*c, name, bytes, &m_importMessage);
                m_openImported = m_importOk; // opened at the next frame, so that history records the move
                app::requestFrames();
            });
        }
        if (readOnly) ImGui::EndDisabled();
        if (findView("conservation")) {
            sameLineIfFits("Durée de conservation");
            if (button("Durée de conservation", "etab.retention", true)) ctx.router.go("conservation");
        }
        // A secretary leaving the desk locks the workspace without hunting for the vault screen.
        if (vaultUnlocked()) {
            sameLineIfFits("Verrouiller");
            if (button("Verrouiller", "etab.lock", true)) {
                vaultLock();
                app::requestFrames();
                return false; // the store is gone: the gate shows from the next frame
            }
        }
        if (readOnly) {
            const char* text = "Cet onglet est en lecture seule (Passerelle est ouvert dans un autre onglet) : créer ou "
                               "importer des dossiers se fait dans l’autre onglet. Le tableau reste consultable.";
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
            ImGui::TextWrapped("%s", text);
            ImGui::PopStyleColor();
            nameItem("etab.readonly");
            mirrorSay(m_mirror, text);
        }
        if (!m_importMessage.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, m_importOk ? theme::kOk : theme::kError);
            ImGui::TextWrapped("%s", m_importMessage.c_str());
            ImGui::PopStyleColor();
            nameItem("etab.import.message");
            mirrorSay(m_mirror, m_importMessage);
        }
        return true;
    }

    // A ring button; a disabled one stays on the canvas but is neither in the ring nor in the mirror.
    bool button(const char* label, const char* name, bool enabled) {
        if (enabled) return m_focus.button(label, {0, 0}, name);
        (void)wrapButton(label);
        nameItem(name);
        return false;
    }

    FocusRing m_focus;
    platform::ScreenMirror m_mirror;
    int m_lastFrame = -10;
    std::string m_importMessage;
    bool m_importOk = false;
    bool m_openImported = false;
};

} // namespace
} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::EstablishmentView);
