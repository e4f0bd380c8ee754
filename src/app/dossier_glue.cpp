// What web/*.js calls on the dossier store: the test API (create, edit, state), the pagehide checkpoint, the bench filler.
#include "ui/dossier_service.hpp"

#include "core/class_list.hpp"
#include "core/dossier_from_verdict.hpp"
#include "core/json_strict.hpp"
#include "core/rule_pack.hpp"
#include "platform/storage.hpp"

#include <emscripten/emscripten.h>

#include <algorithm>
#include <string>
#include <vector>

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

// Storage benchmark only (bench/storage_browser): reads a class list (bytes as given, e.g. Windows-1252)
// and checks every row against every scheme of the rule files passed in ([{"name", "text"}…]), in the page.
EMSCRIPTEN_KEEPALIVE const char* passerelle_bench_classlist(const char* rulesJson, const char* csv) {
    namespace pd = passerelle::dossiers;
    const double t0 = emscripten_get_now();
    auto files = passerelle::parseStrict(rulesJson ? rulesJson : "");
    if (!files || !files->is_array()) return answer({{"error", "fichiers de règles illisibles"}});
    std::vector<passerelle::RuleFile> rf;
    for (const auto& f : *files) rf.push_back({f.at("name").get<std::string>(), f.at("text").get<std::string>()});
    std::vector<passerelle::RuleError> errors;
    auto rules = passerelle::RuleSet::fromFiles(std::move(rf), &errors);
    if (!rules) return answer({{"error", "règles invalides"}});
    const double t1 = emscripten_get_now();
    pd::ClassListOptions o;
    o.on = pd::Ymd{2026, 5, 4};
    o.requester = "college";
    o.profile = {"0130040Y", "Collège Thiers", "13", "public"};
    const pd::ClassList list = pd::readClassList(csv ? csv : "", o);
    const double t2 = emscripten_get_now();
    const auto checked = pd::checkClassList(*rules, list);
    const double t3 = emscripten_get_now();
    const auto good = std::count_if(checked.begin(), checked.end(), [](const pd::CheckedRow& c) { return c.verdicts.has_value(); });
    return answer({{"rows", list.rows.size()}, {"checked", good}, {"schemes", rules->schemes().size()},
                   {"rulesMs", t1 - t0}, {"parseMs", t2 - t1}, {"checkMs", t3 - t2}});
}

} // extern "C"
