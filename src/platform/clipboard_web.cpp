// Clipboard on the web: web/clipboard.js hands pastes to C++ and writes copies with navigator.clipboard.
#ifdef __EMSCRIPTEN__
#include "platform/clipboard.hpp"

#include <emscripten/emscripten.h>

namespace passerelle::platform {
namespace {

std::string g_text;
std::function<void()> g_onPaste;

EM_JS(void, js_clipboard_write, (const char* text), { PasserelleWeb.clipboard.write(UTF8ToString(text)); });

} // namespace

void clipboardSetText(std::string_view text) {
    g_text.assign(text);
    js_clipboard_write(g_text.c_str());
}

const std::string& clipboardText() { return g_text; }

void clipboardOnPaste(std::function<void()> handler) { g_onPaste = std::move(handler); }

} // namespace passerelle::platform

// Called by web/clipboard.js with the pasted text (UTF-8).
extern "C" EMSCRIPTEN_KEEPALIVE void passerelle_paste(const char* utf8) {
    passerelle::platform::g_text = utf8 ? utf8 : "";
    if (passerelle::platform::g_onPaste) passerelle::platform::g_onPaste();
}
#endif
