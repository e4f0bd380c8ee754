// Storage glue: IDBFS at /data loaded before main(), one batched FS.syncfs(false) per burst of writes.
//
// Status codes match platform::StorageStatus: 0 saved, 1 saving, 2 error, 3 unavailable.
// Saves never overlap: a write during a save marks the data dirty and one more save follows.
'use strict';
(function () {
  const W = (window.PasserelleWeb = window.PasserelleWeb || {});
  const CODES = { saved: 0, saving: 1, error: 2, unavailable: 3 };
  const DEBOUNCE_MS = 400;
  const LOAD_TIMEOUT_MS = 5000;
  const UNAVAILABLE =
    'Stockage indisponible dans ce navigateur (navigation privée ou stockage bloqué) : Passerelle ' +
    'fonctionne, mais ce que vous saisissez sera perdu à la fermeture de l’onglet.';

  let FS = null; // set once IDBFS is mounted and loaded
  let inFlight = false;
  let dirty = false;
  let timer = 0;

  const storage = (W.storage = {
    status: 'saved',
    detail: '',
    stats: { syncs: 0, failures: 0, concurrent: 0, maxConcurrent: 0 },
    code() { return CODES[storage.status]; },
    // True while a save is scheduled or running.
    busy() { return inFlight || dirty || timer !== 0; },
  });

  function setStatus(status, detail) {
    if (storage.status === status && storage.detail === (detail || '')) return;
    storage.status = status;
    storage.detail = detail || '';
    W.wake();
  }

  let prepared = Promise.resolve(false);

  // Opening (on a first visit, creating) the database is the slowest step of start-up, so it starts
  // as soon as this script runs, with the schema Emscripten's IDBFS uses (checked in prepare()).
  const IDBFS_VERSION = 21;
  const IDBFS_STORE = 'FILE_DATA';
  const earlyDb = new Promise((resolve) => {
    let req = null;
    try { req = window.indexedDB ? window.indexedDB.open('/data', IDBFS_VERSION) : null; } catch (e) { req = null; }
    if (!req) { resolve(null); return; }
    req.onupgradeneeded = (e) => {
      const db = e.target.result;
      const store = db.objectStoreNames.contains(IDBFS_STORE)
        ? e.target.transaction.objectStore(IDBFS_STORE) : db.createObjectStore(IDBFS_STORE);
      if (!store.indexNames.contains('timestamp')) store.createIndex('timestamp', 'timestamp', { unique: false });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = (e) => { e.preventDefault(); resolve(null); };
    req.onblocked = () => resolve(null);
  });

  // preInit (the wasm is still compiling): mount IDBFS and open its database, which takes a while
  // on a first visit (the database is created). IDBFS keeps the connection for syncfs.
  storage.prepare = function (Module) {
    const fs = Module.FS;
    fs.mkdir('/data');
    let idb = null;
    try { idb = window.indexedDB; } catch (e) { idb = null; }
    if (!idb || !fs.filesystems.IDBFS) return;
    const IDBFS = fs.filesystems.IDBFS;
    prepared = new Promise((resolve) => {
      try {
        fs.mount(IDBFS, {}, '/data');
      } catch (e) {
        resolve(false);
        return;
      }
      earlyDb.then((db) => {
        if (db && IDBFS.DB_VERSION === IDBFS_VERSION && IDBFS.DB_STORE_NAME === IDBFS_STORE && !IDBFS.dbs['/data']) {
          IDBFS.dbs['/data'] = db; // IDBFS reuses a cached connection
        } else if (db) {
          db.close();
        }
        IDBFS.getDB('/data', (err) => resolve(!err));
      });
    });
  };

  // preRun: load /data from IndexedDB, holding main() back with a run dependency until it is done.
  storage.load = function (Module) {
    const fs = Module.FS;
    Module.addRunDependency('passerelle-storage');
    let settled = false;
    const done = (ok) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      W.mark('storage');
      if (ok) FS = fs;
      else setStatus('unavailable', UNAVAILABLE); // /data works as an in-memory directory
      Module.removeRunDependency('passerelle-storage');
    };
    // A blocked IndexedDB may never answer: start anyway, in memory.
    const watchdog = setTimeout(() => done(false), LOAD_TIMEOUT_MS);
    prepared.then((ok) => {
      if (!ok) { done(false); return; }
      try {
        fs.syncfs(true, (err) => done(!err));
      } catch (e) {
        done(false);
      }
    });
  };

  function runSave() {
    timer = 0;
    if (!FS || !dirty) return;
    if (inFlight) return; // the running save's callback starts the next one
    inFlight = true;
    dirty = false;
    storage.stats.syncs++;
    storage.stats.concurrent++;
    storage.stats.maxConcurrent = Math.max(storage.stats.maxConcurrent, storage.stats.concurrent);
    FS.syncfs(false, (err) => {
      storage.stats.concurrent--;
      inFlight = false;
      if (err) {
        storage.stats.failures++;
        setStatus('error', 'Erreur d’enregistrement : le navigateur a refusé d’écrire (espace plein ou stockage ' +
          'bloqué ?). La prochaine modification réessaiera.');
      }
      if (dirty) {
        if (!timer) runSave();
      } else if (!err) {
        setStatus('saved');
      }
    });
  }

  // A file under /data changed: save once the burst of writes is over.
  storage.requestSave = function () {
    if (!FS) return;
    dirty = true;
    setStatus('saving');
    clearTimeout(timer);
    timer = setTimeout(runSave, DEBOUNCE_MS);
  };

  // Save now (the page is being hidden or closed: the tab may not wait for IndexedDB).
  storage.flush = function () {
    if (!FS || !dirty) return;
    clearTimeout(timer);
    timer = 0;
    runSave();
  };

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') storage.flush();
  });
  window.addEventListener('pagehide', () => storage.flush());
})();
