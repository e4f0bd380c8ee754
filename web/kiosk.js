// Kiosk glue (src/platform/kiosk_web.cpp): last input time, timed wake-ups, full screen, wiping the page, the fresh page after a session.
'use strict';
(function () {
  const W = (window.PasserelleWeb = window.PasserelleWeb || {});
  const KIOSK_PARAMS = ['borne', 'inactivite', 'decompte'];
  let wakeTimer = 0;
  let fullscreenArmed = false;
  // How long the establishment's pending save may take before a session's end gives up reloading: a
  // save takes tens of ms; a much longer one means IndexedDB is stuck, and a reload would lose it.
  const SAVE_WAIT_MS = 8000;
  const RELOAD_WAIT_MS = 5000;
  const FRESH = { idle: 0, saving: 1, failed: 2 };
  const FAILED = 'La borne n’a pas pu repartir sur une page neuve : ';
  const FAILED_END = '. La session du visiteur est tout de même effacée ; prévenez le personnel du CIO.';

  // The kiosk home's address: the kiosk's own parameters and nothing else of the visit (no « #droits/… »).
  function kioskAddress() {
    const now = new URLSearchParams(location.search);
    const keep = new URLSearchParams({ borne: '1' });
    KIOSK_PARAMS.forEach((p) => { if (p !== 'borne' && now.has(p)) keep.set(p, now.get(p)); });
    return `${location.pathname}?${keep.toString()}`;
  }

  // Files the app holds under its storage roots (with IndexedDB unavailable they live only in this page).
  function holdsFiles() {
    const FS = window.Module && window.Module.FS;
    if (!FS) return false;
    return ['/data', '/attachments'].some((dir) => {
      try { return FS.readdir(dir).some((n) => n !== '.' && n !== '..'); } catch (e) { return false; }
    });
  }

  // Why reloading now would lose the establishment's data ('' when it would not).
  function saveProblem(st, timedOut) {
    if (!st) return '';
    if (timedOut) return `l’enregistrement des données de l’établissement n’est pas terminé après ${SAVE_WAIT_MS / 1000} secondes`;
    if (st.status === 'error') {
      return `l’enregistrement des données de l’établissement a échoué (${st.lastError || 'refus du navigateur'})`;
    }
    if (st.status === 'unavailable' && holdsFiles()) {
      return 'le stockage du navigateur est indisponible et les données de l’établissement ne sont que dans cette page';
    }
    return '';
  }

  function freshFailed(reason) {
    W.kiosk.fresh = { code: FRESH.failed, error: FAILED + reason + FAILED_END, reloads: W.kiosk.fresh.reloads };
    W.wake();
  }

  function noteInput() { W.kiosk.lastInput = performance.now(); }

  function enterFullscreen() {
    const el = document.documentElement;
    if (document.fullscreenElement || !el.requestFullscreen) return;
    W.kiosk.fullscreenRequests += 1;
    el.requestFullscreen({ navigationUI: 'hide' }).then(
      () => { W.kiosk.fullscreen = true; },
      // Refused (no gesture after all, a policy, a headless browser): the kiosk works in a window too.
      () => { W.kiosk.fullscreen = false; });
  }

  function onGesture() {
    if (!fullscreenArmed) return;
    fullscreenArmed = false;
    enterFullscreen();
  }

  W.kiosk = {
    lastInput: 0,
    fullscreen: false,
    fullscreenRequests: 0,
    wipes: 0,
    // The fresh page after a session: code (FRESH), the French reason when given up, reloads asked.
    fresh: { code: FRESH.idle, error: '', reloads: 0 },

    wakeAt(atMs) {
      if (wakeTimer) clearTimeout(wakeTimer);
      wakeTimer = 0;
      if (!(atMs >= 0)) return;
      // A few ms late rather than early: the app then finds the phase it was woken for.
      const delay = Math.max(0, atMs - performance.now()) + 5;
      wakeTimer = setTimeout(() => { wakeTimer = 0; W.wake(); }, delay);
    },

    fullscreenSoon() {
      const active = navigator.userActivation ? navigator.userActivation.isActive : false;
      if (active) enterFullscreen();
      else fullscreenArmed = true;
    },

    exitFullscreen() {
      fullscreenArmed = false;
      if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(() => {});
    },

    markAddress(on) {
      const params = new URLSearchParams(location.search);
      if (on) {
        if (params.get('borne') === '1') return;
        params.set('borne', '1');
      } else {
        KIOSK_PARAMS.forEach((p) => params.delete(p));
      }
      const q = params.toString();
      history.replaceState(history.state, '', location.pathname + (q ? `?${q}` : '') + location.hash);
    },

    // What the page holds outside the app's memory: typed values, the printed summary, the last copy.
    wipe() {
      W.kiosk.wipes += 1;
      document.querySelectorAll('input, textarea').forEach((el) => {
        if (el.type === 'checkbox' || el.type === 'radio') el.checked = false;
        else el.value = '';
      });
      const printed = document.getElementById('passerelle-print');
      if (printed) printed.replaceChildren();
      if (W.clipboard && W.clipboard.lastCopy) W.clipboard.lastCopy = '';
      const sel = window.getSelection && window.getSelection();
      if (sel) sel.removeAllRanges();
      W.kiosk.alert('');
    },

    // After the app has wiped a session: save what the establishment has pending, then replace this page
    // with a fresh kiosk home. replace(), not assign(): Back cannot return to the visitor's page.
    freshPage() {
      if (W.kiosk.fresh.code === FRESH.saving) return;
      W.kiosk.fresh = { code: FRESH.saving, error: '', reloads: W.kiosk.fresh.reloads };
      const st = W.storage;
      if (st && st.status === 'error') st.retry(); // what failed before would be lost by the reload
      else if (st) st.flush();
      const start = performance.now();
      const check = () => {
        const timedOut = !!st && st.busy() && performance.now() - start >= SAVE_WAIT_MS;
        if (st && st.busy() && !timedOut) { setTimeout(check, 15); return; }
        const problem = saveProblem(st, timedOut);
        if (problem) { freshFailed(problem); return; }
        W.kiosk.fresh.reloads += 1;
        location.replace(kioskAddress());
        // Still here long after: the browser does not let the page reload (a kiosk policy). The wipe
        // stands; the kiosk home comes back usable instead of « Un instant… » for ever.
        setTimeout(() => {
          if (W.kiosk.fresh.code !== FRESH.saving) return;
          W.kiosk.fresh.code = FRESH.idle;
          W.wake();
        }, RELOAD_WAIT_MS);
      };
      check();
    },

    alert(text) {
      const el = document.getElementById('kiosk-alert');
      if (el && el.textContent !== text) el.textContent = text;
    },
  };

  // Capture phase, passive: the app's own handlers (web/input.js) still see every event unchanged.
  const opts = { capture: true, passive: true };
  ['pointerdown', 'pointermove', 'wheel', 'keydown', 'touchstart', 'input', 'compositionend'].forEach((type) => {
    window.addEventListener(type, noteInput, opts);
  });
  ['pointerup', 'keyup', 'touchend', 'click'].forEach((type) => window.addEventListener(type, onGesture, opts));
})();
