// A plain « not yet » page for doors whose feature arrives with a later issue: no fake results.
#pragma once

#include "ui/view.hpp"

namespace passerelle::ui {

// Says what the door will do, which work brings it, and that nothing is computed until then.
void drawComingSoon(AppContext& ctx, const char* what, const char* arrivesWith);

} // namespace passerelle::ui
