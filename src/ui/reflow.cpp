// Reflowing widgets: the wrapped button is ImGui's ButtonEx with a wrapped label (ImGui 1.86 has none).
#include "ui/reflow.hpp"

#include <imgui_internal.h>

#include <algorithm>

namespace passerelle::ui {

bool wrapButton(const char* label, ImVec2 size) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return false;
    const ImGuiStyle& st = ImGui::GetStyle();
    const float avail = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 3);
    const float oneLine = ImGui::CalcTextSize(label, nullptr, true).x + st.FramePadding.x * 2;
    const float w = size.x > 0 ? std::min(size.x, avail) : std::min(oneLine, avail);
    if (oneLine <= w) return ImGui::Button(label, {w, size.y});

    const float wrapW = w - st.FramePadding.x * 2;
    const ImVec2 text = ImGui::CalcTextSize(label, nullptr, true, wrapW);
    const ImVec2 pos = window->DC.CursorPos;
    const ImRect bb(pos, {pos.x + w, pos.y + std::max(size.y, text.y + st.FramePadding.y * 2)});
    const ImGuiID id = window->GetID(label); // the id ImGui::Button would have: names and focus stay the same
    ImGui::ItemSize(bb, st.FramePadding.y);
    if (!ImGui::ItemAdd(bb, id)) return false;
    bool hovered = false, held = false;
    const bool pressed = ImGui::ButtonBehavior(bb, id, &hovered, &held);
    const ImU32 fill = ImGui::GetColorU32(held && hovered ? ImGuiCol_ButtonActive
                                          : hovered      ? ImGuiCol_ButtonHovered
                                                         : ImGuiCol_Button);
    ImGui::RenderNavHighlight(bb, id);
    ImGui::RenderFrame(bb.Min, bb.Max, fill, true, st.FrameRounding);
    const ImGuiContext& g = *GImGui;
    window->DrawList->AddText(g.Font, g.FontSize, {bb.Min.x + st.FramePadding.x, bb.Min.y + st.FramePadding.y},
                              ImGui::GetColorU32(ImGuiCol_Text), label, ImGui::FindRenderedTextEnd(label), wrapW);
    return pressed;
}

void sameLineIfFits(const char* nextLabel) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float w = ImGui::CalcTextSize(nextLabel, nullptr, true).x + st.FramePadding.x * 2;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + st.ItemSpacing.x + w <= right) ImGui::SameLine();
}

void wrappedText(const char* text) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
}

} // namespace passerelle::ui
