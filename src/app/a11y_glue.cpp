// Functions web/screen_reader.js adds to the test API: the display in use (size, contrast, palette) and every named rectangle.
#include "app/fonts.hpp"
#include "core/json_strict.hpp"
#include "ui/theme.hpp"
#include "ui/widget_names.hpp"

#include <emscripten/emscripten.h>

#include <string>

namespace {

nlohmann::json rgba(const ImVec4& c) { return {c.x, c.y, c.z, c.w}; }

std::string g_answer; // returned to JS, valid until the next call

} // namespace

// { textScale, highContrast, dpr, colors: { text: [r, g, b, a], … } } as applied to the last frame.
extern "C" EMSCRIPTEN_KEEPALIVE const char* passerelle_display_json() {
    using namespace passerelle;
    const app::AppliedDisplay d = app::appliedDisplay();
    const ui::theme::Palette& p = ui::theme::g_current;
    const nlohmann::json colors = {
        {"text", rgba(p.text)},         {"muted", rgba(p.muted)},       {"accent", rgba(p.accent)},
        {"ok", rgba(p.ok)},             {"warning", rgba(p.warning)},   {"error", rgba(p.error)},
        {"windowBg", rgba(p.windowBg)}, {"frameBg", rgba(p.frameBg)},   {"border", rgba(p.border)},
        {"button", rgba(p.button)},     {"buttonHovered", rgba(p.buttonHovered)},
        {"buttonActive", rgba(p.buttonActive)}, {"focus", rgba(p.focus)},
    };
    const nlohmann::json doc = {{"textScale", d.textScale}, {"highContrast", d.highContrast}, {"dpr", d.dpr},
                                {"fontSize", ImGui::GetFontSize()}, {"focusThickness", ui::theme::focusThickness()},
                                {"colors", colors}};
    g_answer = doc.dump();
    return g_answer.c_str();
}

// { name: {x, y, w, h} } for every widget named in the last complete frame (CSS pixels).
extern "C" EMSCRIPTEN_KEEPALIVE const char* passerelle_widget_rects_json() {
    nlohmann::json all = nlohmann::json::object();
    for (const auto& [name, r] : passerelle::ui::namedRects()) all[name] = {{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}};
    g_answer = all.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return g_answer.c_str();
}
