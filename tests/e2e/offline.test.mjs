// Offline: the service worker caches the app on the first visit, the app then starts with the server stopped; a new version is announced, then applied whole.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CONTENT_SECURITY_POLICY, serve } from '../../web/serve.mjs';
import { click, distDir, launch, openApp, repoRoot, screenshot } from './browser.mjs';
import { distFiles, foreignRequests, recordRequests, watchCsp } from './kiosk_probe.mjs';

const state = (page) => page.evaluate(() => window.passerelle.state());
const idle = (page) => page.evaluate(() => window.passerelle.idle());
const offline = (page) => page.evaluate(() => ({ ...window.PasserelleWeb.offline, registration: undefined }));
const marker = (page) => page.evaluate(() => document.querySelector('meta[name="passerelle-test-version"]')?.content || null);
const cacheNames = (page) => page.evaluate(() => caches.keys());

// Waits for `fn` to be true in the page, across reloads the page may do on its own.
async function until(page, fn, what, timeoutMs = 30000) {
  const start = Date.now();
  for (;;) {
    try {
      if (await page.evaluate(fn)) return;
    } catch { /* the page is navigating: try again */ }
    if (Date.now() - start > timeoutMs) assert.fail(`${what} : toujours pas après ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const appUp = () => !!(window.passerelle && window.PasserelleWeb && window.PasserelleWeb.frames.count > 0);

describe('Hors ligne', () => {
  let dist;
  let server;
  let port;
  let browser;
  let page;
  let csp;
  let requests;
  let firstVersion;
  const navigations = [];

  before(async () => {
    // A copy of the built app: the version test changes it.
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-offline-'));
    fs.cpSync(distDir(), dist, { recursive: true });
    server = await serve({ root: dist, port: 0 });
    port = new URL(server.url).port;
    browser = await launch({ viewport: { width: 1100, height: 800 } });
    csp = await watchCsp(browser.context);
    requests = recordRequests(browser.context);
    page = browser.context.pages()[0] || (await browser.context.newPage());
    page.on('load', () => navigations.push(page.url()));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dist) fs.rmSync(dist, { recursive: true, force: true });
  });

  test('la première visite met en cache chaque fichier de l’application (liste générée, version)', async () => {
    const errors = await openApp(page, server.url);
    await until(page, () => window.PasserelleWeb.offline.state === 'ready', 'service worker prêt');
    const sw = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8');
    firstVersion = sw.match(/const VERSION = '([0-9a-f]{16})'/)?.[1];
    assert.ok(firstVersion, 'dist/sw.js porte une version générée');
    const files = distFiles(dist).filter((f) => f !== 'sw.js').sort();
    for (const f of files) assert.ok(sw.includes(`'${f}'`), `${f} est dans la liste du service worker`);
    assert.deepEqual(await cacheNames(page), [`passerelle-${firstVersion}`]);
    const cached = await page.evaluate(async (name) => {
      const c = await caches.open(name);
      return (await c.keys()).map((r) => new URL(r.url).pathname.slice(1)).sort();
    }, `passerelle-${firstVersion}`);
    assert.deepEqual(cached, files);
    assert.deepEqual(errors, []);
  });

  test('serveur arrêté, rechargement : l’application démarre et le questionnaire fonctionne', async () => {
    await server.close();
    server = null;
    await assert.rejects(fetch(`http://127.0.0.1:${port}/index.html`), 'le serveur est bien arrêté');
    await page.reload();
    await until(page, appUp, 'premier dessin hors ligne');
    await idle(page);
    const o = await offline(page);
    assert.equal(o.version, firstVersion, 'la page vient du cache de cette version');
    await screenshot(page, 'offline-reload.png');
    await click(page, 'door.droits');
    await click(page, 'droits.start');
    let w = (await state(page)).wizard;
    assert.equal(w.screen, 'q');
    assert.equal(w.question, 'requester');
    await click(page, 'droits.choice.eleve');
    w = (await state(page)).wizard;
    assert.equal(w.screen, 'q');
    assert.notEqual(w.question, 'requester', 'la question suivante vient du moteur, sans réseau');
    assert.deepEqual(await csp.violations(page), []);
  });

  test('une nouvelle version est annoncée à la visite suivante et appliquée à celle d’après, jamais à moitié', async () => {
    // The « new version »: the page changes, and the build step regenerates the worker's list and version.
    const index = path.join(dist, 'index.html');
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('<title>', '<meta name="passerelle-test-version" content="2">\n<title>'));
    execFileSync('cmake', [`-DDIST=${dist}`, `-DTEMPLATE=${path.join(repoRoot, 'web', 'sw.js')}`, '-P', path.join(repoRoot, 'web', 'precache.cmake')]);
    const secondVersion = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8').match(/const VERSION = '([0-9a-f]{16})'/)[1];
    assert.notEqual(secondVersion, firstVersion);
    server = await serve({ root: dist, port: Number(port) }); // same origin: same service worker, same storage

    // Next visit: still the old version, whole — and the new one is announced.
    await page.reload();
    await until(page, appUp, 'premier dessin');
    await until(page, () => window.PasserelleWeb.offline.state === 'update-ready', 'nouvelle version annoncée');
    assert.equal(await marker(page), null, 'la page annoncée tourne encore sur l’ancienne version');
    assert.equal((await offline(page)).version, firstVersion);
    assert.equal(await page.evaluate(() => document.getElementById('update').hidden), false);
    assert.match(await page.evaluate(() => document.getElementById('update').innerText),
      /Une nouvelle version est prête : elle s’appliquera au prochain démarrage/);
    await screenshot(page, 'offline-update-ready.png');

    // The next start (the kiosk's browser reopened: no window of the old version left): the new version,
    // whole. If the browser activates it while the page loads, the page reloads before the app runs.
    // Chromium may still count the closed window when the new one opens: then the page starts on the old
    // worker and asks the waiting one to take over (web/offline.js), as a reload in the same tab does.
    await page.close();
    page = await browser.context.newPage();
    page.on('load', () => navigations.push(page.url()));
    const before = navigations.length;
    await page.goto(server.url);
    await until(page, () => window.PasserelleWeb.frames.count > 0 && window.PasserelleWeb.offline.version !== null,
      'démarrage sur la nouvelle version');
    await idle(page);
    if (await marker(page) !== '2') {
      // Diagnostics: what the page asked, and where each worker stands now.
      const seen = await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        const w = (x) => x && { state: x.state, url: x.scriptURL };
        const inflight = performance.getEntriesByType('resource').filter((e) => !e.responseEnd).map((e) => e.name);
        return { inflight, activation: window.PasserelleWeb.offline.activation, controller: w(navigator.serviceWorker.controller),
                 active: w(reg && reg.active), waiting: w(reg && reg.waiting), installing: w(reg && reg.installing) };
      });
      assert.fail(`toujours l’ancienne version : ${JSON.stringify(seen)}, ${navigations.length - before} chargements`);
    }
    const o = await offline(page);
    assert.equal(o.version, secondVersion);
    assert.equal(await page.evaluate(() => document.getElementById('update').hidden), true, 'plus d’annonce');
    assert.deepEqual(await cacheNames(page), [`passerelle-${secondVersion}`], 'l’ancien cache est supprimé');
    assert.ok(navigations.length - before <= 2, `${navigations.length - before} chargements`);
    assert.equal((await state(page)).view, 'home');
  });

  test('rechargement dans le même onglet : la version suivante prend la main avant le démarrage, en quelques secondes', async () => {
    // The page being reloaded keeps the old worker until the new page has loaded: the new page asks the
    // waiting version to take over (skipWaiting) once its own files and the favicon are fetched, then reloads.
    const index = path.join(dist, 'index.html');
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('content="2"', 'content="3"'));
    execFileSync('cmake', [`-DDIST=${dist}`, `-DTEMPLATE=${path.join(repoRoot, 'web', 'sw.js')}`, '-P', path.join(repoRoot, 'web', 'precache.cmake')]);
    const thirdVersion = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8').match(/const VERSION = '([0-9a-f]{16})'/)[1];
    await page.evaluate(() => window.PasserelleWeb.offline.registration.update());
    await until(page, () => window.PasserelleWeb.offline.state === 'update-ready', 'version 3 annoncée');
    assert.equal(await marker(page), '2');
    const started = Date.now();
    await page.reload();
    await until(page, () => window.PasserelleWeb.frames.count > 0 && window.PasserelleWeb.offline.version !== null,
      'démarrage après rechargement');
    await idle(page);
    const took = Date.now() - started;
    const seen = await page.evaluate(() => ({ marker: document.querySelector('meta[name="passerelle-test-version"]')?.content || null,
      version: window.PasserelleWeb.offline.version }));
    assert.deepEqual(seen, { marker: '3', version: thirdVersion }, `après ${took} ms`);
    assert.deepEqual(await cacheNames(page), [`passerelle-${thirdVersion}`]);
    assert.ok(took < 20000, `${took} ms`);
  });

  test('aucune requête hors des fichiers de l’application ; CSP stricte, en-tête compris, zéro violation', async () => {
    const origin = server.url.replace(/\/$/, '');
    const files = distFiles(dist);
    assert.ok(requests.length > 10, `${requests.length} requêtes enregistrées`);
    assert.deepEqual(foreignRequests(requests, origin, files), []);
    assert.deepEqual(await csp.violations(page), []);
    const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content);
    assert.ok(meta, 'la page porte sa CSP');
    for (const d of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "connect-src 'self'",
      "object-src 'none'", "base-uri 'none'"]) assert.ok(meta.includes(d), d);
    assert.doesNotMatch(meta, /unsafe-inline|'unsafe-eval'/);
    assert.equal(`${meta}; frame-ancestors 'none'`, CONTENT_SECURITY_POLICY, 'l’en-tête du serveur est la même politique');
    const res = await fetch(`${origin}/`);
    assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    // No inline script or style anywhere in the page.
    const inline = await page.evaluate(() => ({
      scripts: Array.from(document.scripts).filter((s) => !s.src).length,
      styles: document.querySelectorAll('style').length,
    }));
    assert.deepEqual(inline, { scripts: 0, styles: 0 });
  });
});
