// Input glue: pointer, wheel and key events on the page → the app's event queue (src/app/input_queue.cpp).
//
// Printable characters are not keys here: they arrive as text through the hidden <input>
// (web/text_input.js), which is the only path that sees dead keys, IME and mobile keyboards.
'use strict';
(function () {
  const W = (window.PasserelleWeb = window.PasserelleWeb || {});

  // DOM key names → the key codes the app's ImGui KeyMap uses (the old DOM keyCodes).
  const NAMED = {
    Tab: 9, Enter: 13, Escape: 27, Backspace: 8, Delete: 46, Insert: 45, Home: 36, End: 35,
    PageUp: 33, PageDown: 34, ArrowLeft: 37, ArrowUp: 38, ArrowRight: 39, ArrowDown: 40, ' ': 32,
  };
  const SHORTCUT_LETTERS = 'ACXYZ'; // Ctrl+V goes through the browser's paste event instead

  const down = new Map(); // DOM code → app key code, for keys the app saw go down

  function mods(e) {
    return (e.ctrlKey ? 1 : 0) | (e.shiftKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0);
  }

  function key(code, isDown, m) {
    window.Module._passerelle_key(code, isDown ? 1 : 0, m);
  }

  // Keys typed in the screen-reader mirror (web/screen_reader.js) are the browser's: Tab, Enter, Space work there natively.
  function inMirror(e) { return !!(W.mirror && W.mirror.owns(e.target)); }

  function onKeyDown(e) {
    if (inMirror(e)) return;
    if (e.isComposing || e.keyCode === 229 || e.key === 'Dead' || e.key === 'Process') return;
    const m = mods(e);
    const shortcut = (e.ctrlKey || e.metaKey) && !e.altKey; // Ctrl+Alt is AltGr on Windows: text
    let code = 0;
    if (shortcut && e.key.length === 1) {
      const letter = e.key.toUpperCase();
      if (letter === 'V') {
        W.clipboard.pasteRequested(); // let the browser fire 'paste' on the hidden input
        return;
      }
      if (SHORTCUT_LETTERS.includes(letter)) code = letter.charCodeAt(0);
    } else if (Object.prototype.hasOwnProperty.call(NAMED, e.key)) {
      code = NAMED[e.key];
      if (code === 32 && W.text.focused()) return; // a space in a field is text
    } else if (e.code === 'NumpadEnter') {
      code = 13;
    }
    if (!code) return;
    e.preventDefault(); // Tab must not leave the page, Backspace must not go back, Ctrl+A not select it
    // Held keys repeat as fresh presses: the app draws no frame between the browser's repeats.
    if (e.repeat) key(code, false, m);
    key(code, true, m);
    down.set(e.code || e.key, code);
  }

  function onKeyUp(e) {
    if (inMirror(e)) return;
    const id = e.code || e.key;
    const code = down.get(id);
    if (code === undefined) return;
    down.delete(id);
    key(code, false, mods(e));
  }

  function pointer(e) {
    const r = W.canvas().getBoundingClientRect();
    window.Module._passerelle_pointer_move(e.clientX - r.left, e.clientY - r.top);
  }

  const BUTTONS = [0, 2, 1]; // DOM left, middle, right → ImGui 0 left, 1 right, 2 middle

  W.input = {
    install() {
      const canvas = W.canvas();
      const M = window.Module;
      window.addEventListener('keydown', onKeyDown, true);
      window.addEventListener('keyup', onKeyUp, true);
      window.addEventListener('blur', () => {
        for (const code of down.values()) key(code, false, 0);
        down.clear();
        M._passerelle_focus(0);
      });
      window.addEventListener('focus', () => M._passerelle_focus(1));
      // Touch: ImGui 1.86 cannot scroll by dragging, so a finger that moves scrolls (as wheel steps)
      // and a finger that stays put is a click, sent when it lifts.
      let touch = null; // { id, x, y, lastY, scrolling }
      canvas.addEventListener('pointermove', (e) => {
        if (touch && e.pointerId === touch.id) {
          if (!touch.scrolling && Math.hypot(e.clientX - touch.x, e.clientY - touch.y) > 10) touch.scrolling = true;
          if (touch.scrolling) {
            M._passerelle_wheel(0, (e.clientY - touch.lastY) / 85); // ImGui scrolls 5 lines (≈ 85 px) per step
            touch.lastY = e.clientY;
          }
          return;
        }
        if (e.pointerType !== 'touch') pointer(e);
      });
      canvas.addEventListener('pointerdown', (e) => {
        try { canvas.setPointerCapture(e.pointerId); } catch (err) { /* not capturable: fine */ }
        pointer(e); // hover first: a tap on a text field must know it is one when the finger lifts
        if (e.pointerType === 'touch') {
          if (!touch) touch = { id: e.pointerId, x: e.clientX, y: e.clientY, lastY: e.clientY, scrolling: false };
          return;
        }
        M._passerelle_pointer_button(BUTTONS[e.button] ?? 0, 1);
      });
      const release = (e) => {
        if (touch && e.pointerId === touch.id) {
          const tap = !touch.scrolling && e.type === 'pointerup';
          touch = null;
          if (tap) {
            M._passerelle_pointer_button(0, 1);
            M._passerelle_pointer_button(0, 0);
            W.text.focusIfWanted();
          }
          return;
        }
        pointer(e);
        M._passerelle_pointer_button(BUTTONS[e.button] ?? 0, 0);
        // Still inside the user's gesture: the only moment a phone agrees to open its keyboard.
        W.text.focusIfWanted();
      };
      canvas.addEventListener('pointerup', release);
      canvas.addEventListener('pointercancel', release);
      canvas.addEventListener('pointerleave', (e) => { if (e.buttons === 0) pointer(e); });
      // Keep the hidden input focused while a field is being edited: clicks on the canvas decide.
      canvas.addEventListener('mousedown', (e) => e.preventDefault());
      canvas.addEventListener('contextmenu', (e) => e.preventDefault());
      canvas.addEventListener('wheel', (e) => {
        e.preventDefault();
        const unit = e.deltaMode === 1 ? 3 : e.deltaMode === 2 ? 1 : 100; // lines, pages, pixels per notch
        M._passerelle_wheel(-e.deltaX / unit, -e.deltaY / unit);
      }, { passive: false });
    },
  };
})();
