// The focus ring: a list of this frame's controls, Tab moves along it, focus is given when drawn next frame.
#include "ui/focus_ring.hpp"

#include "app/frame_loop.hpp"
#include "ui/reflow.hpp"
#include "ui/theme.hpp"
#include "ui/widget_names.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>

namespace passerelle::ui {
namespace {

std::vector<ImGuiID> g_barIds; // the top bar's buttons this frame
ImGuiID g_barWant = 0;         // a top-bar button to focus when drawn

bool enterPressed() {
    return ImGui::IsItemFocused() && !ImGui::GetIO().WantTextInput &&
           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
}

// Gives keyboard focus to the item just drawn, and shows it.
void focusLastItem() {
    const ImGuiID id = ImGui::GetItemID();
    ImGui::SetFocusID(id, ImGui::GetCurrentWindow());
    ImGui::GetCurrentContext()->NavDisableHighlight = false;
    // Scrolled only as far as needed: centring would push a new screen's question out of sight when
    // its first control is lower down (text at 200 % on a phone).
    ImGui::ScrollToItem(ImGuiScrollFlags_KeepVisibleEdgeY);
}

// ImGui's own nav highlight is 2 px; the high-contrast theme asks for a thicker ring, drawn outside it.
void thickRing() {
    const float t = theme::focusThickness();
    if (t <= 2.5f || !ImGui::IsItemFocused() || GImGui->NavDisableHighlight) return;
    const ImVec2 pad{t, t};
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRect({min.x - pad.x, min.y - pad.y}, {max.x + pad.x, max.y + pad.y},
                                        ImGui::GetColorU32(ImGuiCol_NavHighlight), ImGui::GetStyle().FrameRounding, 0, t);
}

} // namespace

void FocusRing::beginFrame(platform::ScreenMirror* mirror) {
    m_ids.clear();
    m_tabHandled = false;
    m_mirror = mirror;
}

void FocusRing::beginScreen(platform::ScreenMirror& mirror, const char* heading) {
    mirror.items.clear();
    mirror.heading = heading;
    mirror.announcement.clear();
    beginFrame(&mirror);
}

bool FocusRing::button(const std::string& label, ImVec2 size, std::string_view name, std::string_view spoken) {
    return button(label.c_str(), size, name, spoken);
}

bool FocusRing::button(const char* label, ImVec2 size, std::string_view name, std::string_view spoken) {
    const bool clicked = wrapButton(label, size);
    const ImGuiID id = ImGui::GetItemID();
    nameItem(name);
    m_ids.push_back(id);
    if (id == m_want) {
        focusLastItem();
        m_want = 0;
    }
    thickRing();
    if (m_mirror) {
        std::string_view text = spoken.empty() ? std::string_view(label) : spoken;
        text = text.substr(0, text.find("##")); // what follows ## is the widget's id, not words
        m_mirror->items.push_back(platform::MirrorItem::button(std::string(text), std::string(name)));
    }
    return clicked || enterPressed() || platform::screenReaderActivated(name);
}

void FocusRing::fieldBefore(ImGuiID id) {
    m_ids.push_back(id);
    if (id == m_want) {
        ImGui::SetKeyboardFocusHere();
        m_want = 0;
    }
}

bool FocusRing::item(std::string_view name, ImGuiID id) {
    const bool last = id == 0 || id == ImGui::GetItemID();
    if (id == 0) id = ImGui::GetItemID();
    m_ids.push_back(id);
    if (id == m_want) {
        if (last) focusLastItem();
        else ImGui::SetFocusID(id, ImGui::GetCurrentWindow());
        GImGui->NavDisableHighlight = false;
        m_want = 0;
    }
    if (!last) return platform::screenReaderActivated(name);
    thickRing();
    return enterPressed() || platform::screenReaderActivated(name);
}

bool FocusRing::combo(std::string_view name, ImGuiID comboId) {
    const bool closed = comboId == ImGui::GetItemID(); // an open combo's last item is in its popup
    const bool enter = closed && ImGui::IsItemFocused() && !ImGui::GetIO().WantTextInput &&
                       ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
    const bool mirrored = item(name, comboId) && !enter;
    if (enter) {
        ImGui::OpenPopupEx(ImHashStr("##ComboPopup", 0, comboId)); // the id BeginCombo gives its popup
        app::requestFrames(2);
    }
    return mirrored;
}

void FocusRing::endFrame() {
    if (m_focusFirst && !m_ids.empty()) {
        ImGui::SetScrollY(0.0f); // a new screen is read from its top, whatever the last one's scroll was
        m_want = m_ids.front();
        m_focusFirst = false;
        app::requestFrames(2);
        return;
    }
    if (m_tabHandled || m_ids.empty() || !ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab))) return;
    // The cycle: the top bar's buttons, then the screen's controls.
    std::vector<ImGuiID> cycle = g_barIds;
    cycle.insert(cycle.end(), m_ids.begin(), m_ids.end());
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiID current = g.ActiveId ? g.ActiveId : g.NavId;
    const auto it = std::find(cycle.begin(), cycle.end(), current);
    const bool back = ImGui::GetIO().KeyShift;
    std::size_t index = 0;
    if (it == cycle.end()) {
        // Nothing focused yet: Tab starts at the screen's first control, Shift+Tab at its last.
        index = back ? cycle.size() - 1 : g_barIds.size();
    } else {
        const std::size_t at = static_cast<std::size_t>(it - cycle.begin());
        index = back ? (at + cycle.size() - 1) % cycle.size() : (at + 1) % cycle.size();
    }
    if (g.ActiveId) ImGui::ClearActiveID(); // leave the text field
    if (index < g_barIds.size()) g_barWant = cycle[index];
    else m_want = cycle[index];
    app::requestFrames(2);
}

void FocusRing::barBeginFrame() { g_barIds.clear(); }

bool FocusRing::barButton(const char* label, std::string_view name) {
    const bool clicked = wrapButton(label);
    const ImGuiID id = ImGui::GetItemID();
    nameItem(name);
    g_barIds.push_back(id);
    if (id == g_barWant) {
        focusLastItem();
        g_barWant = 0;
    }
    thickRing();
    return clicked || enterPressed() || platform::screenReaderActivated(name);
}

bool mirroredButton(platform::ScreenMirror& mirror, const char* label, std::string_view name) {
    const bool clicked = wrapButton(label);
    nameItem(name);
    std::string_view text(label);
    mirror.items.push_back(platform::MirrorItem::button(std::string(text.substr(0, text.find("##"))), std::string(name)));
    return clicked || platform::screenReaderActivated(name);
}

} // namespace passerelle::ui

namespace passerelle::ui {

void mirrorSay(platform::ScreenMirror& mirror, std::string text) { mirror.items.emplace_back(std::move(text)); }

void mirrorButton(platform::ScreenMirror& mirror, std::string text, std::string name) {
    mirror.items.push_back(platform::MirrorItem::button(std::move(text), std::move(name)));
}

namespace {
std::string formatV(const char* format, va_list args) {
    va_list again;
    va_copy(again, args);
    char small[256];
    const int n = std::vsnprintf(small, sizeof small, format, args);
    std::string out;
    if (n < 0) return out;
    if (static_cast<std::size_t>(n) < sizeof small) {
        out.assign(small, static_cast<std::size_t>(n));
    } else {
        out.resize(static_cast<std::size_t>(n));
        std::vsnprintf(out.data(), out.size() + 1, format, again);
    }
    va_end(again);
    return out;
}
} // namespace

void mirrorSayf(platform::ScreenMirror& mirror, const char* format, ...) {
    va_list args;
    va_start(args, format);
    mirror.items.emplace_back(formatV(format, args));
    va_end(args);
}

void mirrorButtonf(platform::ScreenMirror& mirror, std::string name, const char* format, ...) {
    va_list args;
    va_start(args, format);
    mirror.items.push_back(platform::MirrorItem::button(formatV(format, args), std::move(name)));
    va_end(args);
}

void mirrorMore(platform::ScreenMirror& mirror, std::size_t total, std::size_t shown) {
    if (total > shown) mirrorSayf(mirror, "… et %zu autre(s).", total - shown);
}

void sayWrapped(platform::ScreenMirror& mirror, const std::string& text, const ImVec4* colour) {
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, *colour);
    ImGui::TextWrapped("%s", text.c_str());
    if (colour) ImGui::PopStyleColor();
    mirror.items.emplace_back(text);
}

std::size_t mirrorField(platform::ScreenMirror& mirror, std::string label, std::string name, std::string value, std::string submit) {
    mirror.items.push_back(platform::MirrorItem::field(std::move(label), std::move(name), std::move(value), std::move(submit)));
    return mirror.items.size() - 1;
}

bool takeMirrorText(std::string_view name, ImGuiID id, std::string& text) {
    auto typed = platform::screenReaderTyped(name);
    if (!typed) return false;
    if (ImGui::GetActiveID() == id) ImGui::ClearActiveID();
    if (*typed == text) return false;
    text = std::move(*typed);
    return true;
}

} // namespace passerelle::ui
