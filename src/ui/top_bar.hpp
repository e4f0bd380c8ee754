// The bar above every view: name, back button, storage indicator.
#pragma once

#include "ui/view.hpp"

namespace passerelle::ui {

void drawTopBar(AppContext& ctx, const View& view);

} // namespace passerelle::ui
