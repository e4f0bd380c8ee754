// Screen-reader mirror: the current screen as hidden-but-accessible DOM (heading, ordered list, real buttons,
// a labelled field with its error, a live region). Buttons and the field call back into the app
// (passerelle_mirror_action / passerelle_mirror_input), which does what the canvas widget of that name does.
'use strict';
(function () {
  const W = (window.PasserelleWeb = window.PasserelleWeb || {});
  let root = null;
  let shape = ''; // what the list looks like, without field values: same shape → update in place, keep focus
  let fieldSeq = 0;

  function ensureRoot() {
    if (root) return root;
    root = document.createElement('section');
    root.id = 'a11y-mirror';
    root.className = 'passerelle-sr-only'; // visually hidden, read by screen readers (not display:none)
    root.setAttribute('aria-label', 'Contenu de l’écran');
    const h1 = document.createElement('h1');
    h1.tabIndex = -1; // receives focus when the screen changes under a screen-reader user
    const live = document.createElement('div');
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    const nav = document.createElement('nav');
    nav.setAttribute('aria-label', 'Navigation de Passerelle');
    root.append(h1, document.createElement('ol'), nav, live);
    // Before the canvas in reading order: what a screen reader meets first is the screen itself.
    document.body.insertBefore(root, document.body.firstChild);
    return root;
  }

  // Hands two strings to a C function taking (const char*, const char*).
  function callWith2(fn, a, b) {
    W.callWithString((pa) => W.callWithString((pb) => fn(pa, pb), b), a);
  }

  function act(name) {
    const M = window.Module;
    if (W.running && name) W.callWithString(M._passerelle_mirror_action, name);
  }

  function typed(name, value) {
    const M = window.Module;
    if (W.running && name) callWith2(M._passerelle_mirror_input, name, value);
  }

  function keyOf(item) { return `${item.kind}:${item.action || ''}`; }

  function buildItem(item) {
    const li = document.createElement('li');
    li.dataset.key = keyOf(item);
    if (item.kind === 'button') {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = item.text;
      b.addEventListener('click', () => act(item.action));
      li.appendChild(b);
    } else if (item.kind === 'field') {
      const id = `a11y-field-${++fieldSeq}`;
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = item.text;
      const input = document.createElement('input');
      // A field named « ….pass » holds a secret: the app never sends its text back, and it is not read aloud.
      input.type = /\.pass$/.test(item.action || '') ? 'password' : 'text';
      input.id = id;
      input.autocomplete = 'off';
      input.value = item.value || '';
      const error = document.createElement('p');
      error.id = `${id}-error`;
      error.setAttribute('role', 'alert'); // a new error is said at once, and stays linked to the field
      input.setAttribute('aria-describedby', error.id);
      input.addEventListener('input', () => typed(item.action, input.value));
      // A submit named « ….commit » saves the field: sent on Enter and when focus leaves a changed field,
      // as the canvas field saves when it is left (the dossier screen's fields).
      if (/\.commit$/.test(item.submit || '')) input.addEventListener('change', () => act(item.submit));
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.isComposing) {
          e.preventDefault();
          typed(item.action, input.value); // the app has the exact text before « Valider »
          act(item.submit);
        }
      });
      li.append(label, input, error);
      setError(input, error, item.error || '');
    } else {
      li.textContent = item.text;
    }
    return li;
  }

  function setError(input, error, text) {
    if (error.textContent !== text) error.textContent = text;
    if (text) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  function owns(el) { return !!(root && el && root.contains(el)); }

  W.mirror = {
    owns,

    // The buttons every screen has (top bar): rebuilt only when they change.
    renderNav(items) {
      const nav = ensureRoot().querySelector('nav');
      const hadFocus = nav.contains(document.activeElement) ? document.activeElement.dataset.action : null;
      nav.replaceChildren(...items.map((item) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = item.text;
        b.dataset.action = item.action;
        b.addEventListener('click', () => act(item.action));
        return b;
      }));
      const again = hadFocus && [...nav.children].find((b) => b.dataset.action === hadFocus);
      if (again) again.focus({ preventScroll: true });
    },

    // Called by src/platform/screen_reader_web.cpp when the screen's content changed.
    render(m) {
      const r = ensureRoot();
      const h1 = r.querySelector('h1');
      const ol = r.querySelector('ol');
      const live = r.querySelector('[aria-live]');
      const newShape = JSON.stringify([m.heading, m.items.map((i) => [i.kind, i.text, i.action, i.submit])]);
      if (newShape === shape) {
        // Same screen: only a field's text or error changed (typed on the canvas or here).
        m.items.forEach((item, n) => {
          if (item.kind !== 'field') return;
          const li = ol.children[n];
          const input = li.querySelector('input');
          if (document.activeElement !== input && input.value !== item.value) input.value = item.value;
          setError(input, li.querySelector('p'), item.error || '');
        });
      } else {
        const focusedKey = owns(document.activeElement) ? document.activeElement.closest('li')?.dataset.key : null;
        // A field being typed in keeps what the person typed (the app may not have had every key yet).
        const typing = document.activeElement?.tagName === 'INPUT' && owns(document.activeElement) ? document.activeElement : null;
        // Focus on a nav button stays there; focus in the list (or on the heading) follows the screen.
        const hadFocus = owns(document.activeElement) && !document.activeElement.closest('nav');
        shape = newShape;
        h1.textContent = m.heading;
        ol.replaceChildren(...m.items.map(buildItem));
        if (hadFocus) {
          // The person is working in the mirror: keep their place if it still exists, else go to the new heading.
          const same = focusedKey && [...ol.children].find((li) => li.dataset.key === focusedKey);
          const target = same && focusedKey !== 'text:' ? same.querySelector('button, input') : null;
          if (target && typing && target.tagName === 'INPUT') {
            target.value = typing.value;
            const at = typing.selectionStart ?? typing.value.length;
            target.focus({ preventScroll: true });
            target.setSelectionRange(at, at);
          } else {
            (target || h1).focus({ preventScroll: true });
          }
        }
      }
      if (live.textContent !== m.announcement) live.textContent = m.announcement;
    },
  };

  // A click on the canvas while a mirror control has focus: the keyboard goes back to the canvas.
  const canvas = document.getElementById('canvas');
  if (canvas) {
    canvas.addEventListener('pointerdown', () => {
      if (owns(document.activeElement)) document.activeElement.blur();
    });
  }

  // Test API additions (window.passerelle comes from web/test_api.js, loaded before this file).
  if (window.passerelle) {
    // Text size, contrast and the palette in use: { textScale, highContrast, colors: { name: [r, g, b, a] } }.
    window.passerelle.display = () => {
      const M = window.Module;
      return JSON.parse(M.UTF8ToString(M._passerelle_display_json()));
    };
    // Every named widget of the last frame: { name: {x, y, w, h} } in CSS pixels.
    window.passerelle.rects = () => {
      const M = window.Module;
      return JSON.parse(M.UTF8ToString(M._passerelle_widget_rects_json()));
    };
  }
})();
