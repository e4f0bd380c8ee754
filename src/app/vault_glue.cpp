// Browser glue of the vault: input resets the auto-lock clock, a timer checks it, and the test API's vault calls.
#include "app/frame_loop.hpp"
#include "app/vault_glue.hpp"
#include "core/json_strict.hpp"
#include "ui/vault_service.hpp"

#include <emscripten/emscripten.h>

#include <string>

namespace passerelle::app {
namespace {

// Any key, pointer or wheel event counts as activity (capture phase, passive: nothing is intercepted).
// The URL parameter « verrou=<secondes> » (1 to 99999) may shorten the auto-lock delay, never lengthen it.
EM_JS(int, js_vault_watch, (), {
    const note = () => _passerelle_vault_activity();
    for (const t of ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'])
        document.addEventListener(t, note, {capture : true, passive : true});
    const v = new URLSearchParams(location.search).get('verrou');
    return v !== null && /^[0-9]{1,5}$/.test(v) ? Number(v) : -1;
});
EM_JS(void, js_vault_schedule, (int ms), {
    clearTimeout(Module.passerelleVaultTimer);
    Module.passerelleVaultTimer = setTimeout(() => _passerelle_vault_tick(), ms);
});

std::string g_reply;

const char* reply(bool ok, const std::string& error) {
    g_reply = Json{{"ok", ok}, {"error", error}, {"vault", Json::parse(ui::vaultStateJson())}}.dump();
    return g_reply.c_str();
}

} // namespace

void startVaultGlue(ui::ProfileState& profile) {
    ui::vaultAttachProfile(&profile);
    // 0 would turn the auto-lock off, i.e. lengthen it: only a shorter positive delay is taken.
    const int seconds = js_vault_watch();
    if (seconds > 0 && (ui::vaultAutoLockSeconds() == 0 || seconds < ui::vaultAutoLockSeconds()))
        ui::setVaultAutoLockSeconds(seconds);
    ui::setVaultScheduler([](int ms) { js_vault_schedule(ms); });
}

} // namespace passerelle::app

extern "C" {

EMSCRIPTEN_KEEPALIVE void passerelle_vault_activity() { passerelle::ui::vaultNoteActivity(); }

EMSCRIPTEN_KEEPALIVE void passerelle_vault_tick() {
    if (passerelle::ui::vaultCheckIdle()) passerelle::app::requestFrames(); // the gate replaces the view
}

EMSCRIPTEN_KEEPALIVE const char* passerelle_vault_state_json() {
    passerelle::app::g_reply = passerelle::ui::vaultStateJson();
    return passerelle::app::g_reply.c_str();
}

EMSCRIPTEN_KEEPALIVE void passerelle_vault_set_autolock(int seconds) { passerelle::ui::setVaultAutoLockSeconds(seconds); }

EMSCRIPTEN_KEEPALIVE void passerelle_vault_lock() {
    passerelle::ui::vaultLock();
    passerelle::app::requestFrames();
}

// The same calls the screens make (tests and the unlock benchmark): {"ok", "error", "vault"}.
EMSCRIPTEN_KEEPALIVE const char* passerelle_vault_unlock(const char* passphrase) {
    using namespace passerelle;
    std::string error;
    ui::ProfileState scratch;
    ui::ProfileState* profile = ui::vaultAttachedProfile();
    const bool ok = ui::vaultUnlock(passphrase, profile ? *profile : scratch, &error);
    app::requestFrames();
    return app::reply(ok, error);
}

EMSCRIPTEN_KEEPALIVE const char* passerelle_vault_protect(const char* passphrase) {
    using namespace passerelle;
    std::string error;
    ui::ProfileState scratch;
    ui::ProfileState* profile = ui::vaultAttachedProfile();
    const bool ok = ui::vaultProtect(passphrase, passphrase, profile ? *profile : scratch, &error);
    app::requestFrames();
    return app::reply(ok, error);
}

EMSCRIPTEN_KEEPALIVE const char* passerelle_vault_change(const char* oldPassphrase, const char* newPassphrase) {
    using namespace passerelle;
    std::string error;
    const bool ok = ui::vaultChangePassphrase(oldPassphrase, newPassphrase, newPassphrase, &error);
    app::requestFrames();
    return app::reply(ok, error);
}

} // extern "C"
