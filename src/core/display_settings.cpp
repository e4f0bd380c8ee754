// Display settings file and theme colours; the contrast formula is WCAG 2.1's (relative luminance, sRGB).
#include "core/display_settings.hpp"

#include "core/json_strict.hpp"

#include <algorithm>
#include <cmath>

namespace passerelle {
namespace {

constexpr const char* kFormat = "passerelle.display/1";

bool fail(std::string* error, std::string message) {
    if (error) *error = std::move(message);
    return false;
}

double linear(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

} // namespace

std::optional<DisplaySettings> parseDisplaySettings(std::string_view text, std::string* error) {
    JsonError jsonError;
    const auto doc = parseStrict(text, &jsonError);
    if (!doc) {
        fail(error, "Réglages d’affichage illisibles : " + jsonError.message + ".");
        return std::nullopt;
    }
    if (!doc->is_object() || doc->value("format", Json()) != kFormat) {
        fail(error, "Réglages d’affichage illisibles : ce n’est pas un fichier « passerelle.display/1 ».");
        return std::nullopt;
    }
    DisplaySettings s;
    for (const auto& [key, value] : doc->items()) {
        if (key == "format") continue;
        if (key == "text_scale") {
            bool known = false;
            if (value.is_number())
                for (float choice : kTextScales)
                    if (std::fabs(value.get<double>() - choice) < 1e-6) {
                        s.textScale = choice;
                        known = true;
                    }
            if (!known) {
                fail(error, "Réglages d’affichage illisibles : la taille du texte doit être 1, 1.25, 1.5, 1.75 ou 2.");
                return std::nullopt;
            }
        } else if (key == "high_contrast") {
            if (!value.is_boolean()) {
                fail(error, "Réglages d’affichage illisibles : « high_contrast » doit valoir true ou false.");
                return std::nullopt;
            }
            s.highContrast = value.get<bool>();
        } else {
            fail(error, "Réglages d’affichage illisibles : clé inconnue « " + key + " ».");
            return std::nullopt;
        }
    }
    return s;
}

std::string displaySettingsToJson(const DisplaySettings& settings) {
    const Json doc = {{"format", kFormat}, {"text_scale", settings.textScale}, {"high_contrast", settings.highContrast}};
    return doc.dump();
}

std::string textScaleLabel(float textScale) {
    return std::to_string(static_cast<int>(std::lround(textScale * 100.0f))) + "\u00a0%";
}

ThemeColors themeColors(bool highContrast) {
    if (!highContrast) {
        return {
            .text = {0.10, 0.11, 0.14}, .muted = {0.33, 0.35, 0.40}, .accent = {0.05, 0.33, 0.62},
            .ok = {0.08, 0.45, 0.20}, .warning = {0.62, 0.36, 0.00}, .error = {0.72, 0.10, 0.10},
            .windowBg = {0.97, 0.97, 0.98}, .frameBg = {1, 1, 1}, .border = {0.70, 0.72, 0.76},
            .button = {0.88, 0.92, 0.97}, .buttonHovered = {0.78, 0.86, 0.96}, .buttonActive = {0.66, 0.78, 0.94},
            .focus = {0.05, 0.33, 0.62},
        };
    }
    // Black on white. The selected answer is black on yellow, not a pale tint a low-vision reader cannot
    // tell from the other buttons; borders are black; the focus ring is a strong blue.
    return {
        .text = {0, 0, 0}, .muted = {0.15, 0.15, 0.15}, .accent = {0, 0, 0.55},
        .ok = {0, 0.36, 0}, .warning = {0.45, 0.22, 0}, .error = {0.60, 0, 0},
        .windowBg = {1, 1, 1}, .frameBg = {1, 1, 1}, .border = {0, 0, 0},
        .button = {1, 1, 1}, .buttonHovered = {0.85, 0.85, 0.85}, .buttonActive = {1, 0.90, 0},
        .focus = {0, 0.20, 0.80},
    };
}

double relativeLuminance(Rgb c) { return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b); }

double contrastRatio(Rgb a, Rgb b) {
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace passerelle
