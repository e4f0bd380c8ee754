// The home screen: the three doors of the product, the reference date, the establishment profile.
#include "platform/screen_reader.hpp"
#include "ui/french_date.hpp"
#include "ui/profile_form.hpp"
#include "ui/reflow.hpp"
#include "ui/theme.hpp"
#include "ui/view.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace passerelle::ui {
namespace {

class HomeView final : public View {
public:
    [[nodiscard]] std::string_view id() const override { return "home"; }
    [[nodiscard]] std::string_view title() const override { return "Accueil"; }

    void draw(AppContext& ctx) override {
        constexpr const char* kHeading = "Quels dispositifs pour quel parcours ?";
        constexpr const char* kIntro = "Apprentissage, stage de seconde, métiers de la sécurité, MLDS : Passerelle dit à "
                                       "chacun ce à quoi il a droit, et pourquoi.";
        const std::string reference = "Vérifier comme au " + frenchLongDate(ctx.referenceDate);
        platform::ScreenMirror mirror{kHeading, {kIntro, reference}, "Accueil de Passerelle"};
        ImGui::PushFont(ctx.fonts.title);
        ImGui::TextWrapped("%s", kHeading);
        ImGui::PopFont();
        ImGui::TextWrapped("%s", kIntro);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
        ImGui::TextWrapped("%s", reference.c_str());
        ImGui::PopStyleColor();
        nameItem("home.reference_date");
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
        ImGui::TextWrapped("« Date de référence » : les règles sont vérifiées telles qu’elles s’appliquent ce "
                           "jour-là (aujourd’hui, heure de Paris).");
        ImGui::PopStyleColor();
        ImGui::Spacing();
        drawDoors(ctx, mirror);
        platform::screenReaderPublish(mirror);
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::Spacing();
        drawProfileForm(ctx);
    }

private:
    static void drawDoors(AppContext& ctx, platform::ScreenMirror& mirror) {
        std::vector<const View*> doors;
        for (const auto& v : allViews()) {
            if (v->door()) doors.push_back(v.get());
        }
        std::sort(doors.begin(), doors.end(), [](const View* a, const View* b) { return a->door()->order < b->door()->order; });
        if (doors.empty()) return;

        // Side by side when there is room, stacked on a phone.
        const float avail = ImGui::GetContentRegionAvail().x;
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        const bool row = avail >= 640.0f * ctx.textScale;
        const float n = static_cast<float>(doors.size());
        const float w = row ? std::min((avail - spacing * (n - 1)) / n, 300.0f * ctx.textScale) : avail;
        const float h = 88.0f * ctx.textScale; // a label too long for the door wraps and the door grows
        for (std::size_t i = 0; i < doors.size(); ++i) {
            const View* v = doors[i];
            const Door d = *v->door();
            if (row && i > 0) ImGui::SameLine();
            ImGui::BeginGroup();
            ImGui::PushFont(ctx.fonts.bold);
            const std::string label = std::string(d.label) + "##door";
            ImGui::PushID(static_cast<int>(i));
            const std::string name = "door." + std::string(v->id());
            if (wrapButton(label.c_str(), {w, h}) || platform::screenReaderActivated(name)) ctx.router.go(v->id());
            ImGui::PopID();
            ImGui::PopFont();
            nameItem(name);
            mirror.items.push_back(platform::MirrorItem::button(std::string(d.label) + " — " + std::string(d.audience), name));
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
            ImGui::TextUnformatted(d.audience.data(), d.audience.data() + d.audience.size());
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
            ImGui::EndGroup();
        }
    }
};

} // namespace
} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::HomeView);
