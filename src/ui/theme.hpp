// Colours and style shared by the views (a light, high-contrast theme).
#pragma once

#include <imgui.h>

namespace passerelle::ui::theme {

inline const ImVec4 kText{0.10f, 0.11f, 0.14f, 1.0f};
inline const ImVec4 kMuted{0.33f, 0.35f, 0.40f, 1.0f};
inline const ImVec4 kAccent{0.05f, 0.33f, 0.62f, 1.0f};
inline const ImVec4 kOk{0.08f, 0.45f, 0.20f, 1.0f};
inline const ImVec4 kWarning{0.62f, 0.36f, 0.00f, 1.0f};
inline const ImVec4 kError{0.72f, 0.10f, 0.10f, 1.0f};

// Applies the theme to the current ImGui style (sizes in CSS pixels).
void apply();

} // namespace passerelle::ui::theme
