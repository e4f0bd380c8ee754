// The French fonts (DejaVu Sans subsets) rasterised at the screen's pixel density.
#pragma once

#include "ui/view.hpp"

#include <string>
#include <vector>

namespace passerelle::app {

// (Re)builds the font atlas for `dpr` device pixels per CSS pixel and uploads it to the GPU.
// Glyphs are rasterised at device resolution and drawn at 1/dpr scale, so text stays sharp.
[[nodiscard]] ui::Fonts buildFonts(float dpr);

// Characters French text needs (œ € — « » ’ …) that the body font cannot draw: empty when all is well.
[[nodiscard]] std::vector<std::string> missingFrenchGlyphs();

} // namespace passerelle::app
