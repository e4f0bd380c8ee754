// Screens as browser history entries: the back button moves between views and wizard steps; reload restores.
#pragma once

#include "ui/view.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace passerelle::ui {

// Reads the address the page was opened with and listens to back/forward (call once, after loading data).
void navigationStart(AppContext& ctx);
// After each frame (`drawnView`: the view drawn in it): a new entry when the screen changed, not when
// the change came from back/forward. A view opened mid-frame is recorded once it has drawn itself.
void navigationFrame(AppContext& ctx, std::string_view drawnView);
// A view names its sub-screen each frame it draws ("q2", "resultats"): part of the history entry.
void setScreenToken(std::string_view token);
// The sub-screen the browser asked for (back, forward, reload) for `viewId`, once.
[[nodiscard]] std::optional<std::string> takeRequestedScreen(std::string_view viewId);

} // namespace passerelle::ui
