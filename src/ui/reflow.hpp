// Widgets that reflow when the text is large (200 %) or the screen narrow (phone): nothing is clipped.
#pragma once

#include <imgui.h>

namespace passerelle::ui {

// A button like ImGui::Button, except that a label wider than the button (or than the space left on the
// line) wraps onto several lines and the button grows taller, instead of being cut.
bool wrapButton(const char* label, ImVec2 size = {0, 0});

// Puts the next item on the same line only if a button labelled `nextLabel` fits there.
void sameLineIfFits(const char* nextLabel);

// Like ImGui::TextUnformatted but wrapped at the window's edge (labels that sat on one line at 100 %).
void wrappedText(const char* text);

} // namespace passerelle::ui
