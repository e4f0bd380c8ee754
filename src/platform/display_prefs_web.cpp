// Display wishes on the web: CSS media queries.
#ifdef __EMSCRIPTEN__
#include "platform/display_prefs.hpp"

#include <emscripten/emscripten.h>

namespace passerelle::platform {
namespace {
EM_JS(int, js_prefers_more_contrast, (), {
    const m = (q) => !!(window.matchMedia && window.matchMedia(q).matches);
    return m("(prefers-contrast: more)") || m("(forced-colors: active)") ? 1 : 0;
});
} // namespace

bool prefersMoreContrast() { return js_prefers_more_contrast() != 0; }

} // namespace passerelle::platform
#endif
