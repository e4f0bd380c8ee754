// Named widgets: two maps of rectangles, the frame being drawn and the last complete one.
#include "ui/widget_names.hpp"

#include <imgui.h>

#include <map>
#include <string>

namespace passerelle::ui {
namespace {

std::map<std::string, platform::ScreenRect, std::less<>> g_current;
std::map<std::string, platform::ScreenRect, std::less<>> g_done;
std::string g_focusCurrent, g_focusDone; // the named widget being edited or holding keyboard focus

} // namespace

void nameItem(std::string_view name) {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    g_current[std::string(name)] = {min.x, min.y, max.x - min.x, max.y - min.y};
    if (ImGui::IsItemActive() || ImGui::IsItemFocused()) g_focusCurrent.assign(name);
}

void widgetNamesFrameDone() {
    g_done.swap(g_current);
    g_current.clear();
    g_focusDone.swap(g_focusCurrent);
    g_focusCurrent.clear();
}

const std::string& focusedName() { return g_focusDone; }

const std::map<std::string, platform::ScreenRect, std::less<>>& namedRects() { return g_done; }

std::optional<platform::ScreenRect> namedRect(std::string_view name) {
    const auto it = g_done.find(name);
    if (it == g_done.end()) return std::nullopt;
    return it->second;
}

} // namespace passerelle::ui
