// The CIO kiosk session: starting it, keeping the visitor on kiosk screens, the inactivity warning, and the wipe.
//
// A kiosk session is the app with ctx.kiosk set: large text, only the kiosk home (« borne ») and the
// self-check (« droits ») reachable, answers in memory only, summaries printed. Ending it — the
// « Terminer ma session » button or the inactivity timeout — forgets everything the visitor entered,
// shows a fresh kiosk home, then (once the establishment's pending save is done) replaces the page with
// a new one: the wasm heap's freed blocks, which no wipe reaches, go with the old page. The app's
// offline files stay. Leaving kiosk mode is for CIO staff:
// it takes the establishment's passphrase when the device holds establishment data.
#pragma once

#include "ui/view.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace passerelle::ui {

// Every frame, before the view is drawn: starts a kiosk asked for by the address (« ?borne=1 »),
// brings a kiosk visitor back to kiosk screens, runs the inactivity clock, applies a pending end.
void kioskFrame(AppContext& ctx);
// Replaces the top bar while ctx.kiosk: title, « Accueil de la borne », « Terminer ma session », and
// the « Êtes-vous toujours là ? » warning with its countdown.
void drawKioskBar(AppContext& ctx, const View& view);

// Turns this device into a kiosk (full screen at the next gesture, large text, a fresh session).
void startKiosk(AppContext& ctx);
// Ends the visitor's session at the start of the next frame (the wipe never runs mid-frame).
void requestKioskSessionEnd();
// Staff: back to the normal app (answers wiped, text size restored, address without « borne »).
void leaveKiosk(AppContext& ctx);

// After a session's end: the page waits for the establishment's save before replacing itself (true
// meanwhile), or gave up replacing itself — then the French reason, shown on the kiosk home ("" if none).
[[nodiscard]] bool kioskPreparingFreshPage();
[[nodiscard]] std::string kioskFreshPageError();

// The kiosk home's sub-screens.
enum class KioskScreen { Home, Staff };
[[nodiscard]] KioskScreen kioskScreen();
void setKioskScreen(KioskScreen screen);

// Whether staff may leave kiosk mode without a passphrase: only when no passphrase protects the
// device and it holds no establishment data (profile, dossiers, signing key) a visitor could reach.
[[nodiscard]] bool kioskExitNeedsPassphrase();
[[nodiscard]] bool deviceHoldsEstablishmentData(const AppContext& ctx);

// The inactivity delay before the warning, and the French reason a kiosk option of the address was refused.
[[nodiscard]] int kioskIdleSeconds();
[[nodiscard]] const std::string& kioskOptionsError();
// "3 minutes", "45 secondes", "1 minute 30": a delay as a visitor reads it.
[[nodiscard]] std::string kioskDelayInFrench(int seconds);

// {"active", "phase", "secondsLeft", "idleSeconds", "countdownSeconds", "sessionsEnded", "lastEnd",
//  "screen", "optionsError", "wipes", "lastWipeMs", "freshPage", "freshPageError"}
[[nodiscard]] nlohmann::json kioskTestState(const AppContext& ctx);

} // namespace passerelle::ui
