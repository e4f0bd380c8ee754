// Screen-reader mirror on the web: a visually hidden <section> with an <ol> and an aria-live region.
#ifdef __EMSCRIPTEN__
#include "platform/screen_reader.hpp"

#include <emscripten/emscripten.h>

namespace passerelle::platform {
namespace {

ScreenMirror g_last;
bool g_sent = false;

// Items arrive joined by '\n' (they never contain one: the views build them from single lines).
EM_JS(void, js_mirror, (const char* heading, const char* items, const char* announcement), {
    let root = document.getElementById("a11y-mirror");
    if (!root) {
        root = document.createElement("section");
        root.id = "a11y-mirror";
        root.setAttribute("aria-label", "Contenu de l’écran");
        // Visually hidden but read by screen readers (the usual « sr-only » rules).
        root.style.cssText = "position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;" +
                             "clip:rect(0,0,0,0);white-space:nowrap;border:0";
        root.innerHTML = "<h1></h1><ol></ol><div role=status aria-live=polite></div>";
        document.body.appendChild(root);
    }
    root.querySelector("h1").textContent = UTF8ToString(heading);
    const ol = root.querySelector("ol");
    ol.replaceChildren();
    const text = UTF8ToString(items);
    if (text) text.split("\n").forEach((t) => { const li = document.createElement("li"); li.textContent = t; ol.appendChild(li); });
    const live = root.querySelector("[aria-live]");
    const said = UTF8ToString(announcement);
    if (live.textContent !== said) live.textContent = said;
});

} // namespace

void screenReaderPublish(const ScreenMirror& mirror) {
    if (g_sent && mirror == g_last) return;
    g_last = mirror;
    g_sent = true;
    std::string items;
    for (const auto& i : mirror.items) {
        if (!items.empty()) items += '\n';
        for (char c : i) items += c == '\n' ? ' ' : c;
    }
    js_mirror(mirror.heading.c_str(), items.c_str(), mirror.announcement.c_str());
}

} // namespace passerelle::platform
#endif
