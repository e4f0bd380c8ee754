// What the passphrase screens (vault, signing key) share: coloured messages, buffer wiping, slow Argon2id actions run a frame late.
#pragma once

#include "app/frame_loop.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <utility>

namespace passerelle::ui::passphrase_ui {

inline void coloured(const ImVec4& colour, const std::string& text, const char* name) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
    nameItem(name);
}

// Overwrites a passphrase buffer before it is released.
inline void wipe(std::string& s) {
    std::fill(s.begin(), s.end(), '\0');
    s.clear();
}

// Argon2id (64 MiB) holds the tab for half a second to a second on a phone, and nothing is drawn meanwhile.
// So a button only asks for its action; the next frame is drawn with the button disabled and a line saying
// what is happening (« Déverrouillage… »); the action runs on the frame after that one, once the user has
// seen the line. A screen has one SlowAction; `what` tells its actions apart (0 means none).
class SlowAction {
public:
    // Call before drawing the screen's widgets, every frame: the action to run now, or 0.
    [[nodiscard]] int due() {
        if (m_stage == Stage::Asked) {
            m_stage = Stage::Shown; // this frame draws the waiting line with the button disabled
            app::requestFrames();
            return 0;
        }
        if (m_stage == Stage::Shown) {
            m_stage = Stage::Idle;
            app::requestFrames(); // the result is drawn even if no input follows
            return std::exchange(m_what, 0);
        }
        return 0;
    }
    void request(int what) {
        if (m_stage != Stage::Idle) return;
        m_what = what;
        m_stage = Stage::Asked;
        app::requestFrames();
    }
    [[nodiscard]] bool pending() const { return m_stage != Stage::Idle; }
    [[nodiscard]] int pendingWhat() const { return pending() ? m_what : 0; }
    // The waiting line, named `name` (tests look for it), while `what` is pending.
    void drawWaiting(int what, const char* text, const char* name) const {
        if (pendingWhat() != what) return;
        ImGui::TextUnformatted(text);
        nameItem(name);
    }

private:
    enum class Stage { Idle, Asked, Shown };
    Stage m_stage = Stage::Idle;
    int m_what = 0;
};

} // namespace passerelle::ui::passphrase_ui
