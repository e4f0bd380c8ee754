// History entries "view/screen" pushed as the person moves on; popstate and reload set them back.
#include "ui/navigation.hpp"

#include "platform/history.hpp"

namespace passerelle::ui {
namespace {

std::string g_sub;         // set by the view drawn this frame
std::string g_last;        // the token of the current history entry
bool g_started = false;
bool g_fromBrowser = false; // the screen was set by back/forward: replace, never push
std::string g_requestedView, g_requestedSub;
bool g_hasRequest = false;

void openToken(AppContext& ctx, const std::string& token) {
    const auto slash = token.find('/');
    const std::string view = token.substr(0, slash);
    const std::string sub = slash == std::string::npos ? std::string() : token.substr(slash + 1);
    if (view.empty() || !findView(view)) {
        ctx.router.go("home");
    } else {
        ctx.router.go(view);
    }
    g_requestedView = view;
    g_requestedSub = sub;
    g_hasRequest = !sub.empty();
    g_fromBrowser = true;
}

} // namespace

void navigationStart(AppContext& ctx) {
    const std::string initial = platform::historyInitialToken();
    if (!initial.empty()) openToken(ctx, initial);
    platform::historyOnPop([&ctx](std::string token) {
        openToken(ctx, token);
        g_last = token;
    });
}

void setScreenToken(std::string_view token) { g_sub.assign(token); }

std::optional<std::string> takeRequestedScreen(std::string_view viewId) {
    if (!g_hasRequest || g_requestedView != viewId) return std::nullopt;
    g_hasRequest = false;
    return g_requestedSub;
}

void navigationFrame(AppContext& ctx, std::string_view drawnView) {
    if (drawnView != ctx.router.current()) {
        g_sub.clear();
        return;
    }
    std::string token = ctx.router.current();
    if (!g_sub.empty()) token += "/" + g_sub;
    g_sub.clear();
    if (token == "home") token.clear();
    if (!g_started) {
        g_started = true;
        g_last = token;
        g_fromBrowser = false;
        platform::historyReplace(token);
        return;
    }
    if (token == g_last) {
        g_fromBrowser = false;
        return;
    }
    // A kiosk visitor's screens replace one another instead of piling up: Back after the session's end
    // has nothing of theirs to return to, and history.length does not grow.
    if (g_fromBrowser || g_hasRequest || ctx.kiosk)
        platform::historyReplace(token);
    else
        platform::historyPush(token);
    g_fromBrowser = false;
    g_last = token;
}

} // namespace passerelle::ui
