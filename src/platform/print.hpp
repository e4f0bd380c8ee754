// Print capability: hand a plain-text document to the browser's print dialog (kiosk summaries: no file left behind).
#pragma once

#include <string_view>

namespace passerelle::platform {

// Opens the print dialog for `text` under the heading `title`; nothing is written to disk or downloaded.
void printText(std::string_view title, std::string_view text);

} // namespace passerelle::platform
