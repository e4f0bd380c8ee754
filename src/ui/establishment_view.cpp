// Door « Espace établissement »: the school's workspace — dossier table, class list import, received dossiers, retention.
#include "app/frame_loop.hpp"
#include "platform/files.hpp"
#include "ui/dossier_import.hpp"
#include "ui/dossier_service.hpp"
#include "ui/dossier_table.hpp"
#include "ui/reflow.hpp"
#include "ui/theme.hpp"
#include "ui/vault_service.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>

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
            const std::string problem = dossierStoreProblem();
            if (!problem.empty()) ImGui::TextWrapped("%s", problem.c_str());
            return;
        }
        const Establishment& p = ctx.profile.profile;
        if (!p.name.empty()) {
            ImGui::TextWrapped("%s%s%s", p.name.c_str(), p.uai.empty() ? "" : " — UAI ", p.uai.c_str());
            nameItem("etab.profile");
        } else {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
            ImGui::TextWrapped("Le profil de l’établissement (accueil) n’est pas rempli : les dossiers créés ne "
                               "porteront ni son nom ni son UAI.");
            ImGui::PopStyleColor();
            nameItem("etab.profile.missing");
        }
        drawActions(ctx);
        ImGui::Spacing();
        workspaceTable().draw(ctx, 260.0f * ctx.textScale);
    }

private:
    void drawActions(AppContext& ctx) {
        const bool readOnly = dossierStoreReadOnly();
        auto sameLineIfFits = [](const char* next) {
            const float w = ImGui::CalcTextSize(next).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemSpacing.x;
            if (ImGui::GetItemRectMax().x + w <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
        };
        if (readOnly) ImGui::BeginDisabled();
        if (wrapButton("Créer depuis une liste de classe…") && findView("classe")) ctx.router.go("classe");
        nameItem("etab.classlist");
        sameLineIfFits("Importer un dossier reçu…");
        if (wrapButton("Importer un dossier reçu…")) {
            // The callback runs after a later frame: the context outlives every view (it is the app's).
            AppContext* c = &ctx;
            platform::filesPick(".json,application/json", [this, c](std::string name, std::string bytes) {
                m_importOk = importReceivedDossier(*c, name, bytes, &m_importMessage);
                m_openImported = m_importOk; // opened at the next frame, so that history records the move
                app::requestFrames();
            });
        }
        nameItem("etab.import");
        if (readOnly) ImGui::EndDisabled();
        if (findView("conservation")) {
            sameLineIfFits("Durée de conservation");
            if (wrapButton("Durée de conservation")) ctx.router.go("conservation");
            nameItem("etab.retention");
        }
        // A secretary leaving the desk locks the workspace without hunting for the vault screen.
        if (vaultUnlocked()) {
            sameLineIfFits("Verrouiller");
            if (wrapButton("Verrouiller")) {
                vaultLock();
                app::requestFrames();
                return; // the store is gone: the gate shows from the next frame
            }
            nameItem("etab.lock");
        }
        if (readOnly) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
            ImGui::TextWrapped("Cet onglet est en lecture seule (Passerelle est ouvert dans un autre onglet) : créer ou "
                               "importer des dossiers se fait dans l’autre onglet. Le tableau reste consultable.");
            ImGui::PopStyleColor();
            nameItem("etab.readonly");
        }
        if (!m_importMessage.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, m_importOk ? theme::kOk : theme::kError);
            ImGui::TextWrapped("%s", m_importMessage.c_str());
            ImGui::PopStyleColor();
            nameItem("etab.import.message");
        }
    }

    std::string m_importMessage;
    bool m_importOk = false;
    bool m_openImported = false;
};

} // namespace
} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::EstablishmentView);
