// Kiosk glue (src/platform/kiosk_web.cpp): last input time, timed wake-ups, full screen, wiping the page's own state.
'use strict';
(function () {
  const W = (window.PasserelleWeb = window.PasserelleWeb || {});
  const KIOSK_PARAMS = ['borne', 'inactivite', 'decompte'];
  let wakeTimer = 0;
  let fullscreenArmed = false;

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
