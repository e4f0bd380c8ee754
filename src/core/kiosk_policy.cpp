// CIO kiosk rules: parsing the kiosk options of the address and the inactivity clock.
#include "core/kiosk_policy.hpp"

#include <algorithm>
#include <cmath>

namespace passerelle {
namespace {

constexpr int kMinSeconds = 1;
constexpr int kMaxIdleSeconds = 3600;
constexpr int kMaxCountdownSeconds = 300;

// Strict decimal integer: no sign, no spaces, at most 6 digits (the bounds are checked by the caller).
bool parseSeconds(std::string_view text, int* out) {
    if (text.empty() || text.size() > 6) return false;
    int v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

void readDelay(std::string_view name, std::string_view value, int maxSeconds, int* target, std::string* error) {
    int v = 0;
    if (parseSeconds(value, &v) && v >= kMinSeconds && v <= maxSeconds) {
        *target = v;
        return;
    }
    if (!error->empty()) return; // one line: the first refused value is the one reported
    *error = "Paramètre « " + std::string(name) + " » refusé (« " + std::string(value) + " ») : un nombre de secondes de " +
             std::to_string(kMinSeconds) + " à " + std::to_string(maxSeconds) + " est attendu, " +
             std::to_string(*target) + " s gardées.";
}

} // namespace

KioskOptions parseKioskOptions(std::string_view query) {
    KioskOptions o;
    if (!query.empty() && query.front() == '?') query.remove_prefix(1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        const auto eq = pair.find('=');
        const std::string_view name = pair.substr(0, eq);
        const std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
        if (name == "borne") {
            o.requested = value.empty() || value == "1" || value == "oui" || value == "true";
        } else if (name == "inactivite") {
            readDelay(name, value, kMaxIdleSeconds, &o.idleSeconds, &o.error);
        } else if (name == "decompte") {
            readDelay(name, value, kMaxCountdownSeconds, &o.countdownSeconds, &o.error);
        }
    }
    return o;
}

InactivityClock::InactivityClock(int idleSeconds, int countdownSeconds)
    : m_idleSeconds(std::max(kMinSeconds, idleSeconds)), m_countdownSeconds(std::max(kMinSeconds, countdownSeconds)) {}

void InactivityClock::restart(double nowMs) { m_lastInputMs = nowMs; }

void InactivityClock::noteInput(double atMs) { m_lastInputMs = std::max(m_lastInputMs, atMs); }

IdlePhase InactivityClock::phase(double nowMs) const {
    const double idle = nowMs - m_lastInputMs;
    if (idle < m_idleSeconds * 1000.0) return IdlePhase::Active;
    if (idle < (m_idleSeconds + m_countdownSeconds) * 1000.0) return IdlePhase::Warning;
    return IdlePhase::Expired;
}

int InactivityClock::secondsLeft(double nowMs) const {
    const double endMs = m_lastInputMs + (m_idleSeconds + m_countdownSeconds) * 1000.0;
    if (nowMs >= endMs) return 0;
    return static_cast<int>(std::ceil((endMs - nowMs) / 1000.0));
}

double InactivityClock::nextChangeMs(double nowMs) const {
    const double warnAt = m_lastInputMs + m_idleSeconds * 1000.0;
    const double endAt = warnAt + m_countdownSeconds * 1000.0;
    if (nowMs < warnAt) return warnAt;
    if (nowMs >= endAt) return nowMs;
    // The countdown shows whole seconds: the next change is when the rounded-up value drops.
    const double tick = endAt - (secondsLeft(nowMs) - 1) * 1000.0;
    return std::min(tick, endAt);
}

} // namespace passerelle
