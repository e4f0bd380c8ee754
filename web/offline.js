// Offline glue: registers the service worker (dist/sw.js), announces a new version, switches to it at the next start.
//
// A page runs entirely on one version. A new version found during a visit installs into its own cache
// and waits; the page says « Une nouvelle version est prête… ». At the next start, before the app runs
// (a run dependency holds main()), the waiting version is activated and the page reloads on it.
'use strict';
(function () {
  const W = (window.PasserelleWeb = window.PasserelleWeb || {});
  const supported = 'serviceWorker' in navigator && window.isSecureContext;

  // Asks a service worker something and waits for its answer (MessageChannel), or null after `ms`.
  function ask(worker, message, ms = 3000) {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => resolve(null), ms);
      channel.port1.onmessage = (e) => { clearTimeout(timer); resolve(e.data); };
      worker.postMessage(message, [channel.port2]);
    });
  }

  function showBanner() {
    const box = document.getElementById('update');
    if (!box || !box.hidden) return;
    box.hidden = false;
    const ok = document.getElementById('update-ok');
    if (ok) ok.addEventListener('click', () => { box.hidden = true; }, { once: true });
  }

  function setState(state) {
    W.offline.state = state;
    if (state === 'update-ready') showBanner();
  }

  // Follows a worker being installed: a first install makes the app available offline; an update waits.
  function follow(worker) {
    const check = () => {
      if (worker.state === 'installed') setState(navigator.serviceWorker.controller ? 'update-ready' : 'installing');
      else if (worker.state === 'activated' && !navigator.serviceWorker.controller) setState('ready');
      else if (worker.state === 'redundant' && W.offline.state === 'installing') setState('error');
    };
    worker.addEventListener('statechange', check);
    check();
  }

  // The worker serving this page when it started. The browser itself may activate a waiting version
  // while a page loads (the previous page of a reload has gone): the files loaded after that come from
  // the new version. Until main() runs, a change of worker means: reload, entirely on the new one.
  const startController = supported ? navigator.serviceWorker.controller : null;
  function switchVersion() {
    if (W.running || W.offline.switching) return W.offline.switching;
    // Never a reload loop: at most two switches within a minute.
    const now = Date.now();
    const recent = JSON.parse(sessionStorage.getItem('passerelle-switches') || '[]').filter((t) => now - t < 60000);
    if (recent.length >= 2) return false;
    sessionStorage.setItem('passerelle-switches', JSON.stringify([...recent, now]));
    W.offline.switching = true;
    location.reload();
    return true;
  }
  if (supported) navigator.serviceWorker.addEventListener('controllerchange', () => { if (!W.running) switchVersion(); });

  W.offline = {
    supported,
    // unsupported | checking | installing | ready | update-ready | error
    state: supported ? 'checking' : 'unsupported',
    version: null, // the version serving this page (null on a first visit: the page came from the network)
    switching: false,

    // Resolves when the app may start on this page's version; never resolves when the page is about
    // to reload on a newer one (main() must not run on files of two versions).
    gate: !supported || !startController ? Promise.resolve() : (async () => {
      const reg = await navigator.serviceWorker.getRegistration().catch(() => null);
      // A reload in the same tab (or a window opened just as the last one closed): the old worker still
      // serves this page, so the waiting version is asked to take over now — once per waiting version
      // and tab session (a second deployment the same day is asked for too).
      const tried = 'passerelle-activation-tried';
      const waiting = reg && reg.waiting ? await ask(reg.waiting, { type: 'version' }) : null;
      const waitingVersion = waiting ? waiting.version : 'inconnue';
      if (reg && reg.waiting && sessionStorage.getItem(tried) !== waitingVersion) {
        sessionStorage.setItem(tried, waitingVersion);
        // Chromium activates a skipWaiting() worker only once the active one is idle, and learns that only
        // when the old worker's idle timer fires. Asking sets that timer to zero, but a request of this page
        // after the asking (a script, a preload, the favicon) restarts the old worker with the normal delay
        // (~30 s): so the page asks once its own files are loaded and the browser has fetched the favicon
        // (a quiet half-second after 'load'), and gives up after 10 s. Then this version runs whole; the
        // new one (already told to skip waiting) takes over once the old worker is idle.
        if (document.readyState !== 'complete') await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
        await new Promise((resolve) => {
          const seen = new PerformanceObserver(() => { clearTimeout(quiet); quiet = setTimeout(done, 500); });
          const cap = setTimeout(done, 3000); // a page that keeps fetching does not hold start-up longer
          let quiet = setTimeout(done, 500);
          function done() { seen.disconnect(); clearTimeout(quiet); clearTimeout(cap); resolve(); }
          seen.observe({ type: 'resource' });
        });
        const asked = performance.now();
        const answer = await ask(reg.waiting, { type: 'activate' });
        W.offline.activation = answer; // for diagnostics: {activated} or {activated: false, windows}
        // 'controllerchange' reloads the page (switchVersion); wait for it, bounded, or for the new worker to fail.
        if (answer && answer.activated) {
          const next = reg.waiting;
          const outcome = await new Promise((resolve) => {
            navigator.serviceWorker.addEventListener('controllerchange', () => resolve('controllerchange'), { once: true });
            if (next) next.addEventListener('statechange', () => { if (next.state === 'redundant') resolve('redundant'); });
            setTimeout(() => resolve('timeout'), 10000);
          });
          // Files this page fetched after asking (each kept the old worker busy): why a timeout happened.
          const late = performance.getEntriesByType('resource').filter((e) => e.startTime > asked)
            .map((e) => e.name.replace(location.origin + '/', ''));
          W.offline.activation = { ...answer, outcome, askedAt: Math.round(asked),
                                   waitedMs: Math.round(performance.now() - asked), nextState: next ? next.state : null, late };
        }
      }
      if (navigator.serviceWorker.controller !== startController && switchVersion()) return new Promise(() => {});
      // Which version serves this page (diagnostics, tests): asked on the side, start-up does not wait.
      ask(startController, { type: 'version' }, 5000).then((v) => { W.offline.version = v ? v.version : null; });
      return undefined;
    })(),

    // After the first frame, so that start-up does not share the network with the worker's downloads.
    register() {
      if (!supported) return;
      navigator.serviceWorker.register('sw.js', { updateViaCache: 'none' }).then((reg) => {
        W.offline.registration = reg;
        reg.addEventListener('updatefound', () => { if (reg.installing) follow(reg.installing); });
        if (reg.waiting && navigator.serviceWorker.controller) setState('update-ready');
        else if (reg.installing) follow(reg.installing);
        else if (reg.active) setState('ready');
        // A visit looks for a new version (the browser may already have, on navigation).
        if (navigator.serviceWorker.controller && !reg.installing && !reg.waiting) reg.update().catch(() => {});
      }, (err) => {
        setState('error');
        console.warn('Passerelle ne pourra pas fonctionner sans réseau :', err && err.message);
      });
    },
  };
})();
