// « Affichage »: the text size (100 … 200 %) and the high-contrast theme, reachable from the top bar of every screen.
#include "ui/display_settings.hpp"

#include "app/frame_loop.hpp"
#include "core/display_settings.hpp"
#include "platform/display_prefs.hpp"
#include "platform/screen_reader.hpp"
#include "platform/storage.hpp"
#include "ui/focus_ring.hpp"
#include "ui/reflow.hpp"
#include "ui/theme.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>
#include <imgui_internal.h> // PushItemFlag

#include <cmath>
#include <string>

namespace passerelle::ui {
namespace {

std::string g_problem; // French: why the saved settings were not used, or could not be saved

} // namespace

void loadDisplaySettings(AppContext& ctx) {
    if (ctx.kiosk) return; // a kiosk session sets its own size and never reads a visitor's choice
    const auto text = platform::storageRead(kDisplayFile);
    if (!text) {
        ctx.highContrast = platform::prefersMoreContrast();
        return;
    }
    std::string error;
    if (const auto s = parseDisplaySettings(*text, &error)) {
        ctx.textScale = s->textScale;
        ctx.highContrast = s->highContrast;
    } else {
        g_problem = error + " Les réglages par défaut s’appliquent.";
    }
}

void setDisplaySettings(AppContext& ctx, float textScale, bool highContrast) {
    ctx.textScale = textScale;
    ctx.highContrast = highContrast;
    app::requestFrames();
    if (ctx.kiosk) return; // deleted IndexedDB records can linger on a shared machine: nothing is written
    std::string error;
    if (platform::storageWrite(kDisplayFile, displaySettingsToJson({textScale, highContrast}), &error)) {
        g_problem.clear();
    } else {
        g_problem = "Ce réglage n’a pas été enregistré : " + error + ".";
    }
}

namespace {

class DisplaySettingsView final : public View {
public:
    [[nodiscard]] std::string_view id() const override { return "affichage"; }
    [[nodiscard]] std::string_view title() const override { return "Affichage"; }

    void draw(AppContext& ctx) override {
        if (ImGui::GetFrameCount() != m_lastFrame + 1) m_focus.focusFirst(); // just opened
        m_lastFrame = ImGui::GetFrameCount();
        platform::ScreenMirror mirror;
        m_focus.beginFrame(&mirror);
        ImGui::PushItemFlag(ImGuiItemFlags_NoTabStop, true); // Tab belongs to the focus ring
        ImGui::PushTextWrapPos(0.0f);

        // « Retour » first: after a change the person goes back without scrolling (the page is long at 200 %).
        if (m_focus.button("← Retour", {0, 0}, "affichage.retour", "Retour à l’écran précédent")) ctx.router.back();
        ImGui::PushFont(ctx.fonts.title);
        ImGui::TextWrapped("Taille du texte et contraste");
        ImGui::PopFont();
        nameItem("affichage.title");
        mirror.heading = "Affichage : taille du texte et contraste";

        section(ctx, "Taille du texte", mirror);
        const std::string current = "Taille actuelle : " + textScaleLabel(ctx.textScale) + ".";
        muted(current);
        mirror.items.emplace_back(current);
        bool first = true;
        for (float scale : kTextScales) {
            const std::string label = textScaleLabel(scale);
            const bool selected = std::fabs(ctx.textScale - scale) < 0.01f;
            if (!first) sameLineIfFits(("✓ " + label).c_str());
            first = false;
            if (choice(label, selected, "affichage.taille." + std::to_string(std::lround(scale * 100)),
                       "Taille du texte " + label))
                setDisplaySettings(ctx, scale, ctx.highContrast);
        }
        ImGui::Spacing();
        const char* sample = "Exemple : « Je vérifie mes droits » — élève de troisième à Aix-en-Provence, œuvre, 12 €.";
        ImGui::TextWrapped("%s", sample);
        nameItem("affichage.exemple");

        section(ctx, "Contraste", mirror);
        if (choice("Contraste normal", !ctx.highContrast, "affichage.contraste.normal", "Contraste normal"))
            setDisplaySettings(ctx, ctx.textScale, false);
        sameLineIfFits("✓ Contraste élevé");
        if (choice("Contraste élevé", ctx.highContrast, "affichage.contraste.eleve", "Contraste élevé : noir sur blanc"))
            setDisplaySettings(ctx, ctx.textScale, true);
        muted("Contraste élevé : texte noir sur fond blanc, bordures épaisses, cadre de sélection plus visible.");

        ImGui::Spacing();
        const char* note = ctx.kiosk ? "Borne : ces réglages valent pour cette visite seulement ; rien n’est enregistré."
                                     : "Ces réglages restent dans ce navigateur, sur cet appareil.";
        muted(note);
        mirror.items.emplace_back(note);
        if (!g_problem.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
            ImGui::TextWrapped("%s", g_problem.c_str());
            ImGui::PopStyleColor();
            nameItem("affichage.probleme");
            mirror.items.emplace_back(g_problem);
        }

        ImGui::PopTextWrapPos();
        ImGui::PopItemFlag();
        m_focus.endFrame();
        mirror.announcement = "Affichage : taille du texte " + textScaleLabel(ctx.textScale) +
                              (ctx.highContrast ? ", contraste élevé" : ", contraste normal");
        platform::screenReaderPublish(mirror);
    }

private:
    static void section(AppContext& ctx, const char* title, platform::ScreenMirror& mirror) {
        ImGui::Spacing();
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::TextWrapped("%s", title);
        ImGui::PopFont();
        mirror.items.emplace_back(title);
    }

    static void muted(const std::string& text) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
        ImGui::TextWrapped("%s", text.c_str());
        ImGui::PopStyleColor();
    }

    // A choice among several: the current one is marked (✓ and the selected colour), in words for the mirror.
    bool choice(const std::string& label, bool selected, const std::string& name, const std::string& spoken) {
        if (selected) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        const bool pressed = m_focus.button((selected ? "✓ " : "") + label + "###" + name, {0, 0}, name,
                                            spoken + (selected ? " (choix actuel)" : ""));
        if (selected) ImGui::PopStyleColor();
        return pressed;
    }

    FocusRing m_focus;
    int m_lastFrame = -10;
};

} // namespace
} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::DisplaySettingsView);
