// The CIO kiosk session: start, the screens a visitor may reach, the inactivity warning, and the end that forgets all.
//
// [SECTION] State
// [SECTION] Forgetting a visitor
// [SECTION] Start, end, leave
// [SECTION] Every frame
// [SECTION] Kiosk bar and inactivity warning
// [SECTION] Test state
#include "ui/kiosk_session.hpp"

#include "app/frame_loop.hpp"
#include "core/civil_date.hpp"
#include "core/kiosk_policy.hpp"
#include "platform/clipboard.hpp"
#include "platform/kiosk.hpp"
#include "platform/screen_reader.hpp"
#include "platform/storage.hpp"
#include "ui/dossier_service.hpp"
#include "ui/focus_ring.hpp"
#include "ui/key_store.hpp"
#include "ui/profile_store.hpp"
#include "ui/rights_view.hpp"
#include "ui/theme.hpp"
#include "ui/vault_service.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace passerelle::ui {
namespace {

// -----------------------------------------------------------------------------
// [SECTION] State
// -----------------------------------------------------------------------------
constexpr float kKioskTextScale = 1.5f;
constexpr const char* kWarningPopup = "Êtes-vous toujours là ?###kiosk_warning";

enum class EndReason { None, Button, Timeout };

struct KioskState {
    bool optionsRead = false;
    KioskOptions options;
    InactivityClock clock;
    KioskScreen screen = KioskScreen::Home;
    EndReason pendingEnd = EndReason::None;
    float textScaleBefore = 1.0f;
    int sessionsEnded = 0;
    EndReason lastEnd = EndReason::None;
    int wipes = 0;
    double lastWipeMs = 0;
    IdlePhase phase = IdlePhase::Active;
    double sessionStartMs = 0; // the kiosk's start or the last end: later input means a visitor came
    std::string freshError; // why the page was not replaced after the last end (the app's own save failed)
};
KioskState g;

const char* endReasonName(EndReason r) {
    switch (r) {
    case EndReason::None: return "";
    case EndReason::Button: return "bouton";
    case EndReason::Timeout: return "inactivite";
    }
    return "";
}

// -----------------------------------------------------------------------------
// [SECTION] Forgetting a visitor
// -----------------------------------------------------------------------------
// Zeroes a buffer before freeing it: a freed buffer keeps its bytes until reused.
template <typename T>
void zeroAndFree(ImVector<T>& v) {
    if (v.Data) std::memset(static_cast<void*>(v.Data), 0, static_cast<std::size_t>(v.Capacity) * sizeof(T));
    v.clear();
}

// Dear ImGui keeps copies of edited text: the active field's buffers, its undo history (stb_textedit
// keeps deleted characters), the formatting scratch buffer, characters queued for next frame.
void wipeImGuiText() {
    ImGuiContext& c = *GImGui;
    ImGui::ClearActiveID();
    ImGuiInputTextState& s = c.InputTextState;
    zeroAndFree(s.TextW);
    zeroAndFree(s.TextA);
    zeroAndFree(s.InitialTextA);
    std::memset(static_cast<void*>(&s.Stb), 0, sizeof(s.Stb));
    s.ID = 0;
    s.CurLenA = s.CurLenW = 0;
    zeroAndFree(c.ClipboardHandlerData);
    std::memset(c.TempBuffer, 0, sizeof(c.TempBuffer));
    ImGuiIO& io = ImGui::GetIO();
    if (io.InputQueueCharacters.Data)
        std::memset(static_cast<void*>(io.InputQueueCharacters.Data), 0,
                    static_cast<std::size_t>(io.InputQueueCharacters.Capacity) * sizeof(ImWchar));
    io.ClearInputCharacters();
}

// Everything a visitor may have entered, in the app and in the page. Nothing of a kiosk session was
// ever written to /data (the wizard keeps kiosk answers in memory), so nothing needs deleting there.
void forgetVisitor(AppContext& ctx) {
    const double start = platform::monotonicNowMs();
    resetRights();
    ctx.referenceDate = formatIsoDate(todayInParis());
    ctx.openDossierId.clear();
    wipeImGuiText();
    if (!platform::clipboardText().empty()) platform::clipboardSetText(""); // a paste or a copy of theirs
    platform::wipePageState();
    if (vaultConfigured()) vaultLock();
    g.screen = KioskScreen::Home;
    ++g.wipes;
    g.lastWipeMs = platform::monotonicNowMs() - start;
}

// -----------------------------------------------------------------------------
// [SECTION] Start, end, leave
// -----------------------------------------------------------------------------
void readOptions() {
    if (g.optionsRead) return;
    g.optionsRead = true;
    g.options = parseKioskOptions(platform::pageQuery());
    g.clock = InactivityClock(g.options.idleSeconds, g.options.countdownSeconds);
}

// The wipe above is what a browser that blocks reloads still gets; the new page is the rest. The dossier
// index is written first (as when the tab is hidden) so that the new page starts from it.
void startFreshPage() {
    g.freshError.clear();
    checkpointDossierStore();
    if (dossierStoreNeedsRetry()) {
        g.freshError = "La borne n’a pas pu repartir sur une page neuve : les dossiers de l’établissement n’ont pas pu "
                       "être écrits. La session du visiteur est tout de même effacée ; prévenez le personnel du CIO.";
        return;
    }
    platform::reloadFreshKioskPage();
}

void endSession(AppContext& ctx, EndReason why) {
    // An idle kiosk times out too: with no input since the last start there is nothing to forget, and
    // no reason to reload the page every few minutes.
    const bool visited = platform::lastInputMs() > g.sessionStartMs;
    forgetVisitor(ctx);
    ctx.textScale = kKioskTextScale; // whatever the visitor changed goes back too
    ctx.router.go("borne");
    g.clock.restart(platform::monotonicNowMs());
    g.phase = IdlePhase::Active;
    g.pendingEnd = EndReason::None;
    g.lastEnd = why;
    ++g.sessionsEnded;
    g.sessionStartMs = platform::monotonicNowMs();
    if (visited) startFreshPage();
    app::requestFrames();
}

} // namespace

std::string kioskDelayInFrench(int seconds) {
    const int m = seconds / 60, s = seconds % 60;
    if (m == 0) return std::to_string(s) + (s > 1 ? " secondes" : " seconde");
    std::string out = std::to_string(m) + (m > 1 ? " minutes" : " minute");
    if (s) out += " " + std::to_string(s);
    return out;
}

void startKiosk(AppContext& ctx) {
    readOptions();
    if (ctx.kiosk) return;
    g.textScaleBefore = ctx.textScale;
    ctx.kiosk = true;
    ctx.textScale = kKioskTextScale;
    forgetVisitor(ctx); // what the device showed before (a family's saved answers) is not the visitor's
    ctx.router.go("borne");
    platform::markKioskAddress(true);
    platform::requestFullscreenSoon();
    g.sessionStartMs = platform::monotonicNowMs();
    g.clock.restart(g.sessionStartMs);
    g.phase = IdlePhase::Active;
    app::requestFrames();
}

void requestKioskSessionEnd() {
    g.pendingEnd = EndReason::Button;
    app::requestFrames();
}

void leaveKiosk(AppContext& ctx) {
    if (!ctx.kiosk) return;
    // The wizard state is emptied, not reloaded: a family's saved answers come back at the next start.
    resetRights();
    ctx.referenceDate = formatIsoDate(todayInParis());
    wipeImGuiText();
    platform::wipePageState();
    ctx.kiosk = false;
    ctx.textScale = g.textScaleBefore;
    g.screen = KioskScreen::Home;
    g.pendingEnd = EndReason::None;
    platform::wakeAt(-1);
    platform::markKioskAddress(false);
    platform::exitFullscreen();
    ctx.router.go("home");
    app::requestFrames();
}

bool kioskPreparingFreshPage() { return platform::freshPageStatus(nullptr) == platform::FreshPageStatus::Saving; }

std::string kioskFreshPageError() {
    if (!g.freshError.empty()) return g.freshError;
    std::string error;
    if (platform::freshPageStatus(&error) == platform::FreshPageStatus::Failed) return error;
    return {};
}

KioskScreen kioskScreen() { return g.screen; }
void setKioskScreen(KioskScreen screen) {
    g.screen = screen;
    app::requestFrames();
}

bool deviceHoldsEstablishmentData(const AppContext& ctx) {
    const Establishment& p = ctx.profile.profile;
    if (!p.name.empty() || !p.uai.empty()) return true;
    if (platform::storageRead(kProfileFile) || platform::storageRead(kSigningKeyFile)) return true;
    const dossiers::DirectoryStore* store = dossierStore();
    return store && !store->summaries().empty();
}

bool kioskExitNeedsPassphrase() { return vaultConfigured(); }

// -----------------------------------------------------------------------------
// [SECTION] Every frame
// -----------------------------------------------------------------------------
void kioskFrame(AppContext& ctx) {
    if (!g.optionsRead) {
        readOptions();
        if (g.options.requested) startKiosk(ctx);
    }
    if (!ctx.kiosk) return;
    if (g.pendingEnd != EndReason::None) endSession(ctx, g.pendingEnd);
    // Back button, a link, a stale address: a visitor only ever sees the kiosk home and the self-check.
    const std::string& current = ctx.router.current();
    if (current != "borne" && current != "droits") {
        ctx.router.go("borne");
        platform::markKioskAddress(true); // the entry gone back to had no « ?borne=1 »: a reload must stay a kiosk
    }

    const double now = platform::monotonicNowMs();
    g.clock.noteInput(platform::lastInputMs());
    g.phase = g.clock.phase(now);
    if (g.phase == IdlePhase::Expired) {
        endSession(ctx, EndReason::Timeout);
    }
    platform::wakeAt(g.clock.nextChangeMs(now));
    if (g.phase == IdlePhase::Warning) {
        platform::announceAlert("Êtes-vous toujours là ? Sans réponse, la session se termine dans " +
                                kioskDelayInFrench(g.clock.secondsLeft(now)) + " et tout ce qui a été saisi sera effacé.");
    } else {
        platform::announceAlert("");
    }
}

// -----------------------------------------------------------------------------
// [SECTION] Kiosk bar and inactivity warning
// -----------------------------------------------------------------------------
namespace {

void pushAccent() {
    ImGui::PushStyleColor(ImGuiCol_Button, theme::kAccent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(theme::kAccent.x * 0.8f, theme::kAccent.y * 0.8f, theme::kAccent.z * 0.8f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(theme::kAccent.x * 0.6f, theme::kAccent.y * 0.6f, theme::kAccent.z * 0.6f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
}

bool accentButton(const char* label) {
    pushAccent();
    const bool pressed = ImGui::Button(label);
    ImGui::PopStyleColor(4);
    return pressed;
}

void drawWarning(AppContext& ctx) {
    const bool warn = g.phase == IdlePhase::Warning;
    if (warn && !ImGui::IsPopupOpen(kWarningPopup)) ImGui::OpenPopup(kWarningPopup);
    const ImGuiIO& io = ImGui::GetIO();
    const float w = std::min(io.DisplaySize.x * 0.92f, ImGui::GetFontSize() * 30.0f);
    ImGui::SetNextWindowPos({io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.4f}, ImGuiCond_Always, {0.5f, 0.5f});
    ImGui::SetNextWindowSize({w, 0});
    constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings;
    if (!ImGui::BeginPopupModal(kWarningPopup, nullptr, kFlags)) return;
    if (!warn) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const int left = g.clock.secondsLeft(platform::monotonicNowMs());
    ImGui::PushFont(ctx.fonts.title);
    ImGui::TextWrapped("Êtes-vous toujours là ?");
    ImGui::PopFont();
    nameItem("kiosk.warning");
    ImGui::TextWrapped("Sans réponse, la session se termine et tout ce qui a été saisi sera effacé.");
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
    ImGui::TextWrapped("Fin de la session dans %s.", kioskDelayInFrench(left).c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    nameItem("kiosk.countdown");
    ImGui::Spacing();
    ImGui::PushFont(ctx.fonts.bold);
    if (accentButton("Continuer") || platform::screenReaderActivated("kiosk.continue")) {
        g.clock.restart(platform::monotonicNowMs());
        g.phase = IdlePhase::Active;
        ImGui::CloseCurrentPopup();
        app::requestFrames();
    }
    ImGui::PopFont();
    nameItem("kiosk.continue");
    ImGui::SameLine();
    if (ImGui::Button("Terminer maintenant") || platform::screenReaderActivated("kiosk.end_now")) requestKioskSessionEnd();
    nameItem("kiosk.end_now");
    ImGui::EndPopup();
}

} // namespace

void drawKioskBar(AppContext& ctx, const View& view) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const bool atKioskHome = view.id() == "borne" && g.screen == KioskScreen::Home;
    // The same keyboard ring and screen-reader mirror as the top bar it replaces.
    FocusRing::barBeginFrame();
    platform::screenReaderFrameStart(view.title());
    std::vector<platform::MirrorItem> nav;
    if (g.phase == IdlePhase::Warning) {
        nav.push_back(platform::MirrorItem::button("Continuer ma session", "kiosk.continue"));
        nav.push_back(platform::MirrorItem::button("Terminer maintenant", "kiosk.end_now"));
    }
    if (!atKioskHome) nav.push_back(platform::MirrorItem::button("Accueil de la borne", "kiosk.home"));
    nav.push_back(platform::MirrorItem::button("Terminer ma session", "kiosk.end"));
    platform::screenReaderPublishNav(nav);
    if (!atKioskHome) {
        if (FocusRing::barButton("← Accueil de la borne", "kiosk.home")) {
            g.screen = KioskScreen::Home;
            ctx.router.go("borne");
        }
        ImGui::SameLine();
    }
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Passerelle");
    ImGui::PopFont();

    // « Terminer ma session » at the right end of the bar, or on its own line when the bar is too narrow.
    ImGui::PushFont(ctx.fonts.bold);
    const char* endLabel = "Terminer ma session";
    const float endW = ImGui::CalcTextSize(endLabel).x + st.FramePadding.x * 2;
    const float right = ImGui::GetWindowContentRegionMax().x;
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + endW <= right) ImGui::SameLine(right - endW);
    else ImGui::NewLine();
    pushAccent();
    if (FocusRing::barButton(endLabel, "kiosk.end")) requestKioskSessionEnd();
    ImGui::PopStyleColor(4);
    ImGui::PopFont();
    ImGui::Separator();
    drawWarning(ctx);
}

// -----------------------------------------------------------------------------
// [SECTION] Test state
// -----------------------------------------------------------------------------
nlohmann::json kioskTestState(const AppContext& ctx) {
    const double now = platform::monotonicNowMs();
    const char* phase = g.phase == IdlePhase::Active ? "active" : g.phase == IdlePhase::Warning ? "warning" : "expired";
    return {
        {"active", ctx.kiosk},
        {"textScale", ctx.textScale},
        {"phase", phase},
        {"secondsLeft", g.clock.secondsLeft(now)},
        {"idleSeconds", g.clock.idleSeconds()},
        {"countdownSeconds", g.clock.countdownSeconds()},
        {"sessionsEnded", g.sessionsEnded},
        {"lastEnd", endReasonName(g.lastEnd)},
        {"screen", g.screen == KioskScreen::Home ? "accueil" : "personnel"},
        {"optionsError", g.options.error},
        {"wipes", g.wipes},
        {"lastWipeMs", g.lastWipeMs},
        {"freshPage", kioskPreparingFreshPage() ? "enregistrement" : ""},
        {"freshPageError", kioskFreshPageError()},
    };
}

int kioskIdleSeconds() { return g.clock.idleSeconds(); }
const std::string& kioskOptionsError() { return g.options.error; }

} // namespace passerelle::ui
