// Keyboard focus ring and screen-reader mirror for a screen's controls: Tab / Shift+Tab visit every control
// in reading order (the top bar's included), Enter presses the focused button, a thick ring shows where
// the focus is, and each button is also a real <button> in the DOM mirror that presses the same widget.
#pragma once

#include "platform/screen_reader.hpp"

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace passerelle::ui {

// Dear ImGui 1.86 tabs only between text fields and presses buttons with Space: a view that wants every
// control reachable by Tab draws its buttons through a FocusRing.
class FocusRing {
public:
    // `mirror` (may be null) receives one Button item per button drawn, in drawing order.
    void beginFrame(platform::ScreenMirror* mirror = nullptr);

    // A button that takes part in the ring; `name` makes it findable by tests and by the mirror;
    // `spoken` is what the mirror's button says (the label when empty). Long labels wrap.
    bool button(const std::string& label, ImVec2 size, std::string_view name, std::string_view spoken = {});

    // Call just before a text field with the field's ImGui id.
    void fieldBefore(ImGuiID id);

    // Gives focus to the first control of the screen drawn next frame.
    void focusFirst() { m_focusFirst = true; }

    // Call after the screen's last control: handles Tab / Shift+Tab.
    void endFrame();

    // The top bar's buttons, drawn before any view: part of every ring (reached by Shift+Tab from the
    // first control of the screen, or by Tab after its last).
    static void barBeginFrame();
    static bool barButton(const char* label, std::string_view name);

private:
    std::vector<ImGuiID> m_ids;
    ImGuiID m_want = 0;
    bool m_focusFirst = false;
    platform::ScreenMirror* m_mirror = nullptr;
};

// A plain button (outside any ring) that is also a button of the screen-reader mirror: returns true when
// clicked on the canvas or pressed in the mirror. Names the item `name`.
bool mirroredButton(platform::ScreenMirror& mirror, const char* label, std::string_view name);

} // namespace passerelle::ui
