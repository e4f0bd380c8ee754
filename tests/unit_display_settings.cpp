// Unit tests for the display settings file and the themes' contrast (high contrast: every text ≥ 7:1).
#include "core/display_settings.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace passerelle;

TEST_SUITE("display_settings") {
TEST_CASE("a settings file reads back what was written") {
    for (float scale : kTextScales)
        for (bool contrast : {false, true}) {
            const DisplaySettings s{scale, contrast};
            std::string error;
            const auto back = parseDisplaySettings(displaySettingsToJson(s), &error);
            REQUIRE_MESSAGE(back, error);
            CHECK(*back == s);
        }
}

TEST_CASE("missing keys keep the defaults") {
    const auto s = parseDisplaySettings(R"({"format":"passerelle.display/1"})");
    REQUIRE(s);
    CHECK(s->textScale == 1.0f);
    CHECK_FALSE(s->highContrast);
}

TEST_CASE("bad files are refused with one French line") {
    const std::vector<std::pair<const char*, const char*>> cases = {
        {"", "illisibles"},
        {"{\"format\":\"passerelle.display/1\",\"text_scale\":3}", "1, 1.25, 1.5, 1.75 ou 2"},
        {"{\"format\":\"passerelle.display/1\",\"text_scale\":\"2\"}", "1, 1.25, 1.5, 1.75 ou 2"},
        {"{\"format\":\"passerelle.display/1\",\"text_scale\":1.3}", "1, 1.25, 1.5, 1.75 ou 2"},
        {"{\"format\":\"passerelle.display/1\",\"high_contrast\":1}", "true ou false"},
        {"{\"format\":\"passerelle.display/1\",\"theme\":\"dark\"}", "clé inconnue « theme »"},
        {"{\"format\":\"autre\"}", "passerelle.display/1"},
        {"[1]", "passerelle.display/1"},
        {"{\"format\":\"passerelle.display/1\",\"text_scale\":1,\"text_scale\":2}", "deux fois"},
    };
    for (const auto& c : cases) { // no structured binding: clang 14 cannot capture one in CAPTURE
        const std::string text = c.first, expected = c.second;
        CAPTURE(text);
        std::string error;
        CHECK_FALSE(parseDisplaySettings(text, &error));
        CAPTURE(error);
        CHECK(error.find(expected) != std::string::npos);
        CHECK(error.find('\n') == std::string::npos);
        CHECK(error.rfind("Réglages d’affichage illisibles", 0) == 0);
    }
}

TEST_CASE("labels use a no-break space before %") {
    CHECK(textScaleLabel(1.0f) == "100\u00a0%");
    CHECK(textScaleLabel(1.25f) == "125\u00a0%");
    CHECK(textScaleLabel(2.0f) == "200\u00a0%");
}

TEST_CASE("contrast ratio follows WCAG 2") {
    CHECK(contrastRatio({0, 0, 0}, {1, 1, 1}) == doctest::Approx(21.0));
    CHECK(contrastRatio({1, 1, 1}, {1, 1, 1}) == doctest::Approx(1.0));
    CHECK(contrastRatio({1, 1, 1}, {0, 0, 0}) == contrastRatio({0, 0, 0}, {1, 1, 1}));
    // #767676 on white is the classic 4.54:1 threshold grey.
    CHECK(contrastRatio({118 / 255.0, 118 / 255.0, 118 / 255.0}, {1, 1, 1}) == doctest::Approx(4.54).epsilon(0.01));
}

TEST_CASE("high contrast: every text colour is at least 7:1 where it is drawn") {
    const ThemeColors t = themeColors(true);
    for (Rgb fg : {t.text, t.muted, t.accent, t.ok, t.warning, t.error}) {
        CHECK(contrastRatio(fg, t.windowBg) >= 7.0);
        CHECK(contrastRatio(fg, t.frameBg) >= 7.0);
    }
    for (Rgb bg : {t.button, t.buttonHovered, t.buttonActive}) CHECK(contrastRatio(t.text, bg) >= 7.0);
    // Strong borders and a focus ring that stands out from the page (non-text contrast: 3:1).
    CHECK(contrastRatio(t.border, t.windowBg) >= 7.0);
    CHECK(contrastRatio(t.focus, t.windowBg) >= 3.0);
    CHECK(contrastRatio(t.focus, t.button) >= 3.0);
}

TEST_CASE("the light theme's body text is readable too (≥ 4.5:1)") {
    const ThemeColors t = themeColors(false);
    for (Rgb fg : {t.text, t.muted, t.accent, t.ok, t.error}) CHECK(contrastRatio(fg, t.windowBg) >= 4.5);
    CHECK(contrastRatio(t.text, t.buttonActive) >= 4.5);
}
}
