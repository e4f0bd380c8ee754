// « Mes données »: what Passerelle keeps, where, for how long, in plain words, and « Supprimer toutes mes données ».
#include "platform/erase.hpp"
#include "platform/screen_reader.hpp"
#include "ui/dossier_service.hpp"
#include "ui/focus_ring.hpp"
#include "ui/navigation.hpp"
#include "ui/rights_view.hpp"
#include "ui/reflow.hpp"
#include "ui/theme.hpp"
#include "ui/view.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>

#include <string>

namespace passerelle::ui {
namespace {

constexpr const char* kParagraphs[] = {
    "Ce que Passerelle garde : tes réponses aux questions « Je vérifie mes droits », la date de vérification si "
    "tu l’as changée, et, pour un établissement, sa fiche (nom, UAI, commune, département, statut), ses "
    "dossiers et leurs pièces jointes.",
    "Où : uniquement dans ce navigateur, sur cet appareil. Rien n’est envoyé sur Internet : Passerelle n’a pas "
    "de serveur qui reçoit tes réponses, pas de compte, pas de mesure d’audience.",
    "Combien de temps : jusqu’à ce que tu les supprimes, ici ou en effaçant les données du site dans ton "
    "navigateur. Sur un ordinateur partagé, pense à les supprimer en partant.",
    "Les fichiers que tu télécharges (le résumé de tes résultats) sont à toi : ils restent là où ton navigateur "
    "les a enregistrés, Passerelle ne peut pas les effacer.",
};

class PrivacyView final : public View {
public:
    [[nodiscard]] std::string_view id() const override { return "donnees"; }
    [[nodiscard]] std::string_view title() const override { return "Mes données"; }

    void draw(AppContext& ctx) override {
        platform::ScreenMirror mirror{"Mes données", {}, "Mes données"};
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(ctx.width, 760.0f));
        ImGui::PushFont(ctx.fonts.title);
        ImGui::TextWrapped("Mes données");
        ImGui::PopFont();
        nameItem("donnees.title");
        for (const char* p : kParagraphs) {
            ImGui::TextWrapped("%s", p);
            ImGui::Spacing();
            mirror.items.emplace_back(p);
        }
        ImGui::Separator();
        ImGui::Spacing();
        if (!m_confirm) {
            if (mirroredButton(mirror, "Supprimer toutes mes données", "donnees.erase")) {
                m_confirm = true;
                m_message.clear();
            }
            nameItem("donnees.erase");
        } else {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
            constexpr const char* kAsk = "Tout effacer de ce navigateur : tes réponses et la fiche de l’établissement ? "
                                         "On ne pourra pas les récupérer.";
            ImGui::TextWrapped("%s", kAsk);
            mirror.items.emplace_back(kAsk);
            ImGui::PopStyleColor();
            if (mirroredButton(mirror, "Oui, tout supprimer", "donnees.erase.confirm")) {
                std::string error;
                const int n = platform::eraseAllData(&error);
                if (n < 0) {
                    m_message = error;
                } else {
                    ctx.profile = {};
                    resetRights();
                    openDossierStore(); // the store in memory starts again from the now empty /data
                    m_message = n == 0 ? "Il n’y avait aucune donnée enregistrée : c’est vide."
                                       : "C’est fait : toutes tes données ont été supprimées de ce navigateur.";
                }
                m_confirm = false;
            }
            nameItem("donnees.erase.confirm");
            sameLineIfFits("Non, garder");
            if (mirroredButton(mirror, "Non, garder", "donnees.erase.cancel")) m_confirm = false;
            nameItem("donnees.erase.cancel");
        }
        if (!m_message.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kOk);
            ImGui::TextWrapped("%s", m_message.c_str());
            ImGui::PopStyleColor();
            nameItem("donnees.message");
            mirror.announcement = m_message;
        }
        ImGui::PopTextWrapPos();
        platform::screenReaderPublish(mirror);
    }

private:
    bool m_confirm = false;
    std::string m_message;
};

} // namespace
} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::PrivacyView);
