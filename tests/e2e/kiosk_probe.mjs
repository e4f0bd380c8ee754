// Probes shared by kiosk.test.mjs and offline.test.mjs: raw IndexedDB and /data contents, CSP violations, every request.
import fs from 'node:fs';
import path from 'node:path';

// Every database and object store of the origin, read raw: keys and values as text (byte arrays
// decoded as UTF-8, the way IDBFS stores file contents), so that a search sees every stored byte.
export function rawIndexedDb(page) {
  return page.evaluate(async () => {
    const dec = new TextDecoder('utf-8', { fatal: false });
    const asText = async (v) => {
      if (v === null || v === undefined) return String(v);
      if (v instanceof ArrayBuffer) return dec.decode(new Uint8Array(v));
      if (ArrayBuffer.isView(v)) return dec.decode(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      if (v instanceof Blob) return v.text();
      if (v instanceof Date) return v.toISOString();
      if (Array.isArray(v)) return (await Promise.all(v.map(asText))).join('\n');
      if (typeof v === 'object') {
        const parts = await Promise.all(Object.entries(v).map(async ([k, x]) => `${k}=${await asText(x)}`));
        return parts.join('\n');
      }
      return String(v);
    };
    const done = (req) => new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out = [];
    for (const info of await indexedDB.databases()) {
      const db = await done(indexedDB.open(info.name));
      for (const name of Array.from(db.objectStoreNames)) {
        const store = db.transaction(name, 'readonly').objectStore(name);
        const [keys, values] = await Promise.all([done(store.getAllKeys()), done(store.getAll())]);
        out.push({ db: info.name, store: name, keys: keys.map(String), text: (await Promise.all([...keys, ...values].map(asText))).join('\n') });
      }
      db.close();
    }
    return out;
  });
}

// Every file under the IDBFS mounts of the running app (/data, /attachments), path and content as text.
export function fileTree(page) {
  return page.evaluate(() => {
    const FS = window.Module.FS;
    const dec = new TextDecoder('utf-8', { fatal: false });
    const out = [];
    const walk = (dir) => {
      if (!FS.analyzePath(dir).exists) return;
      for (const n of FS.readdir(dir)) {
        if (n === '.' || n === '..') continue;
        const p = `${dir}/${n}`;
        if (FS.isDir(FS.stat(p).mode)) walk(p);
        else out.push({ path: p, text: dec.decode(FS.readFile(p)) });
      }
    };
    walk('/data');
    walk('/attachments');
    return out;
  });
}

// The typed values found in `haystacks` ([{text, …}] or strings): [] when none.
export function findValues(haystacks, values) {
  const found = [];
  for (const h of haystacks) {
    const text = typeof h === 'string' ? h : `${h.path || `${h.db}/${h.store}`}\n${h.text}`;
    for (const v of values) if (text.includes(v)) found.push(`${v} dans ${typeof h === 'string' ? 'la page' : (h.path || `${h.db}/${h.store}`)}`);
  }
  return found;
}

// CSP violations: the page's securitypolicyviolation events (recorded from the first script on) and
// Chromium's console reports. Call before the first navigation.
export async function watchCsp(context) {
  const messages = [];
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const onPage = (page) => page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) messages.push(m.text());
  });
  context.pages().forEach(onPage);
  context.on('page', onPage);
  return {
    messages,
    async violations(page) {
      const events = await page.evaluate(() => window.__cspViolations || []);
      return [...events, ...messages];
    },
  };
}

// Every request the browser makes (pages and service worker), with where it came from.
export function recordRequests(context) {
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), sw: !!r.serviceWorker?.() }));
  return requests;
}

// The files of a built app, relative to its dist (what the service worker may fetch).
export function distFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

// Requests that are not a GET of one of the app's own files on the app's origin ([] when all are).
export function foreignRequests(requests, origin, files) {
  const own = new Set(files.map((f) => `/${f}`));
  return requests.filter((r) => {
    const u = new URL(r.url);
    if (u.origin !== origin || r.method !== 'GET') return true;
    return !(u.pathname === '/' || own.has(u.pathname));
  }).map((r) => `${r.method} ${r.url}`);
}
