// Clipboard capability: copy to and paste from the browser's clipboard.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace passerelle::platform {

// Puts text on the system clipboard (navigator.clipboard on the web) and remembers it.
void clipboardSetText(std::string_view text);
// The text of the last paste or copy: what ImGui's Ctrl+V inserts.
[[nodiscard]] const std::string& clipboardText();
// Called when the browser delivers a paste (its text is already in clipboardText()): the app then
// replays Ctrl+V into ImGui so the paste replaces the selection like a typed shortcut would.
void clipboardOnPaste(std::function<void()> handler);

} // namespace passerelle::platform
