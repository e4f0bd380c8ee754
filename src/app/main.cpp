// The browser app's thin main loop: WebGL, Dear ImGui, fonts at the screen's density, frames on demand.
//
// [SECTION] State
// [SECTION] Frame scheduling (no redraw when nothing changes)
// [SECTION] One frame
// [SECTION] Test API state
// [SECTION] Functions called by web/*.js
// [SECTION] main
#include "app/fonts.hpp"
#include "app/frame_loop.hpp"
#include "app/input_queue.hpp"
#include "app/vault_glue.hpp"
#include "core/json_strict.hpp"
#include "platform/clipboard.hpp"
#include "platform/storage.hpp"
#include "platform/test_api.hpp"
#include "platform/text_input.hpp"
#include "ui/display_settings.hpp"
#include "ui/dossier_service.hpp"
#include "ui/kiosk_session.hpp"
#include "ui/navigation.hpp"
#include "ui/profile_store.hpp"
#include "ui/rights_view.hpp"
#include "ui/theme.hpp"
#include "ui/top_bar.hpp"
#include "ui/vault_service.hpp"
#include "ui/view.hpp"
#include "ui/widget_names.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <GLES2/gl2.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace passerelle::app {
namespace {

// -----------------------------------------------------------------------------
// [SECTION] State
// -----------------------------------------------------------------------------
ui::AppContext g_ctx;
float g_cssW = 800, g_cssH = 600, g_dpr = 1; // set by web/input.js before the first frame
float g_fontDpr = 0;                           // density the font atlas was built for
int g_pendingFrames = 0;
bool g_rafScheduled = false;
double g_lastFrameMs = 0;
unsigned long g_frameCount = 0;
float g_imeX = 0, g_imeY = 0;
ImGuiMouseCursor g_cursor = ImGuiMouseCursor_COUNT;

EM_JS(void, js_fatal, (const char* message), { PasserelleWeb.fatal(UTF8ToString(message)); });
EM_JS(void, js_set_cursor, (const char* css), { PasserelleWeb.setCursor(UTF8ToString(css)); });
EM_JS(char*, js_today_in_paris, (), {
    const s = PasserelleWeb.todayInParis();
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});

// -----------------------------------------------------------------------------
// [SECTION] Frame scheduling
// -----------------------------------------------------------------------------
// Every event asks for a few frames through requestFrames(); each animation frame renders once and
// schedules the next only while some are still wanted. With nothing to do, no callback is pending.
EM_BOOL onAnimationFrame(double nowMs, void*);

void scheduleFrame() {
    if (g_rafScheduled) return;
    g_rafScheduled = true;
    emscripten_request_animation_frame(onAnimationFrame, nullptr);
}

// -----------------------------------------------------------------------------
// [SECTION] One frame
// -----------------------------------------------------------------------------
const char* cssCursor(ImGuiMouseCursor c) {
    switch (c) {
    case ImGuiMouseCursor_TextInput: return "text";
    case ImGuiMouseCursor_Hand: return "pointer";
    case ImGuiMouseCursor_ResizeNS: return "ns-resize";
    case ImGuiMouseCursor_ResizeEW: return "ew-resize";
    case ImGuiMouseCursor_NotAllowed: return "not-allowed";
    default: return "default";
    }
}

void drawUi() {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize(io.DisplaySize);
    constexpr ImGuiWindowFlags kRoot = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                       ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                       ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::Begin("Passerelle", nullptr, kRoot);
    ui::kioskFrame(g_ctx); // a kiosk visitor stays on kiosk screens; inactivity ends the session
    ui::View* view = ui::findView(g_ctx.router.current());
    if (!view) {
        g_ctx.router.go("home");
        view = ui::findView("home");
    }
    if (g_ctx.kiosk) ui::drawKioskBar(g_ctx, *view);
    else ui::drawTopBar(g_ctx, *view);
    // The view scrolls under a fixed top bar; a new child per view starts at the top.
    ImGui::PushID(view->id().data(), view->id().data() + view->id().size());
    ImGui::BeginChild("view", {0, 0}, false, ImGuiWindowFlags_NoSavedSettings);
    g_ctx.width = ImGui::GetContentRegionAvail().x;
    // Establishment screens open only once the vault (if any) is unlocked: the gate stands in for them.
    if (view->holdsEstablishmentData() && ui::vaultConfigured() && !ui::vaultUnlocked()) ui::drawVaultGate(g_ctx);
    else view->draw(g_ctx);
    ImGui::EndChild();
    ImGui::PopID();
    ImGui::End();
}

void renderFrame(double nowMs) {
    ImGuiIO& io = ImGui::GetIO();
    if (refreshDisplay(g_ctx, g_dpr)) { // density, text size or contrast changed since the last frame
        g_fontDpr = g_dpr;
        if (g_frameCount == 0) EM_ASM({ PasserelleWeb.mark('fontAtlas'); });
    }
    const bool inputLeft = applyQueuedInput();
    io.DisplaySize = {g_cssW, g_cssH};
    io.DisplayFramebufferScale = {g_dpr, g_dpr};
    io.DeltaTime = g_lastFrameMs > 0 ? static_cast<float>(std::clamp((nowMs - g_lastFrameMs) / 1000.0, 1e-4, 1.0))
                                     : 1.0f / 60.0f;
    g_lastFrameMs = nowMs;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    const std::string viewBefore = g_ctx.router.current();
    drawUi();
    ui::navigationFrame(g_ctx, viewBefore);
    ui::widgetNamesFrameDone();
    ImGui::Render();

    const int fbW = static_cast<int>(std::lround(g_cssW * g_dpr));
    const int fbH = static_cast<int>(std::lround(g_cssH * g_dpr));
    glViewport(0, 0, fbW, fbH);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    ++g_frameCount;
    platform::testApiFrameRendered(g_frameCount);
    const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
    // io.WantTextInput lags one frame behind the field that has just become active (by Tab, say), and no
    // further frame may come: the wish recorded during this frame is the one the text bridge must follow.
    const bool wantsText = GImGui->WantTextInputNextFrame == 1;
    if (wantsText != io.WantTextInput) requestFrames(1);
    platform::textInputUpdate({wantsText, cursor == ImGuiMouseCursor_TextInput, g_imeX, g_imeY,
                               ImGui::GetFontSize()});
    if (cursor != g_cursor) {
        g_cursor = cursor;
        js_set_cursor(cssCursor(cursor));
    }
    if (inputLeft) requestFrames(1);
    // A view opened mid-frame is drawn from the next frame on: give it frames to lay itself out.
    if (g_ctx.router.current() != viewBefore) requestFrames();
}

EM_BOOL onAnimationFrame(double nowMs, void*) {
    g_rafScheduled = false;
    if (g_pendingFrames <= 0) return EM_FALSE;
    --g_pendingFrames;
    renderFrame(nowMs);
    if (g_pendingFrames > 0) scheduleFrame();
    return EM_FALSE;
}

// -----------------------------------------------------------------------------
// [SECTION] Test API state
// -----------------------------------------------------------------------------
std::string stateJson() {
    const ImGuiIO& io = ImGui::GetIO();
    const Establishment& p = g_ctx.profile.profile;
    Json problems = Json::array();
    for (const auto& m : establishmentProblems(p)) problems.push_back(m);
    Json missing = Json::array();
    for (const auto& g : missingFrenchGlyphs()) missing.push_back(g);
    const ui::View* view = ui::findView(g_ctx.router.current());
    Json state = {
        {"view", g_ctx.router.current()},
        {"title", view ? std::string(view->title()) : std::string()},
        {"frames", g_frameCount},
        {"dpr", g_dpr},
        {"display", {g_cssW, g_cssH}},
        {"fontDpr", g_fontDpr},
        {"textInput", io.WantTextInput},
        {"focused", ui::focusedName()},
        {"referenceDate", g_ctx.referenceDate},
        {"profile",
         {{"name", p.name}, {"uai", p.uai}, {"commune", p.commune}, {"department", p.department}, {"sector", p.sector}}},
        {"profileProblems", problems},
        {"profileLoadError", g_ctx.profile.loadError},
        {"profileImportMessage", g_ctx.profile.importMessage},
        {"missingGlyphs", missing},
        {"wizard", ui::rightsTestState()},
        {"kiosk", ui::kioskTestState(g_ctx)},
    };
    return state.dump();
}

} // namespace

void requestFrames(int frames) {
    g_pendingFrames = std::max(g_pendingFrames, frames);
    scheduleFrame();
}

} // namespace passerelle::app

// -----------------------------------------------------------------------------
// [SECTION] Functions called by web/*.js
// -----------------------------------------------------------------------------
// Size of the canvas in CSS pixels and the device pixel ratio (the canvas' backing store is already
// css × dpr: web/input.js sets it so that text is drawn at the screen's own resolution).
extern "C" EMSCRIPTEN_KEEPALIVE void passerelle_resize(float cssW, float cssH, float dpr) {
    using namespace passerelle::app;
    g_cssW = std::max(cssW, 1.0f);
    g_cssH = std::max(cssH, 1.0f);
    g_dpr = std::clamp(dpr, 0.5f, 4.0f);
    requestFrames();
}

// Frames still to draw (input waiting, layout settling): the test API's idle() waits for 0.
extern "C" EMSCRIPTEN_KEEPALIVE int passerelle_frames_pending() {
    return passerelle::app::g_pendingFrames + (passerelle::app::g_rafScheduled ? 1 : 0);
}

// A wake-up from the glue (storage status changed, a file was picked…): redraw a few frames.
extern "C" EMSCRIPTEN_KEEPALIVE void passerelle_wake() { passerelle::app::requestFrames(); }

// -----------------------------------------------------------------------------
// [SECTION] main
// -----------------------------------------------------------------------------
int main() {
    using namespace passerelle;
    using namespace passerelle::app;
    EM_ASM({ PasserelleWeb.mark('main'); });

    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.alpha = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    attrs.antialias = EM_FALSE;
    attrs.majorVersion = 2;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = emscripten_webgl_create_context("#canvas", &attrs);
    if (gl <= 0) { // ImGui's GLES2 path also runs on WebGL 1
        attrs.majorVersion = 1;
        gl = emscripten_webgl_create_context("#canvas", &attrs);
    }
    if (gl <= 0) {
        js_fatal("Ce navigateur ne peut pas afficher Passerelle : WebGL est désactivé ou indisponible.");
        return 1;
    }
    emscripten_webgl_make_context_current(gl);
    EM_ASM({ PasserelleWeb.mark('webgl'); });

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // layout is code, not a file in the person's storage
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false; // a blinking caret would mean redrawing forever
    io.BackendPlatformName = "passerelle_web";
    io.SetClipboardTextFn = [](void*, const char* text) { platform::clipboardSetText(text); };
    io.GetClipboardTextFn = [](void*) { return platform::clipboardText().c_str(); };
    io.ImeSetInputScreenPosFn = [](int x, int y) {
        g_imeX = static_cast<float>(x);
        g_imeY = static_cast<float>(y);
    };
    setupKeyMap();
    ui::theme::apply();
    ImGui_ImplOpenGL3_Init(nullptr);

    platform::clipboardOnPaste([] { queuePasteShortcut(); });
    platform::textInputOnText([](std::string_view text) { queueText(std::string(text).c_str()); });
    platform::testApiProvideState(stateJson);
    platform::testApiProvideRects([](std::string_view name) { return ui::namedRect(name); });

    char* today = js_today_in_paris();
    g_ctx.referenceDate = today;
    std::free(today);
    startVaultGlue(g_ctx.profile);  // before anything reads establishment files: they may be encrypted
    ui::loadProfile(g_ctx.profile); // IDBFS was loaded before main (web/storage.js, preRun)
    ui::loadDisplaySettings(g_ctx); // text size and contrast, before the first frame builds the fonts
    ui::openDossierStore();          // lazy: index.json, packs opened on first use
    ui::navigationStart(g_ctx);      // the address may name a screen (reload, shared link)

    EM_ASM({ PasserelleWeb.started(); }); // hooks input and reports the canvas size
    EM_ASM({ PasserelleWeb.mark('appReady'); });
    // The first frame is drawn right away rather than one animation frame later: the page shows it
    // at its next paint either way, and start-up is where every millisecond is seen.
    renderFrame(emscripten_get_now());
    requestFrames(2);
    return 0; // the runtime stays alive (EXIT_RUNTIME=0): frames run from events
}
