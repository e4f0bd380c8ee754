// Browser history capability: screens become history entries, so the back button moves between them.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace passerelle::platform {

// Adds an entry for `token` (shown as the address's #fragment, e.g. "droits/q2").
void historyPush(std::string_view token);
// Replaces the current entry's token (no new entry).
void historyReplace(std::string_view token);
// The token the page was opened (or reloaded) with: the #fragment without '#', "" if none.
[[nodiscard]] std::string historyInitialToken();
// Called with the entry's token when the person uses the browser's back or forward button.
void historyOnPop(std::function<void(std::string token)> handler);

} // namespace passerelle::platform
