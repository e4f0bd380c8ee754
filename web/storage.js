// Storage glue: IDBFS at /data loaded before main(), one batched FS.syncfs(false) per burst of writes.
//
// Status codes match platform::StorageStatus: 0 saved, 1 saving, 2 error, 3 unavailable, 4 read-only.
// Saves never overlap: a write during a save marks the data dirty and one more save follows.
// One writer across tabs: the first tab holds a Web Lock; a second one loads what was saved, says it
// is read-only and never calls FS.syncfs(false) (its save would delete the first tab's new files).
'use strict';
(function () {
  const W = (window.PasserelleWeb = window.PasserelleWeb || {});
  const CODES = { saved: 0, saving: 1, error: 2, unavailable: 3, readonly: 4 };
  const READ_ONLY = 'Passerelle est déjà ouvert dans un autre onglet : cet onglet est en lecture seule.';
  const WRITER_GONE = 'L’autre onglet de Passerelle est fermé : rechargez cette page pour modifier les dossiers ' +
    '(cet onglet reste en lecture seule jusque-là).';
  const QUOTA = 'Erreur d’enregistrement : espace de stockage plein. Vos saisies sont gardées dans cet onglet ; ' +
    'libérez de l’espace (ou exportez une sauvegarde), puis « Réessayer ».';
  const DEBOUNCE_MS = 400;
  // Continuous typing would push a pure debounce back forever: a burst is saved at the latest this
  // long after its first write, so a reload or a crash loses at most about the last second.
  const MAX_WAIT_MS = 1000;
  const LOAD_TIMEOUT_MS = 5000;
  const UNAVAILABLE =
    'Stockage indisponible dans ce navigateur (navigation privée ou stockage bloqué) : Passerelle ' +
    'fonctionne, mais ce que vous saisissez sera perdu à la fermeture de l’onglet.';

  let FS = null; // set once IDBFS is mounted and loaded
  let inFlight = false;
  let dirty = false;
  let timer = 0;
  let burstStart = 0;
  // Paths the app said it changed since the last save. While every change is known, a save writes
  // just those entries (one IndexedDB transaction) instead of FS.syncfs comparing every file and key;
  // an unknown change (storageWrite, a retry) makes the next save a full FS.syncfs.
  let changed = new Set();
  let unknownChange = false;

  const storage = (W.storage = {
    status: 'saved',
    detail: '',
    stats: { syncs: 0, failures: 0, concurrent: 0, maxConcurrent: 0, targeted: 0 },
    readOnly: false,
    writerGone: false,  // read-only tab: the writer tab has closed since (a reload makes this one the writer)
    persisted: null,    // navigator.storage.persist()'s answer once known (true / false), 'unsupported'
    persistRequests: 0, // asked at most once per page
    lastError: '',      // name of the last save error (QuotaExceededError…)
    lastSave: null,     // {startedAt, endedAt, ok} of the last FS.syncfs(false) (performance.now())
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

  // Without Web Locks (Safari before 15.4): ask the other tabs on a BroadcastChannel whether one of
  // them writes; with no answer within 300 ms this tab writes and answers the next ones. Two tabs
  // opened in the same instant could both write — Web Locks alone close that gap.
  function writerByChannel(resolve) {
    let channel = null;
    try { channel = new BroadcastChannel('passerelle-writer'); } catch (e) { channel = null; }
    if (!channel) { resolve(true); return; }
    storage.writerProtocol = 'broadcast';
    let decided = false;
    channel.onmessage = (e) => {
      if (e.data === 'writer?' && storage.isWriterTab) channel.postMessage('writer!');
      else if (e.data === 'writer!' && !decided) { decided = true; resolve(false); }
      else if (e.data === 'writer-gone' && decided && !storage.isWriterTab) {
        storage.writerGone = true;
        if (storage.status === 'readonly') setStatus('readonly', WRITER_GONE);
      }
    };
    window.addEventListener('pagehide', () => { if (storage.isWriterTab) channel.postMessage('writer-gone'); });
    channel.postMessage('writer?');
    setTimeout(() => {
      if (decided) return;
      decided = true;
      storage.isWriterTab = true;
      resolve(true);
    }, 300);
  }

  // The writer lock, asked for at once; held (never released) until the tab closes.
  const writer = new Promise((resolve) => {
    let locks = null;
    try { locks = navigator.locks; } catch (e) { locks = null; }
    if (!locks || !locks.request) { writerByChannel(resolve); return; }
    storage.writerProtocol = 'locks';
    locks.request('passerelle-writer', { ifAvailable: true }, (lock) => {
      resolve(!!lock);
      if (lock) return new Promise(() => {});
      // Read-only: wait for the writer to go, then say that a reload makes this tab the writer. The
      // lock is held meanwhile, so that a third tab stays read-only too.
      locks.request('passerelle-writer', () => {
        storage.writerGone = true;
        if (storage.status === 'readonly') setStatus('readonly', WRITER_GONE);
        return new Promise(() => {});
      }).catch(() => {});
      return undefined;
    }).catch(() => resolve(true));
  });

  // Ask once that the browser not evict our data under storage pressure (« persistent » storage).
  function requestPersistence() {
    const st = navigator.storage;
    if (!st || !st.persist || !st.persisted) { storage.persisted = 'unsupported'; return; }
    st.persisted().then((already) => {
      if (already) return true;
      storage.persistRequests++;
      return st.persist();
    }).then((granted) => { storage.persisted = !!granted; }, () => { storage.persisted = false; });
  }

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
    fs.mkdir('/attachments');
    let idb = null;
    try { idb = window.indexedDB; } catch (e) { idb = null; }
    if (!idb || !fs.filesystems.IDBFS) return;
    const IDBFS = fs.filesystems.IDBFS;
    prepared = new Promise((resolve) => {
      try {
        fs.mount(IDBFS, {}, '/data');
        fs.mount(IDBFS, {}, '/attachments'); // its own database: /data syncs never compare attachments
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
      if (!ok) setStatus('unavailable', UNAVAILABLE); // /data works as an in-memory directory
      else if (storage.readOnly) setStatus('readonly', storage.writerGone ? WRITER_GONE : READ_ONLY);
      else { FS = fs; requestPersistence(); }
      Module.removeRunDependency('passerelle-storage');
    };
    // A blocked IndexedDB may never answer: start anyway, in memory.
    const watchdog = setTimeout(() => done(false), LOAD_TIMEOUT_MS);
    Promise.all([prepared, writer]).then(([ok, isWriter]) => {
      storage.readOnly = !isWriter;
      if (!ok) { done(false); return; }
      try {
        fs.syncfs(true, (err) => done(!err));
      } catch (e) {
        done(false);
      }
    });
  };

  // Writes the entries of `paths` (and their directories) exactly as IDBFS stores them, so that a later
  // full FS.syncfs sees them as unchanged; a path that no longer exists is deleted.
  function savePaths(paths, callback) {
    const IDBFS = FS.filesystems.IDBFS;
    const byMount = new Map();
    for (const path of paths) {
      const mount = path.startsWith('/attachments/') ? '/attachments' : '/data';
      if (!byMount.has(mount)) byMount.set(mount, new Set());
      const set = byMount.get(mount);
      for (let dir = path.slice(0, path.lastIndexOf('/')); dir.length > mount.length; dir = dir.slice(0, dir.lastIndexOf('/'))) set.add(dir);
      set.add(path);
    }
    let pending = byMount.size;
    let failed = null;
    const finish = (err) => {
      if (err && !failed) failed = err;
      if (--pending === 0) callback(failed);
    };
    for (const [mount, set] of byMount) {
      IDBFS.getDB(mount, (err, db) => {
        if (err) { finish(err); return; }
        let tx;
        try { tx = db.transaction([IDBFS.DB_STORE_NAME], 'readwrite'); } catch (e) { finish(e); return; }
        let error = null;
        tx.oncomplete = () => finish(error);
        tx.onerror = (e) => { error = error || tx.error; e.preventDefault(); };
        tx.onabort = () => finish(error || tx.error || new Error('transaction annulée'));
        const store = tx.objectStore(IDBFS.DB_STORE_NAME);
        try {
          for (const path of [...set].sort()) {
            if (FS.analyzePath(path).exists) {
              IDBFS.loadLocalEntry(path, (e, entry) => { if (e) throw e; store.put(entry, path); });
            } else {
              store.delete(path);
            }
          }
        } catch (e) {
          error = e;
          try { tx.abort(); } catch (_) { /* already finished */ }
        }
      });
    }
  }

  function runSave() {
    timer = 0;
    if (!FS || !dirty) return;
    if (inFlight) return; // the running save's callback starts the next one
    inFlight = true;
    dirty = false;
    storage.stats.syncs++;
    storage.stats.concurrent++;
    storage.stats.maxConcurrent = Math.max(storage.stats.maxConcurrent, storage.stats.concurrent);
    const startedAt = performance.now();
    const targeted = !unknownChange && changed.size > 0;
    const paths = changed;
    changed = new Set();
    unknownChange = false;
    if (targeted) storage.stats.targeted++;
    const save = targeted ? (cb) => savePaths(paths, cb) : (cb) => FS.syncfs(false, cb);
    save((err) => {
      if (err) unknownChange = true; // what failed is found again by the next full comparison
      storage.lastSave = { startedAt, endedAt: performance.now(), ok: !err };
      storage.stats.concurrent--;
      inFlight = false;
      if (err) {
        storage.stats.failures++;
        storage.lastError = (err && err.name) || String(err);
        setStatus('error', storage.lastError === 'QuotaExceededError' ? QUOTA :
          'Erreur d’enregistrement : le navigateur a refusé d’écrire (espace plein ou stockage ' +
          'bloqué ?). La prochaine modification réessaiera.');
      } else {
        storage.lastError = '';
      }
      if (dirty) {
        if (!timer) runSave();
      } else if (!err) {
        setStatus('saved');
      }
    });
  }

  // A file under /data changed: save once the burst of writes is over.
  storage.requestSave = function (paths) {
    if (!FS) return;
    if (Array.isArray(paths) && paths.length) paths.forEach((p) => changed.add(p));
    else unknownChange = true;
    dirty = true;
    setStatus('saving');
    const now = performance.now();
    if (!timer) burstStart = now;
    clearTimeout(timer);
    timer = setTimeout(runSave, Math.max(0, Math.min(DEBOUNCE_MS, burstStart + MAX_WAIT_MS - now)));
  };

  // Save now (the page is being hidden or closed: the tab may not wait for IndexedDB).
  storage.flush = function () {
    if (!FS || !dirty) return;
    clearTimeout(timer);
    timer = 0;
    runSave();
  };

  // « Réessayer » after an error: everything is compared again, so what failed is written now.
  storage.retry = function () {
    if (!FS) return;
    dirty = true;
    unknownChange = true;
    setStatus('saving');
    clearTimeout(timer);
    timer = 0;
    runSave();
  };

  // The page is going away: the app writes its dossier index first (cheap next start-up), then one save.
  function hiding() {
    const M = window.Module;
    if (FS && M && M.calledRun && M._passerelle_storage_hiding) {
      try { M._passerelle_storage_hiding(); } catch (e) { /* the save below still runs */ }
    }
    storage.flush();
  }
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') hiding();
  });
  window.addEventListener('pagehide', hiding);
})();
