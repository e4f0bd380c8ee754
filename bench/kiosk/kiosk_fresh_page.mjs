// Kiosk benchmark (not a test): time from « Terminer ma session » to the fresh kiosk home drawn, in headless Chromium.
//   node bench/kiosk/kiosk_fresh_page.mjs [--dist DIR] [--runs 5] [--dossiers 0,1000] [--json OUT]
// The app is served by its service worker (as on a kiosk after its first visit). Each run: a visitor
// opens the self-check, then presses « Terminer ma session »; measured from just before the click
// (node's clock) to the new page's first frame (its performance.timeOrigin + first frame), split
// into « until the new page starts » (wipe, checkpoint, save, unload) and « new page to first frame ».
// Run once per number of establishment dossiers stored on the device (start-up reads their index).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, repoRoot } from '../../tests/e2e/browser.mjs';
import { until } from '../../tests/e2e/kiosk_probe.mjs';
import { serve } from '../../web/serve.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const dist = path.resolve(opt('--dist', path.join(repoRoot, 'build', 'web', 'dist')));
const runs = Number(opt('--runs', '5'));
const dossierCounts = opt('--dossiers', '0,1000').split(',').map(Number);
const jsonOut = opt('--json', null);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;
const appUp = () => !!(window.passerelle && window.PasserelleWeb && window.PasserelleWeb.frames.count > 0);

async function clickWidget(page, name) {
  await page.evaluate(() => window.passerelle.idle());
  const r = await page.evaluate((n) => window.passerelle.rect(n), name);
  if (!r) throw new Error(`le widget "${name}" n'est pas affiché`);
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
}

async function measure(server, dossiers) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 }, locale: 'fr-FR', timezoneId: 'Europe/Paris',
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    await page.goto(server.url);
    await until(page, appUp, 'premier dessin');
    await until(page, () => window.PasserelleWeb.offline.state === 'ready', 'service worker prêt');
    if (dossiers) {
      await page.evaluate((n) => {
        for (let i = 0; i < n; i++) window.passerelle.dossiers.create('stage-seconde', { on: '2026-05-04' }, 'lycee');
      }, dossiers);
      await page.evaluate(() => window.passerelle.storageSettled(60000));
    }
    await page.goto(`${server.url}?borne=1`);
    await until(page, appUp, 'la borne');
    const out = { dossiers, totalMs: [], untilNewPageMs: [], newPageToFrameMs: [] };
    for (let i = 0; i < runs + 1; i++) { // the first run warms the service worker up: not counted
      await clickWidget(page, 'borne.droits');
      await page.evaluate(() => window.passerelle.idle());
      await page.evaluate(() => { window.__visitorPage = true; });
      const r = await page.evaluate(() => window.passerelle.rect('kiosk.end'));
      const t0 = performance.timeOrigin + performance.now();
      await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
      await until(page, () => !window.__visitorPage && window.passerelle && window.PasserelleWeb.frames.count > 0,
        'la page neuve', 30000);
      const fresh = await page.evaluate(() => ({
        origin: performance.timeOrigin, first: window.PasserelleWeb.frames.first,
        view: window.passerelle.state().view, kiosk: window.passerelle.state().kiosk.active,
      }));
      if (fresh.view !== 'borne' || !fresh.kiosk) throw new Error(`page neuve inattendue : ${JSON.stringify(fresh)}`);
      if (i === 0) continue;
      out.totalMs.push(round(fresh.origin + fresh.first - t0));
      out.untilNewPageMs.push(round(fresh.origin - t0));
      out.newPageToFrameMs.push(round(fresh.first));
    }
    out.totalMedianMs = median(out.totalMs);
    out.untilNewPageMedianMs = median(out.untilNewPageMs);
    out.newPageToFrameMedianMs = median(out.newPageToFrameMs);
    return out;
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const server = await serve({ root: dist, port: 0 });
const result = {
  date: new Date().toISOString(), dist, runs, load: os.loadavg()[0],
  machine: `${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  configurations: [],
};
try {
  for (const n of dossierCounts) {
    const r = await measure(server, n);
    result.configurations.push(r);
    console.log(`${n} dossiers : « Terminer » → accueil dessiné, médiane ${r.totalMedianMs} ms ` +
      `(jusqu’à la page neuve ${r.untilNewPageMedianMs} ms, puis premier dessin ${r.newPageToFrameMedianMs} ms) ` +
      `— ${JSON.stringify(r.totalMs)}`);
  }
} finally {
  await server.close();
}
if (jsonOut) {
  fs.mkdirSync(path.dirname(jsonOut), { recursive: true });
  fs.writeFileSync(jsonOut, JSON.stringify(result, null, 2));
}
