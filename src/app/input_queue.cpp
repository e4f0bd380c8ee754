// Browser input → ImGui event queue, and the functions web/input.js calls.
#include "app/input_queue.hpp"

#include "app/frame_loop.hpp"
#include "platform/screen_reader.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include <array>
#include <deque>
#include <string>
#include <utility>

namespace passerelle::app {
namespace {

enum Mods { kCtrl = 1, kShift = 2, kAlt = 4, kSuper = 8 };

struct Event {
    enum class Type { Key, Button, Move, Wheel, Text, Focus, MirrorAction, MirrorInput } type;
    int code = 0; // key code or mouse button
    bool down = false;
    int mods = 0;
    float x = 0, y = 0;
    std::string text;
    std::string name; // MirrorAction / MirrorInput: the canvas widget the screen-reader mirror stands for
    double at = 0;    // Button: when the browser delivered it (ms, emscripten_get_now)
};

std::deque<Event> g_queue;
std::array<double, 5> g_lastPressAt{-1e9, -1e9, -1e9, -1e9, -1e9};

void push(Event e) {
    g_queue.push_back(std::move(e));
    requestFrames();
}

void applyMods(ImGuiIO& io, int mods) {
    io.KeyCtrl = mods & kCtrl;
    io.KeyShift = mods & kShift;
    io.KeyAlt = mods & kAlt;
    io.KeySuper = mods & kSuper;
}

} // namespace

void setupKeyMap() {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Tab] = 9;
    io.KeyMap[ImGuiKey_LeftArrow] = 37;
    io.KeyMap[ImGuiKey_RightArrow] = 39;
    io.KeyMap[ImGuiKey_UpArrow] = 38;
    io.KeyMap[ImGuiKey_DownArrow] = 40;
    io.KeyMap[ImGuiKey_PageUp] = 33;
    io.KeyMap[ImGuiKey_PageDown] = 34;
    io.KeyMap[ImGuiKey_Home] = 36;
    io.KeyMap[ImGuiKey_End] = 35;
    io.KeyMap[ImGuiKey_Insert] = 45;
    io.KeyMap[ImGuiKey_Delete] = 46;
    io.KeyMap[ImGuiKey_Backspace] = 8;
    io.KeyMap[ImGuiKey_Space] = 32;
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_Escape] = 27;
    io.KeyMap[ImGuiKey_KeyPadEnter] = 13;
    io.KeyMap[ImGuiKey_A] = 'A';
    io.KeyMap[ImGuiKey_C] = 'C';
    io.KeyMap[ImGuiKey_V] = 'V';
    io.KeyMap[ImGuiKey_X] = 'X';
    io.KeyMap[ImGuiKey_Y] = 'Y';
    io.KeyMap[ImGuiKey_Z] = 'Z';
}

bool applyQueuedInput() {
    platform::screenReaderNewFrame();
    if (g_queue.empty()) return false;
    // The frames push() asked for may all go to trickling the queue out (a click is 3–4 frames), and the
    // last event then gets none to settle in: a combo opened by the release would stay on its hidden
    // first frame, drawn nowhere, its choices at a provisional place. The settling frames count from
    // the frame that applies input, not from its arrival.
    requestFrames();
    ImGuiIO& io = ImGui::GetIO();
    std::array<bool, 5> buttonChanged{};
    std::array<bool, 256> keyChanged{};
    bool keyPressed = false, typed = false, buttonEvent = false, moved = false, mirrored = false;
    while (!g_queue.empty()) {
        const Event& e = g_queue.front();
        switch (e.type) {
        case Event::Type::Key:
            if (e.code < 0 || e.code >= 256) break;
            if (keyChanged[e.code] || typed) return true;
            keyChanged[e.code] = true;
            keyPressed |= e.down;
            applyMods(io, e.mods);
            io.KeysDown[e.code] = e.down;
            break;
        case Event::Type::Button:
            if (e.code < 0 || e.code >= 5) break;
            // Like ImGui 1.87's trickling queue: the pointer arrives on one frame, presses on the next,
            // or hover is computed for the old position (a fast click from another window is lost).
            if (buttonChanged[e.code] || moved) return true;
            buttonChanged[e.code] = true;
            buttonEvent = true;
            io.MouseDown[e.code] = e.down;
            if (e.down) {
                // ImGui tells a double click by its own clock, which advances a frame at a time; trickling
                // spreads a double click's two presses over several frames, and on a slow device they
                // ended up further apart than MouseDoubleClickTime (the word was not selected). The
                // browser's delivery times decide instead; ImGui still checks the distance and counts.
                const bool repeated = e.at - g_lastPressAt[e.code] < io.MouseDoubleClickTime * 1000.0;
                io.MouseClickedTime[e.code] = repeated ? ImGui::GetTime() + 1e6 : -1e9;
                g_lastPressAt[e.code] = e.at;
            }
            break;
        case Event::Type::Move:
            // The browser repeats the position with each press and release: a move that goes nowhere
            // costs no frame (a double click keeps its two presses close enough in time).
            if (io.MousePos.x == e.x && io.MousePos.y == e.y) break;
            if (buttonEvent) return true; // a drag starts where the button went down
            io.MousePos = {e.x, e.y};
            moved = true;
            break;
        case Event::Type::Wheel:
            io.MouseWheelH += e.x;
            io.MouseWheel += e.y;
            break;
        case Event::Type::Text:
            if (keyPressed) return true; // ImGui reads typed text before keys within one frame
            typed = true;
            io.AddInputCharactersUTF8(e.text.c_str());
            break;
        // One mirror event per frame: the view claims it while drawing the widget it names, so a field's
        // new text and the « Valider » pressed after it must not share a frame.
        case Event::Type::MirrorAction:
            if (mirrored) return true;
            mirrored = true;
            platform::screenReaderSetActivated(e.name);
            break;
        case Event::Type::MirrorInput:
            if (mirrored) return true;
            mirrored = true;
            platform::screenReaderSetTyped(e.name, e.text);
            break;
        case Event::Type::Focus:
            io.AddFocusEvent(e.down);
            if (!e.down) {
                for (bool& k : io.KeysDown) k = false;
                for (bool& b : io.MouseDown) b = false;
                applyMods(io, 0);
            }
            break;
        }
        g_queue.pop_front();
    }
    return false;
}

void queuePasteShortcut() {
    push({Event::Type::Key, 'V', true, kCtrl});
    push({Event::Type::Key, 'V', false, kCtrl});
}

void queueText(const char* utf8) {
    if (utf8 && *utf8) push({Event::Type::Text, 0, false, 0, 0, 0, utf8});
}

} // namespace passerelle::app

// [SECTION] Functions called by web/input.js (positions in CSS pixels relative to the canvas)
using passerelle::app::Event;
using passerelle::app::push;

extern "C" EMSCRIPTEN_KEEPALIVE void passerelle_key(int code, int down, int mods) {
    push({Event::Type::Key, code, down != 0, mods});
}
extern "C" EMSCRIPTEN_KEEPALIVE void passerelle_pointer_move(float x, float y) {
    push({Event::Type::Move, 0, false, 0, x, y});
}
extern "C" EMSCRIPTEN_KEEPALIVE void passerelle_pointer_button(int button, int down) {
    Event e{Event::Type::Button, button, down != 0};
    e.at = emscripten_get_now();
    push(std::move(e));
}
extern "C" EMSCRIPTEN_KEEPALIVE void passerelle_wheel(float dx, float dy) {
    push({Event::Type::Wheel, 0, false, 0, dx, dy});
}
extern "C" EMSCRIPTEN_KEEPALIVE void passerelle_focus(int focused) {
    push({Event::Type::Focus, 0, focused != 0});
}
// From web/screen_reader.js: a mirror button pressed, a mirror field's text changed (UTF-8).
extern "C" EMSCRIPTEN_KEEPALIVE void passerelle_mirror_action(const char* name) {
    if (name) push({Event::Type::MirrorAction, 0, false, 0, 0, 0, {}, name});
}
extern "C" EMSCRIPTEN_KEEPALIVE void passerelle_mirror_input(const char* name, const char* value) {
    if (name && value) push({Event::Type::MirrorInput, 0, false, 0, 0, 0, value, name});
}
