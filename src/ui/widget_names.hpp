// Named widgets: views name the items tests must find; the test API reads their last-frame rectangles.
#pragma once

#include "platform/test_api.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace passerelle::ui {

// Records the rectangle of the last ImGui item under `name` (e.g. "profile.name").
void nameItem(std::string_view name);
// Call once per frame after drawing: the rectangles of the frame just drawn become the answers.
void widgetNamesFrameDone();
// The rectangle `name` had in the last complete frame, if it was drawn.
[[nodiscard]] std::optional<platform::ScreenRect> namedRect(std::string_view name);
// Every named rectangle of the last complete frame, by name (the accessibility test checks them all).
[[nodiscard]] const std::map<std::string, platform::ScreenRect, std::less<>>& namedRects();
// The named widget that was active or had keyboard focus in the last complete frame ("" if none).
[[nodiscard]] const std::string& focusedName();

} // namespace passerelle::ui
