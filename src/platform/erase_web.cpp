// Erase on the web: remove the files of the IDBFS mount, then sync so IndexedDB drops them as well.
#ifdef __EMSCRIPTEN__
#include "platform/erase.hpp"

#include "platform/storage.hpp"

#include <emscripten/emscripten.h>

#include <filesystem>
#include <system_error>
#include <vector>

namespace passerelle::platform {
namespace {

// IDBFS's save removes from IndexedDB what is no longer in memory: ask for one now.
EM_JS(void, js_erase_sync, (), {
    PasserelleWeb.storage.requestSave();
    PasserelleWeb.storage.flush();
});

} // namespace

int eraseAllData(std::string* error) {
    namespace fs = std::filesystem;
    std::error_code ec;
    int removed = 0;
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(kStorageRoot, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(it->path());
    for (const auto& p : entries) {
        std::error_code e2;
        const auto n = fs::remove_all(p, e2);
        if (e2) {
            if (error) *error = "Impossible d’effacer " + p.string() + " : " + e2.message();
            return -1;
        }
        removed += static_cast<int>(n);
    }
    if (ec) {
        if (error) *error = "Impossible de lire le dossier des données : " + ec.message();
        return -1;
    }
    js_erase_sync();
    return removed;
}

} // namespace passerelle::platform
#endif
