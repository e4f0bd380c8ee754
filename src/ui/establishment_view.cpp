// Door « Espace établissement »: the school workspace (dossiers, class lists; arrives with issues 4 and 6).
#include "ui/coming_soon.hpp"
#include "ui/dossier_service.hpp"
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
    void draw(AppContext& ctx) override {
        drawComingSoon(ctx,
                       "Ici, un établissement préparera les dossiers que plusieurs parties remplissent tour à "
                       "tour, et vérifiera une liste de classe d’un coup. Le profil de l’établissement, sur "
                       "l’accueil, est déjà enregistré pour ces dossiers.",
                       "Cette partie arrive avec les dossiers (issue 4) et l’interface complète (issue 6).");
        drawStoredDossiers();
    }

private:
    // What the store holds, from its summaries (no pack is opened to draw this list).
    static void drawStoredDossiers() {
        const dossiers::DirectoryStore* store = dossierStore();
        if (!store) return;
        const auto list = store->summaries();
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::TextWrapped("Dossiers enregistrés dans ce navigateur : %zu", list.size());
        nameItem("etab.dossiers");
        if (dossierStoreReadOnly())
            ImGui::TextWrapped("Cet onglet est en lecture seule : les dossiers se modifient dans l’autre onglet.");
        if (list.empty()) return;
        constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                           ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
        const float height = ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(std::min<std::size_t>(list.size(), 12) + 1);
        if (!ImGui::BeginTable("etab.dossiers.table", 4, kFlags, {0, height})) return;
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Dossier");
        ImGui::TableSetupColumn("Dispositif");
        ImGui::TableSetupColumn("État");
        ImGui::TableSetupColumn("Modifié le");
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(list.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const auto& d = list[static_cast<std::size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                const std::string name = d.title.empty() ? d.id.substr(0, 8) : d.title;
                ImGui::TextUnformatted(name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(d.scheme.c_str());
                ImGui::TableNextColumn();
                const auto state = dossiers::stateByName(d.state);
                const std::string label(state ? dossiers::stateLabel(*state) : std::string_view(d.state));
                ImGui::TextUnformatted(label.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(d.updatedAt.c_str());
            }
        }
        ImGui::EndTable();
    }
};

} // namespace
} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::EstablishmentView);
