// window.passerelle: the test API end-to-end tests and benchmarks use (state, widget rectangles, idle).
'use strict';
(function () {
  const W = (window.PasserelleWeb = window.PasserelleWeb || {});

  function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

  // Calls an exported C function with string arguments and parses its JSON answer.
  function callJson(name, ...texts) {
    const M = window.Module;
    const ptrs = texts.map((t) => {
      const n = M.lengthBytesUTF8(t) + 1;
      const p = M._malloc(n);
      M.stringToUTF8(t, p, n);
      return p;
    });
    try {
      return JSON.parse(M.UTF8ToString(M[name](...ptrs)));
    } finally {
      ptrs.forEach((p) => M._free(p));
    }
  }

  window.passerelle = {
    // Resolves with performance.now() of the first rendered frame (time since navigation start).
    ready: W.firstFrame,

    // The app's state: view, profile, frames, pixel ratio, storage status, text bridge.
    state() {
      const M = window.Module;
      const s = JSON.parse(M.UTF8ToString(M._passerelle_state_json()));
      s.storage = { status: W.storage.status, detail: W.storage.detail, busy: W.storage.busy(), ...W.storage.stats,
        readOnly: W.storage.readOnly, persisted: W.storage.persisted, persistRequests: W.storage.persistRequests,
        lastError: W.storage.lastError };
      s.dossiers = callJson('_passerelle_dossiers_state_json');
      s.firstFrameMs = W.frames.first;
      s.lastFrameMs = W.frames.last;
      s.canvas = { width: W.canvas().width, height: W.canvas().height };
      s.textFocused = W.text.focused();
      s.clipboard = { ...W.clipboard.stats };
      return s;
    },

    // Where a named widget was drawn in the last frame, in CSS pixels ({x, y, w, h}), or null.
    rect(name) {
      const M = window.Module;
      return JSON.parse(W.callWithString((p) => M.UTF8ToString(M._passerelle_widget_rect(p)), name));
    },

    frames() { return W.frames.count; },

    // Resolves (with the frame count) once no frame is scheduled and none has been rendered for `quietMs`.
    async idle(quietMs = 150, timeoutMs = 10000) {
      const start = performance.now();
      await W.firstFrame;
      for (;;) {
        const now = performance.now();
        if (window.Module._passerelle_frames_pending() === 0 && now - W.frames.last >= quietMs) return W.frames.count;
        if (now - start > timeoutMs) throw new Error(`l’application dessine encore après ${timeoutMs} ms`);
        await sleep(Math.max(10, quietMs - (now - W.frames.last)));
      }
    },

    // Resolves once no save is scheduled or running, with the storage status.
    async storageSettled(timeoutMs = 10000) {
      const start = performance.now();
      while (W.storage.busy()) {
        if (performance.now() - start > timeoutMs) throw new Error('enregistrement toujours en cours');
        await sleep(20);
      }
      return W.storage.status;
    },

    wake() { W.wake(); },

    // The dossier store through the app's own C++ calls (createDossier / setFieldInput, then the
    // store's save): what the dossier screens do, for tests and the storage benchmark.
    dossiers: {
      create(scheme, situation, role = '') {
        const r = callJson('_passerelle_dossier_create', scheme, JSON.stringify(situation), role);
        W.wake();
        return r;
      },
      edit(id, section, field, input) {
        const r = callJson('_passerelle_dossier_edit', id, section, field, input);
        W.wake();
        return r;
      },
      get(id) { return callJson('_passerelle_dossier_get', id); },
      state() { return callJson('_passerelle_dossiers_state_json'); },
      retry() { window.Module._passerelle_storage_retry(); W.wake(); },
    },
  };
})();
