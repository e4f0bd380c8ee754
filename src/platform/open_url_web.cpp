// Open-a-link on the web: window.open in a new tab, noopener so the démarche page cannot reach back into ours.
#ifdef __EMSCRIPTEN__
#include "platform/open_url.hpp"

#include <emscripten/emscripten.h>

#include <string>

namespace passerelle::platform {
namespace {
EM_JS(void, js_open_url, (const char* url), {
    const u = UTF8ToString(url);
    if (u.startsWith('https://')) window.open(u, '_blank', 'noopener,noreferrer');
});
} // namespace

void openUrl(std::string_view url) {
    const std::string u(url);
    js_open_url(u.c_str());
}

} // namespace passerelle::platform
#endif
