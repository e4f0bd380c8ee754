// Service worker: caches every file of the app at install (list and version generated at build time), serves cache-first.
//
// This file is a template: web/precache.cmake writes dist/sw.js with FILES (every file of dist) and
// VERSION (a hash of their contents) filled in, so a changed file makes a new version — no list kept by hand.
// A version never mixes with another: the new one installs into its own cache and waits; the page
// (web/offline.js) announces it and switches to it only at the next start, before the app runs.
'use strict';

const VERSION = '@PASSERELLE_VERSION@';
const FILES = [/* @PASSERELLE_FILES@ */];
const PREFIX = 'passerelle-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) =>
    // cache: 'reload' — from the server itself, never an older copy from the HTTP cache.
    cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(
    names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)))));
});

self.addEventListener('message', (event) => {
  const msg = event.data || {};
  const reply = (answer) => { if (event.ports[0]) event.ports[0].postMessage(answer); };
  if (msg.type === 'version') {
    reply({ version: VERSION, files: FILES.length });
  } else if (msg.type === 'activate') {
    // Only when the asking page is the app's only window: another window still runs the old version
    // and could later fetch a file of the new one.
    event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      if (windows.length > 1) { reply({ activated: false, windows: windows.length }); return undefined; }
      // Activation itself waits for the old worker's fetches in flight: the page hears of it through
      // 'controllerchange', not through this answer.
      reply({ activated: true });
      return self.skipWaiting();
    }));
  }
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    // Any address of the app (« /?borne=1 », « /#droits/q2 ») is the one page.
    const hit = req.mode === 'navigate' ? await cache.match('index.html')
                                        : await cache.match(req, { ignoreSearch: true });
    return hit || fetch(req);
  }));
});
