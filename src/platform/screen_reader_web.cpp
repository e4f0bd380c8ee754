// Screen-reader mirror on the web: the screen goes to web/screen_reader.js as JSON; its buttons and field come back.
#ifdef __EMSCRIPTEN__
#include "platform/screen_reader.hpp"

#include <emscripten/emscripten.h>
#include <nlohmann/json.hpp>

namespace passerelle::platform {
namespace {

ScreenMirror g_last;
bool g_sent = false;
std::vector<MirrorItem> g_nav;
bool g_navSent = false;
bool g_publishedThisFrame = false;
std::string g_frameTitle; // the title of the screen drawn in the current frame
bool g_framed = false;

// This frame's mirror event, claimed by the view that draws the matching widget.
std::string g_activated;
std::optional<std::pair<std::string, std::string>> g_typed;

EM_JS(void, js_mirror, (const char* json), { PasserelleWeb.mirror.render(JSON.parse(UTF8ToString(json))); });
EM_JS(void, js_mirror_nav, (const char* json), { PasserelleWeb.mirror.renderNav(JSON.parse(UTF8ToString(json))); });

const char* kindName(MirrorItem::Kind k) {
    switch (k) {
    case MirrorItem::Kind::Text: return "text";
    case MirrorItem::Kind::Button: return "button";
    case MirrorItem::Kind::Field: return "field";
    }
    return "text";
}

nlohmann::json itemsJson(const std::vector<MirrorItem>& list) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& i : list) {
        nlohmann::json item = {{"kind", kindName(i.kind)}, {"text", i.text}};
        if (!i.action.empty()) item["action"] = i.action;
        if (i.kind == MirrorItem::Kind::Field) {
            item["value"] = i.value;
            item["error"] = i.error;
            item["submit"] = i.submit;
        }
        items.push_back(std::move(item));
    }
    return items;
}

// Invalid UTF-8 (a pasted byte) is replaced rather than thrown: the mirror must never stop the app.
std::string dumpJson(const nlohmann::json& doc) { return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

} // namespace

void screenReaderPublish(const ScreenMirror& mirror) {
    g_publishedThisFrame = true;
    if (g_sent && mirror == g_last) return;
    g_last = mirror;
    g_sent = true;
    const nlohmann::json doc = {{"heading", mirror.heading}, {"items", itemsJson(mirror.items)}, {"announcement", mirror.announcement}};
    js_mirror(dumpJson(doc).c_str());
}

void screenReaderPublishNav(const std::vector<MirrorItem>& buttons) {
    if (g_navSent && buttons == g_nav) return;
    g_nav = buttons;
    g_navSent = true;
    js_mirror_nav(dumpJson(itemsJson(buttons)).c_str());
}

void screenReaderFrameStart(std::string_view screenTitle) {
    if (g_framed && !g_publishedThisFrame) screenReaderPublish({g_frameTitle, {}, g_frameTitle});
    g_framed = true;
    g_publishedThisFrame = false;
    g_frameTitle.assign(screenTitle);
}

void screenReaderNewFrame() {
    g_activated.clear();
    g_typed.reset();
}

void screenReaderSetActivated(std::string name) { g_activated = std::move(name); }

void screenReaderSetTyped(std::string name, std::string value) { g_typed.emplace(std::move(name), std::move(value)); }

bool screenReaderActivated(std::string_view name) {
    if (g_activated.empty() || g_activated != name) return false;
    g_activated.clear();
    return true;
}

std::optional<std::string> screenReaderTyped(std::string_view name) {
    if (!g_typed || g_typed->first != name) return std::nullopt;
    std::string value = std::move(g_typed->second);
    g_typed.reset();
    return value;
}

} // namespace passerelle::platform
#endif
