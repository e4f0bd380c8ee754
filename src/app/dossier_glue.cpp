// What web/*.js calls on the dossier store: the test API (create, edit, state), the pagehide checkpoint, the bench filler.
#include "ui/dossier_service.hpp"

#include "core/json_strict.hpp"
#include "platform/storage.hpp"

#include <emscripten/emscripten.h>

#include <string>

namespace {
std::string g_answer; // valid until the next call

const char* answer(passerelle::Json j) {
    g_answer = j.dump();
    return g_answer.c_str();
}
} // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* passerelle_dossiers_state_json() {
    g_answer = passerelle::ui::dossierStoreStateJson();
    return g_answer.c_str();
}

// The same call the UI makes: createDossier() from the situation, saved through the store.
EMSCRIPTEN_KEEPALIVE const char* passerelle_dossier_create(const char* scheme, const char* situation, const char* role) {
    std::string error;
    const auto id = passerelle::ui::createStoredDossier(scheme ? scheme : "", situation ? situation : "",
                                                        role ? role : "", &error);
    if (!id) return answer({{"error", error}});
    return answer({{"id", *id}});
}

EMSCRIPTEN_KEEPALIVE const char* passerelle_dossier_edit(const char* id, const char* section, const char* field,
                                                         const char* input) {
    std::string error;
    if (!passerelle::ui::editStoredDossier(id ? id : "", section ? section : "", field ? field : "",
                                           input ? input : "", &error))
        return answer({{"error", error}});
    return answer({{"ok", true}});
}

// The whole stored dossier as the store holds it in memory ("null" if unknown).
EMSCRIPTEN_KEEPALIVE const char* passerelle_dossier_get(const char* id) {
    auto* store = passerelle::ui::dossierStore();
    const auto* d = store && id ? store->find(id) : nullptr;
    if (!d) return answer(nullptr);
    return answer(passerelle::dossiers::dossierToJson(*d));
}

// Called by web/storage.js before it flushes on pagehide / visibilitychange.
EMSCRIPTEN_KEEPALIVE void passerelle_storage_hiding() { passerelle::ui::checkpointDossierStore(); }

EMSCRIPTEN_KEEPALIVE void passerelle_storage_retry() { (void)passerelle::ui::retryDossierStore(); }

} // extern "C"
