// The « not yet » page.
#include "ui/coming_soon.hpp"

#include "ui/theme.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>

namespace passerelle::ui {

void drawComingSoon(AppContext& ctx, const char* what, const char* arrivesWith) {
    ImGui::PushFont(ctx.fonts.title);
    ImGui::TextWrapped("Pas encore disponible");
    ImGui::PopFont();
    ImGui::TextWrapped("%s", what);
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
    ImGui::TextWrapped("%s", arrivesWith);
    ImGui::PopStyleColor();
    nameItem("coming.notice");
    ImGui::TextWrapped("Passerelle n’affiche aucun résultat qu’elle ne sait pas justifier : rien n’est calculé "
                       "ici pour l’instant.");
    ImGui::Spacing();
    if (ImGui::Button("Retour à l’accueil")) ctx.router.go("home");
    nameItem("coming.home");
}

} // namespace passerelle::ui
