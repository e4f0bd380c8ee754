// Workspace benchmark (not a test): frame time while the 10,000-row dossier table scrolls, and filter / search times, in headless Chromium.
//   node bench/workspace/workspace.mjs [--dist DIR] [--count 10000] [--frames 200] [--json OUT]
// Frame cost = CPU time of each app frame (the requestAnimationFrame callback that runs ImGui, builds the
// draw lists and issues the WebGL calls), measured by wrapping requestAnimationFrame before the app loads.
// Also the interval between frames while input streams in (one wheel notch or key press per frame).
import { distOption, openBench, option, waitReady } from '../browser_bench.mjs';

const dist = distOption();
const count = Number(option('--count', '10000'));
const frames = Number(option('--frames', '200'));

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
};
const round = (x) => Math.round(x * 100) / 100;
const stats = (xs) => ({ n: xs.length, medianMs: round(quantile(xs, 0.5)), p95Ms: round(quantile(xs, 0.95)), maxMs: round(Math.max(...xs)) });

const { server, context, result, finish, report } = await openBench({
  dist, name: 'workspace', extra: { count }, contextOptions: { timezoneId: 'Europe/Paris' },
});
// Before any script of the page: every animation-frame callback timed (the app draws only in those).
await context.addInitScript(() => {
  const raf = window.requestAnimationFrame.bind(window);
  window.__bench = { cpu: [], at: [], on: false };
  window.requestAnimationFrame = (cb) => raf((t) => {
    const s = performance.now();
    cb(t);
    if (window.__bench.on) {
      window.__bench.cpu.push(performance.now() - s);
      window.__bench.at.push(s);
    }
  });
});
const ws = (page) => page.evaluate(() => JSON.parse(window.Module.UTF8ToString(window.Module._passerelle_workspace_state_json())));
const idle = (page) => page.evaluate(() => window.passerelle.idle());
const rect = (page, n) => page.evaluate((name) => window.passerelle.rect(name), n);
async function clickName(page, n) {
  await idle(page);
  const r = await rect(page, n);
  if (!r) throw new Error(`${n} absent`);
  // The pointer rests a frame on the widget first: a combo pressed in the frame the pointer arrives closes again.
  await page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
  await idle(page);
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  await idle(page);
}
// Runs `step` `n` times, each waiting for the frame it caused, and returns the frames' CPU times and intervals.
async function measure(page, n, step) {
  await idle(page);
  await page.evaluate(() => { window.__bench.cpu = []; window.__bench.at = []; window.__bench.on = true; });
  for (let i = 0; i < n; i++) {
    await step(i);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  }
  await idle(page);
  const b = await page.evaluate(() => { window.__bench.on = false; return { cpu: window.__bench.cpu, at: window.__bench.at }; });
  const gaps = b.at.slice(1).map((t, i) => t - b.at[i]).filter((g) => g < 200); // pauses between inputs left out
  return { cpu: stats(b.cpu), interval: stats(gaps) };
}

try {
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(server.url);
  await waitReady(page);
  const t0 = Date.now();
  const made = await page.evaluate((n) => window.Module._passerelle_bench_workspace_fill(n), count);
  result.fillMs = Date.now() - t0;
  console.log(`${made} dossiers créés dans la page en ${result.fillMs} ms`);

  // Opening the workspace builds the table's index once (10,000 summaries, titles folded).
  await clickName(page, 'door.etablissement');
  let w = await ws(page);
  if (w.table.total !== made) throw new Error(`tableau : ${w.table.total} dossiers au lieu de ${made}`);
  result.open = { indexMs: round(w.table.indexMs), firstQueryMs: round(w.table.queryMs) };
  console.log(`ouverture de l’espace : index des ${made} résumés ${result.open.indexMs} ms, premier tri ${result.open.firstQueryMs} ms`);

  // Idle redraws of a still table: the cache must make them cheap (no recomputation per frame).
  const r0 = await rect(page, 'etab.row.0');
  await page.mouse.move(r0.x + 300, r0.y + 200);
  result.hover = await measure(page, frames, async (i) => page.mouse.move(r0.x + 300 + (i % 2), r0.y + 200));
  const wAfterHover = await ws(page);
  result.hover.queriesDuring = wAfterHover.table.queries - w.table.queries;

  // Mouse wheel: one notch per frame over the table.
  result.wheel = await measure(page, frames, async () => page.mouse.wheel(0, 120));
  // Keyboard: Tab from the search box to the first row, then ↓ one row per frame.
  await page.mouse.wheel(0, -1e6);
  await clickName(page, 'etab.search');
  await page.keyboard.press('Tab');
  await idle(page);
  result.keyboard = await measure(page, frames, async () => page.keyboard.press('ArrowDown'));
  w = await ws(page);
  result.keyboard.focusedRow = w.table.focusedRow;
  for (const k of ['hover', 'wheel', 'keyboard']) {
    console.log(`${k === 'hover' ? 'survol (tableau immobile)' : k === 'wheel' ? 'défilement à la molette' : 'défilement au clavier (↓)'} : ` +
      `CPU par image médiane ${result[k].cpu.medianMs} ms, p95 ${result[k].cpu.p95Ms} ms, max ${result[k].cpu.maxMs} ms (${result[k].cpu.n} images) ; ` +
      `intervalle médian ${result[k].interval.medianMs} ms, p95 ${result[k].interval.p95Ms} ms`);
  }

  // Filter: a scheme chosen in the combo (rows recomputed once), then the search typed letter by letter.
  const filter = [];
  // Keyboard navigation left ImGui ignoring the pointer until it moves: leave the table first.
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);
  await idle(page);
  for (let rep = 0; rep < 5; rep++) {
    for (let attempt = 0; attempt < 3; attempt++) {
      await clickName(page, 'etab.filter.scheme');
      if (await rect(page, `etab.filter.scheme.${rep % 3}`)) break;
    }
    await clickName(page, `etab.filter.scheme.${rep % 3}`);
    w = await ws(page);
    // Known problem (see the report): after the keyboard run the combo's item is sometimes not taken.
    if (w.table.query.scheme) filter.push({ queryMs: w.table.queryMs, shown: w.table.shown });
  }
  result.filter = filter.length ? { queryMedianMs: round(quantile(filter.map((f) => f.queryMs), 0.5)), shown: filter[0].shown, n: filter.length }
    : { queryMedianMs: NaN, shown: 0, n: 0 };
  await clickName(page, 'etab.filter.clear');
  await clickName(page, 'etab.search');
  const search = [];
  const typed = 'nom123';
  const searchFrames = await measure(page, typed.length, async (i) => {
    await page.keyboard.type(typed[i]);
    await idle(page);
    const s = await ws(page);
    search.push({ queryMs: s.table.queryMs, shown: s.table.shown });
  });
  result.search = { queryMedianMs: round(quantile(search.map((s) => s.queryMs), 0.5)), queryMaxMs: round(Math.max(...search.map((s) => s.queryMs))),
    frameCpu: searchFrames.cpu, shownAfter: search.map((s) => s.shown) };
  console.log(`filtre par dispositif : ${result.filter.queryMedianMs} ms (médiane sur ${result.filter.n} filtres appliqués, ${result.filter.shown} lignes) ; ` +
    `recherche lettre par lettre « ${typed} » : ${result.search.queryMedianMs} ms médiane, ${result.search.queryMaxMs} ms max ` +
    `(lignes : ${result.search.shownAfter.join(' → ')}) ; image la plus lente pendant la frappe ${result.search.frameCpu.maxMs} ms`);
  // Sorting 10,000 rows by another column: one click on a header.
  const sorts = [];
  for (const col of ['eleve', 'classe', 'etat', 'modifie']) {
    await clickName(page, `etab.header.${col}`);
    const t = (await ws(page)).table;
    if (t.query.sortBy !== col) throw new Error(`tri par ${col} non appliqué (${t.query.sortBy})`);
    sorts.push(t.queryMs);
  }
  result.sortMedianMs = round(quantile(sorts, 0.5));
  console.log(`tri par une autre colonne : ${result.sortMedianMs} ms (médiane sur 4 colonnes)`);
} finally {
  await finish();
}
report();
