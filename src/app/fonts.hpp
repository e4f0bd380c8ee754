// The French fonts (DejaVu Sans subsets) rasterised at the screen's pixel density and the person's text size.
#pragma once

#include "ui/view.hpp"

#include <string>
#include <vector>

namespace passerelle::app {

// (Re)builds the font atlas for `dpr` device pixels per CSS pixel and text size `textScale` (1 … 2), and
// uploads it to the GPU. Glyphs are rasterised at device resolution and drawn at 1/dpr scale, so text
// stays sharp at any size (never FontGlobalScale-stretched).
[[nodiscard]] ui::Fonts buildFonts(float dpr, float textScale = 1.0f);

// Before a frame: rebuilds the fonts when the density or ctx.textScale changed and re-applies the theme
// when either or ctx.highContrast changed. Returns true when the font atlas was rebuilt.
bool refreshDisplay(ui::AppContext& ctx, float dpr);

// What refreshDisplay last applied (the test API reports it).
struct AppliedDisplay {
    float dpr = 0;
    float textScale = 0;
    bool highContrast = false;
};
[[nodiscard]] AppliedDisplay appliedDisplay();

// Characters French text needs (œ € — « » ’ …) that the body font cannot draw: empty when all is well.
[[nodiscard]] std::vector<std::string> missingFrenchGlyphs();

} // namespace passerelle::app
