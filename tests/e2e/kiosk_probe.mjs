// Probes shared by kiosk.test.mjs and offline.test.mjs: raw IndexedDB and /data contents, the wasm heap, CSP violations, every request.
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

// How many times each of `values` occurs in the running app's wasm heap (live or freed memory alike),
// in each encoding the app's code may hold text in: UTF-8 (std::string, ImGui's TextA), UTF-16LE
// (ImGui's TextW, ImWchar16) and UTF-32LE (wchar_t, code points). {} when none is found.
export function heapCopies(page, values) {
  return page.evaluate((vals) => {
    const encodings = {
      'utf-8': (s) => new TextEncoder().encode(s),
      'utf-16le': (s) => {
        const out = new Uint8Array(s.length * 2);
        for (let i = 0; i < s.length; i++) { out[2 * i] = s.charCodeAt(i) & 0xff; out[2 * i + 1] = s.charCodeAt(i) >> 8; }
        return out;
      },
      'utf-32le': (s) => {
        const cps = Array.from(s, (c) => c.codePointAt(0));
        const out = new Uint8Array(cps.length * 4);
        cps.forEach((cp, i) => { out[4 * i] = cp & 0xff; out[4 * i + 1] = (cp >> 8) & 0xff; out[4 * i + 2] = cp >> 16; });
        return out;
      },
    };
    const heap = window.Module.HEAPU8;
    const found = {};
    for (const v of vals) {
      for (const [name, encode] of Object.entries(encodings)) {
        const needle = encode(v);
        let n = 0;
        for (let i = heap.indexOf(needle[0]); i >= 0 && i + needle.length <= heap.length; i = heap.indexOf(needle[0], i + 1)) {
          let j = 1;
          while (j < needle.length && heap[i + j] === needle[j]) j++;
          if (j === needle.length) n++;
        }
        if (n) found[`${v} (${name})`] = n;
      }
    }
    return found;
  }, values);
}

// Waits for `fn` to be true in the page, across the navigations the page does on its own (an
// evaluate during one throws: tried again).
export async function until(page, fn, what, timeoutMs = 30000, arg = undefined) {
  const start = Date.now();
  for (;;) {
    try {
      if (await page.evaluate(fn, arg)) return;
    } catch { /* the page is navigating: try again */ }
    if (Date.now() - start > timeoutMs) throw new Error(`${what} : toujours pas après ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
