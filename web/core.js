// Passerelle's JS glue, shared part: the PasserelleWeb namespace, the canvas size, frames, fatal errors.
'use strict';
(function () {
  const W = (window.PasserelleWeb = window.PasserelleWeb || {});

  W.running = false;

  // Startup milestones (ms since navigation start), read by the startup benchmark.
  W.marks = { glue: performance.now() };
  W.mark = (name) => { W.marks[name] = performance.now(); };
  W.canvas = () => document.getElementById('canvas');
  W.module = () => window.Module;

  // Asks the app to redraw a few frames (it sleeps when nothing changes).
  W.wake = function () {
    const M = window.Module;
    if (W.running && M && M._passerelle_wake) M._passerelle_wake();
  };

  // Hands a JS string to a C function taking `const char*` (UTF-8), freeing it afterwards.
  W.callWithString = function (fn, text, ...rest) {
    const M = window.Module;
    const n = M.lengthBytesUTF8(text) + 1;
    const p = M._malloc(n);
    try {
      M.stringToUTF8(text, p, n);
      return fn(p, ...rest);
    } finally {
      M._free(p);
    }
  };

  // Something prevents the app from running: say it in French, in the page itself.
  W.fatal = function (message) {
    const box = document.getElementById('fatal');
    const loading = document.getElementById('loading');
    if (loading) loading.hidden = true;
    if (box) {
      box.textContent = message;
      box.hidden = false;
    }
    console.error(message);
  };

  W.setCursor = function (css) {
    const c = W.canvas();
    if (c) c.style.cursor = css;
  };

  // The reference date by default: today in Europe/Paris, as yyyy-mm-dd (the situation contract).
  W.todayInParis = function () {
    try {
      const parts = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit',
      }).formatToParts(new Date());
      const get = (t) => parts.find((p) => p.type === t).value;
      return `${get('year')}-${get('month')}-${get('day')}`;
    } catch (e) {
      const d = new Date();
      const pad = (n) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    }
  };

  // Frames: counted for the test API and the startup benchmark.
  W.frames = { count: 0, first: 0, last: 0 };
  let resolveFirstFrame;
  W.firstFrame = new Promise((r) => { resolveFirstFrame = r; });
  W.frameRendered = function (n) {
    const now = performance.now();
    W.frames.count = n;
    W.frames.last = now;
    if (!W.frames.first) {
      W.frames.first = now; // performance.now() counts from navigation start
      W.mark('firstFrame');
      const loading = document.getElementById('loading');
      if (loading) loading.hidden = true;
      resolveFirstFrame(now);
    }
  };

  // The canvas' backing store follows the window at the device's pixel density, so that ImGui can
  // draw text at the screen's own resolution (crisp on high-DPI screens).
  W.resize = function () {
    const c = W.canvas();
    const M = window.Module;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, window.innerWidth);
    const h = Math.max(1, window.innerHeight);
    const bw = Math.round(w * dpr);
    const bh = Math.round(h * dpr);
    if (c.width !== bw) c.width = bw;
    if (c.height !== bh) c.height = bh;
    if (W.running) M._passerelle_resize(w, h, dpr);
  };

  function watchPixelRatio() {
    // Moving the window to another screen or zooming changes devicePixelRatio without always
    // firing 'resize'; a media query on the current ratio notices.
    const mq = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    const onChange = () => {
      mq.removeEventListener('change', onChange);
      W.resize();
      watchPixelRatio();
    };
    mq.addEventListener('change', onChange);
  }

  // Called by main() once the app is ready for events.
  W.started = function () {
    W.running = true;
    window.addEventListener('resize', W.resize);
    watchPixelRatio();
    W.input.install();
    W.text.install();
    W.clipboard.install();
    W.resize();
  };
})();
