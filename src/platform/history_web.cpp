// Browser history on the web: pushState/replaceState with the token in the #fragment; popstate comes back here.
#ifdef __EMSCRIPTEN__
#include "platform/history.hpp"

#include <emscripten/emscripten.h>

#include <cstdlib>

namespace passerelle::platform {
namespace {

std::function<void(std::string)> g_onPop;

EM_JS(void, js_history_set, (const char* token, int push), {
    const t = UTF8ToString(token);
    const url = location.pathname + location.search + (t ? "#" + t : "");
    if (push) history.pushState({ passerelle: t }, "", url);
    else history.replaceState({ passerelle: t }, "", url);
});
EM_JS(char*, js_history_initial, (), {
    const W = window.PasserelleWeb;
    if (!W.historyHooked) {
        W.historyHooked = true;
        window.addEventListener('popstate', (e) => {
            const t = e.state && typeof e.state.passerelle === 'string' ? e.state.passerelle
                                                                          : decodeURIComponent(location.hash.slice(1));
            W.callWithString(Module._passerelle_history_popped, t);
            W.wake();
        });
    }
    const s = decodeURIComponent(location.hash.slice(1));
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});

} // namespace

void historyPush(std::string_view token) { js_history_set(std::string(token).c_str(), 1); }
void historyReplace(std::string_view token) { js_history_set(std::string(token).c_str(), 0); }

std::string historyInitialToken() {
    char* p = js_history_initial();
    std::string s(p);
    std::free(p);
    return s;
}

void historyOnPop(std::function<void(std::string)> handler) { g_onPop = std::move(handler); }

} // namespace passerelle::platform

extern "C" EMSCRIPTEN_KEEPALIVE void passerelle_history_popped(const char* token) {
    if (token && passerelle::platform::g_onPop) passerelle::platform::g_onPop(token);
}
#endif
