// Text size and contrast: read at start-up, changed on the « Affichage » screen, kept in /data/settings.json.
#pragma once

#include "ui/view.hpp"

namespace passerelle::ui {

inline constexpr const char* kDisplayFile = "settings.json";

// Reads /data/settings.json into ctx.textScale / ctx.highContrast. On a first visit (no file) the high-contrast
// theme follows the system's wish (prefers-contrast: more, forced colours). A damaged file is set aside in
// memory: the defaults apply and the « Affichage » screen says why.
void loadDisplaySettings(AppContext& ctx);

// Changes the text size and contrast (drawn from the next frame) and saves them, except in a kiosk session
// where nothing is written.
void setDisplaySettings(AppContext& ctx, float textScale, bool highContrast);

} // namespace passerelle::ui
