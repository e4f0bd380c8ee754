// Display settings (text size, high contrast): the settings file, and the themes' colours with their contrast ratios.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace passerelle {

// The text sizes a person can choose, as factors of the normal size (100 % … 200 %).
inline constexpr float kTextScales[] = {1.0f, 1.25f, 1.5f, 1.75f, 2.0f};

struct DisplaySettings {
    float textScale = 1.0f;
    bool highContrast = false;
    friend bool operator==(const DisplaySettings&, const DisplaySettings&) = default;
};

// Reads the settings file (format passerelle.display/1). nullopt with a one-line French message in `error`
// when it is not JSON, has duplicate keys, or holds a size or a contrast that is not one of the choices.
[[nodiscard]] std::optional<DisplaySettings> parseDisplaySettings(std::string_view text, std::string* error = nullptr);
[[nodiscard]] std::string displaySettingsToJson(const DisplaySettings& settings);
// « 125 % » (with a no-break space, as French typography wants).
[[nodiscard]] std::string textScaleLabel(float textScale);

// An sRGB colour, components in 0…1.
struct Rgb {
    double r = 0, g = 0, b = 0;
};

// The colours of a theme. The defaults of each view (text, muted notes, links, ok / warning / error
// messages) are drawn on windowBg; field text on frameBg; button labels on the three button states.
struct ThemeColors {
    Rgb text, muted, accent, ok, warning, error;
    Rgb windowBg, frameBg, border, button, buttonHovered, buttonActive, focus;
};

// The light theme (highContrast false) or the high-contrast one (black on white, every text ≥ 7:1).
[[nodiscard]] ThemeColors themeColors(bool highContrast);

// WCAG 2 relative luminance and contrast ratio (1 … 21).
[[nodiscard]] double relativeLuminance(Rgb c);
[[nodiscard]] double contrastRatio(Rgb a, Rgb b);

} // namespace passerelle
