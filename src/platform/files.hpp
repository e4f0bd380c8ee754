// Files capability: offer a file for download, and let the person pick a file to open.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace passerelle::platform {

// Starts a download of `content` named `fileName` (the browser asks where to save or saves it).
void filesDownload(std::string_view fileName, std::string_view mimeType, std::string_view content);

// Opens the browser's file picker; `done` gets the chosen file's name and bytes, or is never called
// if the person cancels. `accept` is the picker's filter, e.g. ".json,application/json".
void filesPick(std::string_view accept, std::function<void(std::string name, std::string bytes)> done);

} // namespace passerelle::platform
