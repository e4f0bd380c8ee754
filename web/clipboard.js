// Clipboard glue: pastes come from the browser's paste event (or navigator.clipboard as a fallback),
// copies from ImGui go to navigator.clipboard.
'use strict';
(function () {
  const W = (window.PasserelleWeb = window.PasserelleWeb || {});
  let pasteWanted = 0; // time of a Ctrl+V still waiting for its paste event

  function deliver(text) {
    if (typeof text !== 'string' || text === '') return;
    W.callWithString(window.Module._passerelle_paste, text);
  }

  W.clipboard = {
    stats: { pasteEvents: 0, asyncReads: 0 },
    install() {
      document.addEventListener('paste', (e) => {
        pasteWanted = 0;
        W.clipboard.stats.pasteEvents++;
        const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
        e.preventDefault();
        deliver(text);
      });
    },

    // Ctrl+V was pressed. The browser normally fires 'paste' right after; if it does not (no
    // editable element focused), read the clipboard through the async API instead.
    pasteRequested() {
      const asked = performance.now();
      pasteWanted = asked;
      setTimeout(() => {
        if (pasteWanted !== asked) return;
        pasteWanted = 0;
        if (navigator.clipboard && navigator.clipboard.readText) {
          W.clipboard.stats.asyncReads++;
          navigator.clipboard.readText().then(deliver, () => {});
        }
      }, 80);
    },

    write(text) {
      W.clipboard.lastCopy = text;
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).catch((e) => console.warn('copie refusée par le navigateur :', e));
      }
    },
  };
})();
