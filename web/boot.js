// Boot: the Emscripten Module (canvas; fonts and /data loaded before main), loaded last but one.
'use strict';
(function () {
  const W = (window.PasserelleWeb = window.PasserelleWeb || {});
  const FONTS = ['DejaVuSans-subset.ttf', 'DejaVuSans-Bold-subset.ttf'];

  // Fetched now, in parallel with the wasm download; written to the file system in preRun.
  const fontData = Promise.all(FONTS.map((name) => fetch(`fonts/${name}`).then((r) => {
    if (!r.ok) throw new Error(`${name} : HTTP ${r.status}`);
    return r.arrayBuffer();
  })));

  window.Module = {
    canvas: document.getElementById('canvas'),
    // preInit runs as soon as passerelle_app.js is evaluated, while the wasm is still compiling: the
    // IndexedDB database is opened then, in parallel. Files can only be written once the wasm memory
    // exists (preRun); run dependencies hold main() back until fonts and /data are in place.
    preInit: [() => { W.mark('preInit'); W.storage.prepare(window.Module); }],
    preRun: [function () {
      const M = window.Module;
      W.mark('preRun'); // the wasm is compiled and instantiated
      M.addRunDependency('passerelle-fonts');
      fontData.then((buffers) => {
        M.FS.mkdir('/fonts');
        buffers.forEach((b, i) => M.FS.writeFile(`/fonts/${FONTS[i]}`, new Uint8Array(b)));
        W.mark('fonts');
        M.removeRunDependency('passerelle-fonts');
      }, (err) => {
        W.fatal(`Les polices de Passerelle ne se chargent pas (${err.message}). Rechargez la page.`);
      });
      W.storage.load(M); // IDBFS is loaded before main() reads /data
      // A new version announced at the last visit is switched to now, before main() runs (web/offline.js).
      M.addRunDependency('passerelle-version');
      W.offline.gate.then(() => M.removeRunDependency('passerelle-version'));
    }],
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onAbort: (what) => W.fatal(`Passerelle s’est arrêtée sur une erreur interne. Rechargez la page. (${what})`),
  };

  // The service worker (offline use) registers once the app shows: start-up keeps the network to itself.
  W.firstFrame.then(() => W.offline.register());

  if (typeof WebAssembly !== 'object') {
    W.fatal('Ce navigateur est trop ancien pour Passerelle (WebAssembly manque). Mettez-le à jour.');
  }
})();
