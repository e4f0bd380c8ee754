// The CIO kiosk's rules: options read from the address, the inactivity clock's phases, countdown and wake-ups.
#include "core/kiosk_policy.hpp"

#include <doctest/doctest.h>

using namespace passerelle;

TEST_SUITE("kiosk_policy") {

TEST_CASE("no kiosk parameter: defaults, not requested") {
    for (const char* q : {"", "?", "?lang=fr", "?bornes=1", "?xborne=1&y=2"}) {
        CAPTURE(q);
        const KioskOptions o = parseKioskOptions(q);
        CHECK_FALSE(o.requested);
        CHECK(o.idleSeconds == 180);
        CHECK(o.countdownSeconds == 30);
        CHECK(o.error.empty());
    }
}

TEST_CASE("borne accepts 1, oui, true and no value; anything else is a no") {
    CHECK(parseKioskOptions("?borne=1").requested);
    CHECK(parseKioskOptions("borne=oui").requested);
    CHECK(parseKioskOptions("?a=b&borne=true").requested);
    CHECK(parseKioskOptions("?borne").requested);
    CHECK(parseKioskOptions("?borne=").requested);
    CHECK_FALSE(parseKioskOptions("?borne=0").requested);
    CHECK_FALSE(parseKioskOptions("?borne=non").requested);
    CHECK_FALSE(parseKioskOptions("?borne=1&borne=0").requested); // the last one wins
}

TEST_CASE("delays in seconds within bounds") {
    const KioskOptions o = parseKioskOptions("?borne=1&inactivite=4&decompte=3");
    CHECK(o.requested);
    CHECK(o.idleSeconds == 4);
    CHECK(o.countdownSeconds == 3);
    CHECK(o.error.empty());
    CHECK(parseKioskOptions("?inactivite=3600&decompte=300").error.empty());
}

TEST_CASE("a refused delay keeps the default and says why in one French line") {
    SUBCASE("not a number") {
        const KioskOptions o = parseKioskOptions("?borne=1&inactivite=abc");
        CHECK(o.idleSeconds == 180);
        CHECK(o.error == "Paramètre « inactivite » refusé (« abc ») : un nombre de secondes de 1 à 3600 est attendu, 180 s gardées.");
    }
    SUBCASE("out of bounds, signs, decimals, empty") {
        for (const char* q : {"?inactivite=0", "?inactivite=3601", "?inactivite=-5", "?inactivite=+5",
                              "?inactivite=2.5", "?inactivite=", "?inactivite=9999999999", "?decompte=301"}) {
            CAPTURE(q);
            const KioskOptions o = parseKioskOptions(q);
            CHECK(o.idleSeconds == 180);
            CHECK(o.countdownSeconds == 30);
            CHECK_FALSE(o.error.empty());
            CHECK(o.error.find('\n') == std::string::npos);
        }
    }
    SUBCASE("the first refusal is reported, the valid value is still taken") {
        const KioskOptions o = parseKioskOptions("?decompte=x&inactivite=y&borne=1");
        CHECK(o.requested);
        CHECK(o.error.find("« decompte »") != std::string::npos);
        const KioskOptions p = parseKioskOptions("?decompte=x&inactivite=20");
        CHECK(p.idleSeconds == 20);
    }
}

TEST_CASE("inactivity clock: active, warning with a countdown, then expired") {
    InactivityClock c(180, 30);
    c.restart(1000.0);
    CHECK(c.phase(1000.0) == IdlePhase::Active);
    CHECK(c.phase(1000.0 + 179999.0) == IdlePhase::Active);
    CHECK(c.phase(1000.0 + 180000.0) == IdlePhase::Warning);
    CHECK(c.secondsLeft(1000.0 + 180000.0) == 30);
    CHECK(c.secondsLeft(1000.0 + 180001.0) == 30);
    CHECK(c.secondsLeft(1000.0 + 181000.0) == 29);
    CHECK(c.secondsLeft(1000.0 + 209500.0) == 1);
    CHECK(c.phase(1000.0 + 209999.0) == IdlePhase::Warning);
    CHECK(c.phase(1000.0 + 210000.0) == IdlePhase::Expired);
    CHECK(c.secondsLeft(1000.0 + 210000.0) == 0);
    CHECK(c.secondsLeft(1000.0 + 500000.0) == 0);
}

TEST_CASE("input restarts the delay, older input times are ignored") {
    InactivityClock c(10, 5);
    c.restart(0.0);
    c.noteInput(8000.0);
    CHECK(c.phase(12000.0) == IdlePhase::Active);
    CHECK(c.phase(18000.0) == IdlePhase::Warning);
    c.noteInput(3000.0); // a stale timestamp must not move the clock back
    CHECK(c.lastInputMs() == 8000.0);
    c.noteInput(18500.0); // input during the warning: back to active
    CHECK(c.phase(18600.0) == IdlePhase::Active);
    c.restart(100.0); // a new session may start earlier than the last input seen (another clock origin)
    CHECK(c.lastInputMs() == 100.0);
}

TEST_CASE("wake-ups: when the warning appears, at each countdown second, and at the end") {
    InactivityClock c(4, 3);
    c.restart(0.0);
    CHECK(c.nextChangeMs(0.0) == 4000.0);
    CHECK(c.nextChangeMs(3999.0) == 4000.0);
    CHECK(c.nextChangeMs(4000.0) == 5000.0); // 3 s shown until 5000, then 2
    CHECK(c.nextChangeMs(4500.0) == 5000.0);
    CHECK(c.nextChangeMs(5000.0) == 6000.0);
    CHECK(c.nextChangeMs(6200.0) == 7000.0); // the last second ends with the session
    CHECK(c.nextChangeMs(7000.0) == 7000.0); // expired: act now
    // Each wake-up is strictly after now until the end, so the app never spins.
    for (double t = 0; t < 7000.0; t += 37.0) CHECK(c.nextChangeMs(t) > t);
}

TEST_CASE("delays below one second are raised to one") {
    InactivityClock c(0, -3);
    CHECK(c.idleSeconds() == 1);
    CHECK(c.countdownSeconds() == 1);
}

} // TEST_SUITE
