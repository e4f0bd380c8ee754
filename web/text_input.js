// Text bridge: a hidden <input> that has the focus while ImGui edits text, so that everything the
// browser composes — plain keys, dead keys (^ then e → ê), IME, mobile keyboards — reaches the app
// as committed text (input / compositionend → passerelle_text → io.AddInputCharactersUTF8).
'use strict';
(function () {
  const W = (window.PasserelleWeb = window.PasserelleWeb || {});
  let el = null;
  let composing = false;

  function commit(text) {
    el.value = '';
    if (text) W.callWithString(window.Module._passerelle_text, text);
  }

  W.text = {
    active: false,    // ImGui has a text field active
    hoverText: false, // the pointer is over a text field
    element: () => el,
    focused: () => el !== null && document.activeElement === el,

    install() {
      el = document.createElement('input');
      el.type = 'text';
      el.id = 'passerelle-text';
      el.setAttribute('autocomplete', 'off');
      el.setAttribute('autocorrect', 'off');
      el.setAttribute('autocapitalize', 'off');
      el.setAttribute('spellcheck', 'false');
      el.setAttribute('aria-label', 'Saisie de texte');
      el.tabIndex = -1;
      document.body.appendChild(el);
      el.addEventListener('compositionstart', () => { composing = true; });
      el.addEventListener('compositionend', (e) => {
        composing = false;
        commit(e.data || el.value);
      });
      el.addEventListener('input', (e) => {
        if (composing || e.isComposing) return; // the composition commits as a whole
        commit(el.value);
      });
    },

    // Called after each frame where ImGui's wish changed (src/platform/text_input_web.cpp).
    update(active, hoverText, x, y, lineHeight) {
      W.text.active = active;
      W.text.hoverText = hoverText;
      // The IME candidate window opens next to the hidden input: keep it at ImGui's caret.
      el.style.left = `${Math.round(x)}px`;
      el.style.top = `${Math.round(y)}px`;
      el.style.height = `${Math.max(1, Math.round(lineHeight))}px`;
      // A screen-reader user typing in the mirror's own field keeps it (the canvas field follows from there).
      const inMirror = W.mirror && W.mirror.owns(document.activeElement);
      if (active && document.activeElement !== el && !inMirror) {
        el.focus({ preventScroll: true });
      } else if (!active && document.activeElement === el) {
        if (composing) { composing = false; commit(el.value); }
        el.blur();
      }
    },

    focusIfWanted() {
      if ((W.text.active || W.text.hoverText) && document.activeElement !== el) el.focus({ preventScroll: true });
    },
  };
})();
