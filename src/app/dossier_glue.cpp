// What web/*.js calls on the dossier store: the test API (create, edit, state), the pagehide checkpoint, the bench filler.
#include "ui/dossier_service.hpp"
#include "ui/dossier_table.hpp"

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

// The workspace for tests and the benchmark: the dossier table (counts, query, first rows, timings) and
// the class list screen (rows read, error rows, valid rows, dossiers created).
EMSCRIPTEN_KEEPALIVE const char* passerelle_workspace_state_json() {
    return answer({{"table", passerelle::ui::workspaceTable().testState()}, {"classList", passerelle::ui::classListTestState()}});
}

// Workspace benchmark and tests only (bench/workspace): `count` dossiers with pupils' names and classes, as a
// class list makes them (createDossier with pupil and class, saved through the store); returns how many.
EMSCRIPTEN_KEEPALIVE int passerelle_bench_workspace_fill(int count) {
    namespace pd = passerelle::dossiers;
    const auto* defs = passerelle::ui::dossierDefs();
    if (!defs) return 0;
    static const char* kSchemes[] = {"stage-seconde", "paca-2026/securisation-entree-15-ans", "apprentissage/cfa-sans-contrat"};
    static const char* kFirst[] = {"Léa", "Jérôme", "Zoé", "François", "Inès", "Hugo", "Chloé", "Adam", "Noé", "Éloïse"};
    static const char* kClasses[] = {"3E1", "3E2", "3EME A", "2NDE4", "2GT1", "1PRO MS", "TLE PRO", "CAP1", "4E1", "3°5"};
    int made = 0;
    for (int i = 0; i < count; ++i) {
        const pd::DossierDef* def = defs->find(kSchemes[i % 3]);
        if (!def) continue;
        pd::CreateOptions o;
        o.role = "college";
        o.pupil = {{"last_name", "NOM" + std::to_string(i)}, {"first_name", kFirst[i % 10]}};
        o.className = kClasses[(i / 3) % 10];
        const passerelle::Json situation = {{"format", "passerelle.situation/1"}, {"on", "2026-05-04"}};
        if (passerelle::ui::saveStoredDossier(pd::createDossier(*def, situation, pd::Ymd{2026, 5, 4}, o), nullptr)) ++made;
    }
    return made;
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
    for (const auto& f : *files) {
        const std::string name = passerelle::textOr(f, "name"), text = passerelle::textOr(f, "text");
        if (name.empty()) return answer({{"error", "fichier de règles sans nom"}});
        rf.push_back({name, text});
    }
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
