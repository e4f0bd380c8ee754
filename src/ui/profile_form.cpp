// The establishment profile form: five free-text fields saved on every edit, export and import.
#include "ui/profile_form.hpp"

#include "platform/files.hpp"
#include "ui/profile_store.hpp"
#include "ui/reflow.hpp"
#include "ui/theme.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>

namespace passerelle::ui {
namespace {

// One labelled field: label above, full-width input; returns true when the text changed.
bool field(const char* label, const char* hint, const char* widgetName, std::string& value, float width) {
    ImGui::TextUnformatted(label);
    ImGui::SetNextItemWidth(width);
    ImGui::PushID(widgetName);
    const bool changed = ImGui::InputTextWithHint("##field", hint, &value);
    ImGui::PopID();
    nameItem(widgetName);
    return changed;
}

} // namespace

void drawProfileForm(AppContext& ctx) {
    ProfileState& state = ctx.profile;
    Establishment& p = state.profile;

    ImGui::PushFont(ctx.fonts.bold);
    wrappedText("Profil de l’établissement");
    ImGui::PopFont();
    nameItem("profile.title");
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
    ImGui::TextWrapped("Ces informations servent à préparer les dossiers. Elles restent dans ce navigateur, "
                       "sur cet appareil : rien n’est envoyé.");
    ImGui::PopStyleColor();
    ImGui::Spacing();

    const float width = std::min(ImGui::GetContentRegionAvail().x, 560.0f);
    bool changed = false;
    changed |= field("Nom", "ex. Lycée professionnel Jean-Moulin", "profile.name", p.name, width);
    changed |= field("UAI (7 chiffres et une lettre)", "ex. 0750655E", "profile.uai", p.uai, width);
    if (const auto uaiProblem = checkUai(p.uai)) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
        ImGui::TextWrapped("%s", uaiProblem->c_str());
        ImGui::PopStyleColor();
        nameItem("profile.uai.problem");
    }
    changed |= field("Commune", "ex. Saint-Étienne", "profile.commune", p.commune, width);
    changed |= field("Département", "ex. 13 ou Bouches-du-Rhône", "profile.department", p.department, width);
    changed |= field("Secteur", "ex. public, privé sous contrat", "profile.sector", p.sector, width);
    if (changed) saveProfile(state);

    for (const std::string* message : {&state.loadError, &state.saveError}) {
        if (message->empty()) continue;
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
        ImGui::TextWrapped("%s", message->c_str());
        ImGui::PopStyleColor();
    }

    ImGui::Spacing();
    if (wrapButton("Exporter le profil (JSON)")) {
        platform::filesDownload("profil-etablissement.json", "application/json", establishmentToJson(p));
    }
    nameItem("profile.export");
    sameLineIfFits("Importer un profil…");
    if (wrapButton("Importer un profil…")) {
        ProfileState* target = &state;
        platform::filesPick(".json,application/json",
                            [target](std::string name, std::string bytes) { importProfile(*target, name, bytes); });
    }
    nameItem("profile.import");
    if (!state.importMessage.empty()) {
        ImGui::TextWrapped("%s", state.importMessage.c_str());
        nameItem("profile.import.message");
    }
}

} // namespace passerelle::ui
