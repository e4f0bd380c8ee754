// The light theme: readable contrast, roomy touch targets.
#include "ui/theme.hpp"

namespace passerelle::ui::theme {

void apply() {
    ImGui::StyleColorsLight();
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowPadding = {20, 16};
    s.FramePadding = {10, 7};
    s.ItemSpacing = {10, 9};
    s.ItemInnerSpacing = {8, 6};
    s.FrameRounding = 5;
    s.GrabRounding = 5;
    s.ScrollbarSize = 16;
    s.WindowBorderSize = 0;
    s.FrameBorderSize = 1;
    ImVec4* c = s.Colors;
    c[ImGuiCol_Text] = kText;
    c[ImGuiCol_TextDisabled] = kMuted;
    c[ImGuiCol_WindowBg] = {0.97f, 0.97f, 0.98f, 1.0f};
    c[ImGuiCol_FrameBg] = {1.0f, 1.0f, 1.0f, 1.0f};
    c[ImGuiCol_Border] = {0.70f, 0.72f, 0.76f, 1.0f};
    c[ImGuiCol_Button] = {0.88f, 0.92f, 0.97f, 1.0f};
    c[ImGuiCol_ButtonHovered] = {0.78f, 0.86f, 0.96f, 1.0f};
    c[ImGuiCol_ButtonActive] = {0.66f, 0.78f, 0.94f, 1.0f};
    c[ImGuiCol_NavHighlight] = kAccent;
}

} // namespace passerelle::ui::theme
