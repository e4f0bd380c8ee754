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
    // beginFrame for a screen that publishes `mirror`: emptied, given its heading (out of line: one copy).
    void beginScreen(platform::ScreenMirror& mirror, const char* heading);

    // A button that takes part in the ring; `name` makes it findable by tests and by the mirror;
    // `spoken` is what the mirror's button says (the label when empty). Long labels wrap.
    bool button(const std::string& label, ImVec2 size, std::string_view name, std::string_view spoken = {});
    // The same for a literal label (no std::string built at each call site: the download counts).
    bool button(const char* label, ImVec2 size, std::string_view name, std::string_view spoken = {});

    // Call just before a text field with the field's ImGui id.
    void fieldBefore(ImGuiID id);

    // Any other control just drawn (radio button, checkbox, combo, table row) takes part in the ring; `id`
    // when the last item is not that control (a combo whose popup was drawn). True when Enter was pressed
    // on it or the mirror button named `name` was pressed: the caller does what a click does (Space is ImGui's).
    bool item(std::string_view name, ImGuiID id = 0);

    // A combo (call after EndCombo with the id of its label): in the ring, Enter opens it as Space does.
    // True when the mirror button named `name` was pressed (the view shows its choices in the mirror).
    bool combo(std::string_view name, ImGuiID comboId);

    // Tab was handled by the screen itself this frame (a table moving between its rows): endFrame leaves it.
    void tabHandled() { m_tabHandled = true; }

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
    bool m_tabHandled = false;
    platform::ScreenMirror* m_mirror = nullptr;
};

// A plain button (outside any ring) that is also a button of the screen-reader mirror: returns true when
// clicked on the canvas or pressed in the mirror. Names the item `name`.
bool mirroredButton(platform::ScreenMirror& mirror, const char* label, std::string_view name);

// Out of line, for the download's sake (dozens of call sites): a sentence, a button, a field of the mirror.
// mirrorField returns the field's index (its error is set once known).
void mirrorSay(platform::ScreenMirror& mirror, std::string text);
void mirrorButton(platform::ScreenMirror& mirror, std::string text, std::string name);
// printf-style (one call instead of a chain of string additions); the format can be the canvas's own.
void mirrorSayf(platform::ScreenMirror& mirror, const char* format, ...) IM_FMTARGS(2);
void mirrorButtonf(platform::ScreenMirror& mirror, std::string name, const char* format, ...) IM_FMTARGS(3);
// « … et n autre(s). » when a list read in the mirror stops at `shown` of `total`.
void mirrorMore(platform::ScreenMirror& mirror, std::size_t total, std::size_t shown);
// Text drawn wrapped (in `colour` when given) and said by the mirror.
void sayWrapped(platform::ScreenMirror& mirror, const std::string& text, const ImVec4* colour = nullptr);
std::size_t mirrorField(platform::ScreenMirror& mirror, std::string label, std::string name, std::string value, std::string submit);

// The mirror's field standing for canvas field `name` (ImGui id `id`) was typed into this frame: its text
// becomes `text` (an active ImGui field keeps its own copy, so it is left first). True when it changed.
bool takeMirrorText(std::string_view name, ImGuiID id, std::string& text);

} // namespace passerelle::ui
