// Kiosk capability: the page's address, input times, timed wake-ups, full screen, and forgetting the page's own state.
#pragma once

#include <string>
#include <string_view>

namespace passerelle::platform {

// The page address's query string (location.search, « ?borne=1… »), "" if none.
[[nodiscard]] std::string pageQuery();
// Puts « ?borne=1 » in the address (a reload stays a kiosk) or removes the kiosk parameters.
void markKioskAddress(bool kiosk);
// Milliseconds on the page's monotonic clock (performance.now()).
[[nodiscard]] double monotonicNowMs();
// When the page last saw input (key, pointer, wheel, touch), on the same clock; 0 if never.
[[nodiscard]] double lastInputMs();
// Wakes the app (a few frames) at `atMs` on that clock; replaces the previous wake-up; a negative
// value cancels it. The app draws only on input: a countdown needs this to move on its own.
void wakeAt(double atMs);
// Full screen now if the page may (a user gesture is under way), otherwise at the next gesture:
// browsers refuse full screen without one.
void requestFullscreenSoon();
void exitFullscreen();
// Forgets what the page itself holds of a visitor: the value of every text field of the document
// (the text bridge, the screen-reader mirror's fields), the print section, the last copy, the
// selection; the address goes back to the kiosk home.
void wipePageState();
// After a session's wipe: saves what the establishment has pending (IndexedDB), waits for it (bounded),
// then replaces the page with a fresh kiosk home (« ?borne=1 » and the kiosk options kept, no new
// history entry). A new page is a new wasm heap: freed blocks that held the visitor's typing go with
// the old one. Asynchronous: freshPageStatus() says whether it is under way or why it was given up.
void reloadFreshKioskPage();
enum class FreshPageStatus { Idle, Saving, Failed };
// The reload's state; when Failed, `error` (if given) gets the French reason (the save failed or took too long).
[[nodiscard]] FreshPageStatus freshPageStatus(std::string* error);
// Says `text` through an assertive live region (the warning before a session ends); "" clears it.
void announceAlert(std::string_view text);

} // namespace passerelle::platform
