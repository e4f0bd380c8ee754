// Text input capability: a hidden <input> receives typed text, dead keys, IME and mobile keyboards.
#pragma once

#include <functional>
#include <string_view>

namespace passerelle::platform {

// Where ImGui is editing text this frame: the bridge focuses its hidden input while `active` and
// puts it at (x, y) in CSS pixels so the IME candidate window opens next to the caret.
struct TextInputState {
    bool active = false;
    bool hoverText = false; // the pointer is over a text field: a tap there must open the keyboard
    float x = 0, y = 0, lineHeight = 0;
    bool operator==(const TextInputState&) const = default;
};
void textInputUpdate(const TextInputState& state);

// Receives committed text (UTF-8): plain characters, a finished composition (ê after ^ e), a word
// from a mobile keyboard.
void textInputOnText(std::function<void(std::string_view)> handler);

} // namespace passerelle::platform
