// Erase capability: « Supprimer toutes mes données » removes every file under the storage root, in IndexedDB too.
#pragma once

#include <string>

namespace passerelle::platform {

// Deletes everything under /data and saves the now-empty tree to IndexedDB at once. Returns the
// number of files removed, or -1 with a French message in `error`.
int eraseAllData(std::string* error);

} // namespace passerelle::platform
