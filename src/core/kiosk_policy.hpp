// CIO kiosk rules without a screen: the address's kiosk options and the inactivity clock (warning, then end).
#pragma once

#include <string>
#include <string_view>

namespace passerelle {

inline constexpr int kKioskDefaultIdleSeconds = 180;     // 3 min without input → « Êtes-vous toujours là ? »
inline constexpr int kKioskDefaultCountdownSeconds = 30; // then 30 s to answer before the session ends

// What the page's query string asks: « ?borne=1 » starts a kiosk; « inactivite=<s> » and
// « decompte=<s> » shorten the delays (tests, or a CIO who wants another delay).
struct KioskOptions {
    bool requested = false;
    int idleSeconds = kKioskDefaultIdleSeconds;
    int countdownSeconds = kKioskDefaultCountdownSeconds;
    std::string error; // French, one line, when a value was refused (its default is kept)
};

// `query` is location.search, with or without its leading '?'. Unknown parameters are ignored
// (they belong to other parts of the app); « borne » accepts 1, oui, true or no value.
[[nodiscard]] KioskOptions parseKioskOptions(std::string_view query);

enum class IdlePhase {
    Active,  // input came recently
    Warning, // the visitor is asked whether they are still there; a countdown runs
    Expired, // nobody answered: the session must end now
};

// Times are milliseconds on one monotonic clock (performance.now() in the browser).
class InactivityClock {
public:
    InactivityClock() = default;
    InactivityClock(int idleSeconds, int countdownSeconds);

    // A new session, or « Continuer »: the clock starts again from `nowMs`.
    void restart(double nowMs);
    // Input happened at `atMs`; older times than the last one known are ignored.
    void noteInput(double atMs);

    [[nodiscard]] IdlePhase phase(double nowMs) const;
    // Whole seconds left before the end, rounded up (what the countdown shows); 0 once expired.
    [[nodiscard]] int secondsLeft(double nowMs) const;
    // When something visible changes next (warning appears, the countdown ticks, the end): the app
    // sleeps between frames, so it must ask to be woken then.
    [[nodiscard]] double nextChangeMs(double nowMs) const;
    [[nodiscard]] double lastInputMs() const { return m_lastInputMs; }
    [[nodiscard]] int idleSeconds() const { return m_idleSeconds; }
    [[nodiscard]] int countdownSeconds() const { return m_countdownSeconds; }

private:
    int m_idleSeconds = kKioskDefaultIdleSeconds;
    int m_countdownSeconds = kKioskDefaultCountdownSeconds;
    double m_lastInputMs = 0;
};

} // namespace passerelle
