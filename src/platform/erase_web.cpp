// Erase on the web: remove every file of both IDBFS mounts, then save those paths so IndexedDB drops them too.
#ifdef __EMSCRIPTEN__
#include "platform/erase.hpp"

#include "platform/storage.hpp"

#include <filesystem>
#include <system_error>
#include <vector>

namespace passerelle::platform {

int eraseAllData(std::string* error) {
    namespace fs = std::filesystem;
    std::vector<std::string> removed; // every file and directory, so the save deletes each entry
    int files = 0;
    for (const char* root : {kStorageRoot, kAttachmentsRoot}) {
        std::error_code ec;
        if (!fs::exists(root, ec)) continue;
        std::vector<fs::path> top;
        for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
            removed.push_back(it->path().string());
            if (it->is_regular_file()) ++files;
            if (it.depth() == 0) top.push_back(it->path());
        }
        if (ec) {
            if (error) *error = std::string("Impossible de lire ") + root + " : " + ec.message();
            return -1;
        }
        for (const auto& p : top) {
            fs::remove_all(p, ec);
            if (ec) {
                if (error) *error = "Impossible d’effacer " + p.string() + " : " + ec.message();
                return -1;
            }
        }
    }
    if (!removed.empty()) {
        storageChanged(removed);
        storageFlush();
    }
    return files;
}

} // namespace passerelle::platform
#endif
