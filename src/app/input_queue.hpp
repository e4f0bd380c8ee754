// Browser input → ImGui: events from web/input.js are queued and fed to ImGui 1.86 at frame start.
#pragma once

namespace passerelle::app {

// Key codes are DOM keyCodes (Tab 9, Enter 13, arrows 37–40, letters 65–90); ImGui's KeyMap uses them.
void setupKeyMap();

// Applies queued events to ImGuiIO for this frame. A mouse button that changes twice or right after
// the pointer moved, a key that changes twice, or text typed after a key press, waits for the next frame
// so that a quick click or "ab⌫" are not lost or reordered (ImGui 1.86 samples state once per frame).
// A frame that applies input asks for the settling frames after it. Returns true if events are left for later.
[[nodiscard]] bool applyQueuedInput();

// Queues Ctrl+V press and release: used when the browser delivers a paste.
void queuePasteShortcut();
// Queues committed text (UTF-8).
void queueText(const char* utf8);

} // namespace passerelle::app
