// Colours and style shared by the views: the light theme, the high-contrast one, sizes scaled with the text.
#pragma once

#include <imgui.h>

namespace passerelle::ui::theme {

// The colours a theme is made of (src/core/display_settings: themeColors, checked for contrast there).
struct Palette {
    ImVec4 text, muted, accent, ok, warning, error;
    ImVec4 windowBg, frameBg, border, button, buttonHovered;
    ImVec4 buttonActive; // also the selected answer's background
    ImVec4 focus;        // the keyboard focus ring
};

// The palette of a theme (light, or high contrast).
[[nodiscard]] Palette palette(bool highContrast);

// The palette in use. The k* names below are references into it, so `theme::kError` follows the theme.
inline Palette g_current = palette(false);
inline const ImVec4& kText = g_current.text;
inline const ImVec4& kMuted = g_current.muted;
inline const ImVec4& kAccent = g_current.accent;
inline const ImVec4& kOk = g_current.ok;
inline const ImVec4& kWarning = g_current.warning;
inline const ImVec4& kError = g_current.error;

// Applies a fresh style to ImGui: the theme's colours, sizes (in CSS pixels) scaled by the text size.
// Call between frames only.
void apply(float textScale = 1.0f, bool highContrast = false);

// Thickness of the keyboard focus ring the views draw around the focused control (CSS pixels).
[[nodiscard]] float focusThickness();

} // namespace passerelle::ui::theme
