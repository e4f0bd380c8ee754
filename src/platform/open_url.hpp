// Open-a-link capability: a web address in a new browser tab (the démarche's prefilled form).
#pragma once

#include <string_view>

namespace passerelle::platform {

// Opens `url` in a new tab, with no link back to this page (noopener). Only https addresses are opened.
void openUrl(std::string_view url);

} // namespace passerelle::platform
