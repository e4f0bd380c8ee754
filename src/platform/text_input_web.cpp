// Text input on the web: web/text_input.js owns the hidden <input>; committed text comes back here.
#ifdef __EMSCRIPTEN__
#include "platform/text_input.hpp"

#include <emscripten/emscripten.h>

namespace passerelle::platform {
namespace {

std::function<void(std::string_view)> g_onText;
TextInputState g_last;
bool g_sent = false;

EM_JS(void, js_text_update, (int active, int hoverText, float x, float y, float h),
      { PasserelleWeb.text.update(!!active, !!hoverText, x, y, h); });

} // namespace

void textInputUpdate(const TextInputState& state) {
    if (g_sent && state == g_last) return; // the DOM is touched only when something changed
    g_last = state;
    g_sent = true;
    js_text_update(state.active, state.hoverText, state.x, state.y, state.lineHeight);
}

void textInputOnText(std::function<void(std::string_view)> handler) { g_onText = std::move(handler); }

} // namespace passerelle::platform

// Called by web/text_input.js with committed text (UTF-8).
extern "C" EMSCRIPTEN_KEEPALIVE void passerelle_text(const char* utf8) {
    if (utf8 && passerelle::platform::g_onText) passerelle::platform::g_onText(utf8);
}
#endif
