// The two themes: light (readable, roomy touch targets) and high contrast (black on white, ≥ 7:1, thick borders).
#include "ui/theme.hpp"

#include "core/display_settings.hpp"

#include <algorithm>

namespace passerelle::ui::theme {
namespace {

bool g_highContrast = false;
float g_scale = 1.0f;

} // namespace

Palette palette(bool highContrast) {
    const ThemeColors t = themeColors(highContrast);
    const auto v = [](Rgb c) { return ImVec4{static_cast<float>(c.r), static_cast<float>(c.g), static_cast<float>(c.b), 1.0f}; };
    return {v(t.text),   v(t.muted),  v(t.accent), v(t.ok),     v(t.warning),       v(t.error),        v(t.windowBg),
            v(t.frameBg), v(t.border), v(t.button), v(t.buttonHovered), v(t.buttonActive), v(t.focus)};
}

void apply(float textScale, bool highContrast) {
    g_highContrast = highContrast;
    g_scale = std::clamp(textScale, 1.0f, 2.0f);
    g_current = palette(highContrast);
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle(); // fresh: ScaleAllSizes multiplies, applying it twice would compound
    ImGui::StyleColorsLight(&s);
    s.WindowPadding = {20, 16};
    s.FramePadding = {10, 7};
    s.ItemSpacing = {10, 9};
    s.ItemInnerSpacing = {8, 6};
    s.FrameRounding = 5;
    s.GrabRounding = 5;
    s.ScrollbarSize = 16;
    s.WindowBorderSize = 0;
    s.FrameBorderSize = highContrast ? 2.0f : 1.0f;
    s.ChildBorderSize = highContrast ? 2.0f : 1.0f;
    const Palette& p = g_current;
    ImVec4* c = s.Colors;
    c[ImGuiCol_Text] = p.text;
    c[ImGuiCol_TextDisabled] = p.muted;
    c[ImGuiCol_WindowBg] = p.windowBg;
    c[ImGuiCol_ChildBg] = {0, 0, 0, 0};
    c[ImGuiCol_PopupBg] = p.frameBg;
    c[ImGuiCol_FrameBg] = p.frameBg;
    c[ImGuiCol_Border] = p.border;
    c[ImGuiCol_Button] = p.button;
    c[ImGuiCol_ButtonHovered] = p.buttonHovered;
    c[ImGuiCol_ButtonActive] = p.buttonActive;
    c[ImGuiCol_NavHighlight] = p.focus;
    if (highContrast) {
        c[ImGuiCol_FrameBgHovered] = p.buttonHovered;
        c[ImGuiCol_FrameBgActive] = p.frameBg;
        c[ImGuiCol_Separator] = p.text;
        c[ImGuiCol_CheckMark] = p.text;
        c[ImGuiCol_Header] = p.buttonActive;
        c[ImGuiCol_HeaderHovered] = p.buttonHovered;
        c[ImGuiCol_HeaderActive] = p.buttonActive;
        c[ImGuiCol_ScrollbarBg] = {0.92f, 0.92f, 0.92f, 1.0f};
        c[ImGuiCol_ScrollbarGrab] = {0.25f, 0.25f, 0.25f, 1.0f};
        c[ImGuiCol_ScrollbarGrabHovered] = p.text;
        c[ImGuiCol_ScrollbarGrabActive] = p.text;
        c[ImGuiCol_TableHeaderBg] = {0.88f, 0.88f, 0.88f, 1.0f};
        c[ImGuiCol_TableBorderStrong] = p.text;
        c[ImGuiCol_TableBorderLight] = {0.35f, 0.35f, 0.35f, 1.0f};
        c[ImGuiCol_TextSelectedBg] = {1.0f, 0.90f, 0.0f, 1.0f};
    }
    s.ScaleAllSizes(g_scale);
}

float focusThickness() { return (g_highContrast ? 4.0f : 2.0f) * g_scale; }

} // namespace passerelle::ui::theme
