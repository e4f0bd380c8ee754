// Test API on the web: exports the app's state and widget rectangles to web/test_api.js.
#ifdef __EMSCRIPTEN__
#include "platform/test_api.hpp"

#include <emscripten/emscripten.h>

#include <cstdio>

namespace passerelle::platform {
namespace {

std::function<std::string()> g_state;
std::function<std::optional<ScreenRect>(std::string_view)> g_rects;
std::string g_buffer; // the last answer, valid until the next call

EM_JS(void, js_frame_rendered, (double n), { PasserelleWeb.frameRendered(n); });

} // namespace

void testApiProvideState(std::function<std::string()> provider) { g_state = std::move(provider); }
void testApiProvideRects(std::function<std::optional<ScreenRect>(std::string_view)> provider) {
    g_rects = std::move(provider);
}
void testApiFrameRendered(unsigned long frameNumber) { js_frame_rendered(static_cast<double>(frameNumber)); }

} // namespace passerelle::platform

extern "C" EMSCRIPTEN_KEEPALIVE const char* passerelle_state_json() {
    using namespace passerelle::platform;
    g_buffer = g_state ? g_state() : "{}";
    return g_buffer.c_str();
}

// "null" when the widget was not drawn in the last frame.
extern "C" EMSCRIPTEN_KEEPALIVE const char* passerelle_widget_rect(const char* id) {
    using namespace passerelle::platform;
    const auto r = g_rects && id ? g_rects(id) : std::nullopt;
    if (!r) {
        g_buffer = "null";
    } else {
        char text[160];
        std::snprintf(text, sizeof text, "{\"x\":%.2f,\"y\":%.2f,\"w\":%.2f,\"h\":%.2f}", r->x, r->y, r->w, r->h);
        g_buffer = text;
    }
    return g_buffer.c_str();
}
#endif
