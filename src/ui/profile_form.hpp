// The « Profil de l'établissement » form, drawn inside a view.
#pragma once

#include "ui/view.hpp"

namespace passerelle::ui {

void drawProfileForm(AppContext& ctx);

} // namespace passerelle::ui
