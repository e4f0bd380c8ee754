// Print on the web: web/print.js lays the text out in a print-only element and calls window.print().
#ifdef __EMSCRIPTEN__
#include "platform/print.hpp"

#include <emscripten/emscripten.h>

#include <string>

namespace passerelle::platform {
namespace {
EM_JS(void, js_print_text, (const char* title, const char* text),
      { PasserelleWeb.print.text(UTF8ToString(title), UTF8ToString(text)); });
} // namespace

void printText(std::string_view title, std::string_view text) {
    const std::string t(title), body(text);
    js_print_text(t.c_str(), body.c_str());
}

} // namespace passerelle::platform
#endif
