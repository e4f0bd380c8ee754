// Kiosk capability on the web: thin calls into web/kiosk.js (input clock, wake-up timer, full screen, page wipe).
#ifdef __EMSCRIPTEN__
#include "platform/kiosk.hpp"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <string>

namespace passerelle::platform {
namespace {

EM_JS(char*, js_page_query, (), {
    const s = location.search || "";
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});
EM_JS(void, js_mark_kiosk_address, (int kiosk), { PasserelleWeb.kiosk.markAddress(!!kiosk); });
EM_JS(double, js_last_input, (), { return PasserelleWeb.kiosk.lastInput; });
EM_JS(void, js_wake_at, (double atMs), { PasserelleWeb.kiosk.wakeAt(atMs); });
EM_JS(void, js_fullscreen, (), { PasserelleWeb.kiosk.fullscreenSoon(); });
EM_JS(void, js_exit_fullscreen, (), { PasserelleWeb.kiosk.exitFullscreen(); });
EM_JS(void, js_wipe_page, (), { PasserelleWeb.kiosk.wipe(); });
EM_JS(void, js_fresh_page, (), { PasserelleWeb.kiosk.freshPage(); });
EM_JS(int, js_fresh_status, (), { return PasserelleWeb.kiosk.fresh.code; });
EM_JS(char*, js_fresh_error, (), {
    const s = PasserelleWeb.kiosk.fresh.error || "";
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});
EM_JS(void, js_alert, (const char* text), { PasserelleWeb.kiosk.alert(UTF8ToString(text)); });

} // namespace

std::string pageQuery() {
    char* p = js_page_query();
    std::string s(p);
    std::free(p);
    return s;
}

void markKioskAddress(bool kiosk) { js_mark_kiosk_address(kiosk ? 1 : 0); }
double monotonicNowMs() { return emscripten_get_now(); }
double lastInputMs() { return js_last_input(); }
void wakeAt(double atMs) { js_wake_at(atMs); }
void requestFullscreenSoon() { js_fullscreen(); }
void exitFullscreen() { js_exit_fullscreen(); }
void wipePageState() { js_wipe_page(); }
void reloadFreshKioskPage() { js_fresh_page(); }

FreshPageStatus freshPageStatus(std::string* error) {
    const int code = js_fresh_status();
    if (code == 2) {
        if (error) {
            char* p = js_fresh_error();
            error->assign(p);
            std::free(p);
        }
        return FreshPageStatus::Failed;
    }
    return code == 1 ? FreshPageStatus::Saving : FreshPageStatus::Idle;
}

void announceAlert(std::string_view text) { js_alert(std::string(text).c_str()); }

} // namespace passerelle::platform
#endif
