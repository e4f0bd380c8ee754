// Browser storage benchmark (not a test): 10,000 dossiers in IndexedDB through the app's C++ store, in headless Chromium.
//   node bench/storage_browser/storage_browser.mjs [--dist DIR] [--count 10000] [--runs 5] [--json OUT]
// Measures: start-up with the dossiers stored (first frame, IDBFS load, store load), one edit saved until
// IndexedDB confirms (FS.syncfs callback), and a 1,000-row class list read and checked in the page.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../tests/e2e/browser.mjs';
import { distOption, openBench, option, waitReady } from '../browser_bench.mjs';

const dist = distOption();
const count = Number(option('--count', '10000'));
const runs = Number(option('--runs', '5'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;

// The same generated list as bench/storage (Windows-1252, `;`, ten class-name spellings).
function classListCsv(rows) {
  const classes = ['3E2', '3EME A', '2NDE4', '2GT1', '1PRO MS', 'TLE PRO', 'CAP1', 'BTS MOS 1', '4E1', '3°5'];
  let csv = 'Nom;Prénom;Né(e) le;Classe;Apprentissage\r\n';
  for (let i = 0; i < rows; i++) {
    const d = String(1 + (i % 28)).padStart(2, '0');
    const m = String(1 + (i % 12)).padStart(2, '0');
    csv += `NOM${i};Léa;${d}/${m}/${2006 + (i % 8)};${classes[i % 10]};${i % 3 ? 'oui' : 'non'}\r\n`;
  }
  return csv;
}

const { server, context, result, finish, report } = await openBench({ dist, name: 'storage', extra: { count } });
try {
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(server.url);
  await waitReady(page);
  const emptyStart = await page.evaluate(() => window.passerelle.ready);

  // 1. Fill: every dossier created by the app's createDossier + DirectoryStore::save (write-through to
  // MEMFS), in one go, then the index checkpoint and one save to IndexedDB.
  const fill = await page.evaluate(async (n) => {
    const schemes = ['stage-seconde', 'paca-2026/securisation-entree-15-ans', 'apprentissage/cfa-sans-contrat'];
    const t0 = performance.now();
    let firstId = '';
    for (let i = 0; i < n; i++) {
      const r = window.passerelle.dossiers.create(schemes[i % 3], { on: '2026-05-04' }, 'college');
      if (!r.id) throw new Error(JSON.stringify(r));
      if (!firstId) firstId = r.id;
      if (i % 3 === 0) window.passerelle.dossiers.edit(r.id, 'lycee', 'referent_nom', `Référent n°${i}`);
    }
    const created = performance.now() - t0;
    window.Module._passerelle_storage_hiding(); // index.json
    window.PasserelleWeb.storage.flush();
    const t1 = performance.now();
    const status = await window.passerelle.storageSettled(600000);
    return { created, synced: performance.now() - t1, status, firstId, state: window.passerelle.dossiers.state() };
  }, count);
  result.fill = { createMs: Math.round(fill.created), firstSyncMs: Math.round(fill.synced), status: fill.status, count: fill.state.count };
  console.log(`${fill.state.count} dossiers créés en ${Math.round(fill.created)} ms, premier enregistrement IndexedDB ${Math.round(fill.synced)} ms (${fill.status})`);

  // 2. Start-up with the dossiers stored: reloads in the same profile.
  const starts = [];
  for (let r = 0; r < runs; r++) {
    await page.reload();
    await waitReady(page);
    const s = await page.evaluate(async () => {
      const W = window.PasserelleWeb;
      await window.passerelle.idle();
      const st = window.passerelle.dossiers.state();
      return { firstFrame: await window.passerelle.ready, marks: W.marks ? { ...W.marks } : null, count: st.count, loadMs: st.loadMs, openPacks: st.openPacks };
    });
    starts.push(s);
  }
  result.startup = {
    emptyFirstFrameMs: round(emptyStart),
    firstFrameMs: round(median(starts.map((s) => s.firstFrame))),
    firstFrameMaxMs: round(Math.max(...starts.map((s) => s.firstFrame))),
    storeLoadMs: round(median(starts.map((s) => s.loadMs))),
    idbfsLoadedAtMs: starts[0].marks && starts[0].marks.storage !== undefined ? round(median(starts.map((s) => s.marks.storage))) : null,
    count: starts[0].count, openPacks: starts[0].openPacks,
  };
  console.log(`démarrage avec ${starts[0].count} dossiers : première image ${result.startup.firstFrameMs} ms (médiane sur ${runs}, max ${result.startup.firstFrameMaxMs}), ` +
    `IDBFS chargé à ${result.startup.idbfsLoadedAtMs} ms, magasin ouvert en ${result.startup.storeLoadMs} ms (profil vide : ${result.startup.emptyFirstFrameMs} ms)`);

  // 3. One edit saved until IndexedDB confirms: the edit (validation, pack rewritten), then the save
  // started at once (what pagehide does; typing waits for the 400 ms batch first), until FS.syncfs calls back.
  // Measured twice: as the app runs (each edit and status change redraws a frame, which SwiftShader
  // renders in software on this machine's CPU), then with redraws held back (W.wake a no-op), which
  // leaves the store's edit and the IndexedDB transaction alone.
  const measureSaves = (quiet) => page.evaluate(async ([id, reps, noFrames]) => {
    const W = window.PasserelleWeb;
    const wake = W.wake;
    if (noFrames) { await window.passerelle.idle(); W.wake = () => {}; }
    const out = [];
    for (let i = 0; i < reps; i++) {
      await window.passerelle.storageSettled();
      const t0 = performance.now();
      const r = window.passerelle.dossiers.edit(id, 'lycee', 'referent_nom', `Modification ${i}`);
      if (!r.ok) throw new Error(JSON.stringify(r));
      const t1 = performance.now();
      W.storage.flush();
      while (!W.storage.lastSave || W.storage.lastSave.startedAt < t1 || W.storage.busy()) await new Promise((res) => setTimeout(res, 0));
      out.push({ editMs: t1 - t0, syncMs: W.storage.lastSave.endedAt - W.storage.lastSave.startedAt, totalMs: W.storage.lastSave.endedAt - t0, ok: W.storage.lastSave.ok });
    }
    W.wake = wake;
    W.wake();
    return out;
  }, [fill.firstId, 20, quiet]);
  const summarise = (saves) => ({
    totalMedianMs: round(median(saves.map((s) => s.totalMs))),
    totalMaxMs: round(Math.max(...saves.map((s) => s.totalMs))),
    editMedianMs: round(median(saves.map((s) => s.editMs))),
    syncMedianMs: round(median(saves.map((s) => s.syncMs))),
    allOk: saves.every((s) => s.ok),
  });
  const saves = await measureSaves(false);
  const quietSaves = summarise(await measureSaves(true));
  result.saveOneQuiet = quietSaves;
  console.log(`une modification enregistrée, sans image redessinée : médiane ${quietSaves.totalMedianMs} ms, max ${quietSaves.totalMaxMs} ms sur 20 ` +
    `(modification ${quietSaves.editMedianMs} ms + transaction IndexedDB ${quietSaves.syncMedianMs} ms)`);
  result.saveOne = {
    totalMedianMs: round(median(saves.map((s) => s.totalMs))),
    totalMaxMs: round(Math.max(...saves.map((s) => s.totalMs))),
    editMedianMs: round(median(saves.map((s) => s.editMs))),
    syncMedianMs: round(median(saves.map((s) => s.syncMs))),
    allOk: saves.every((s) => s.ok),
  };
  console.log(`une modification enregistrée jusqu’à la confirmation d’IndexedDB : médiane ${result.saveOne.totalMedianMs} ms, max ${result.saveOne.totalMaxMs} ms sur 20 ` +
    `(modification ${result.saveOne.editMedianMs} ms + enregistrement ${result.saveOne.syncMedianMs} ms)`);

  // 4. A 1,000-row class list read and checked against every scheme, in the page (wasm).
  const rules = fs.readdirSync(path.join(repoRoot, 'assets', 'rules')).filter((f) => f.endsWith('.json')).sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(repoRoot, 'assets', 'rules', name), 'utf8') }));
  const csv = classListCsv(1000);
  const lists = await page.evaluate(([rulesJson, text, reps]) => {
    const M = window.Module;
    const alloc = (s) => { const n = M.lengthBytesUTF8(s) + 1; const p = M._malloc(n); M.stringToUTF8(s, p, n); return p; };
    const out = [];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      const pr = alloc(rulesJson);
      const pc = alloc(text);
      const r = JSON.parse(M.UTF8ToString(M._passerelle_bench_classlist(pr, pc)));
      M._free(pr); M._free(pc);
      r.totalMs = performance.now() - t0;
      out.push(r);
    }
    return out;
  }, [JSON.stringify(rules), csv, 5]);
  if (lists[0].error) throw new Error(lists[0].error);
  result.classList = {
    rows: lists[0].rows, checked: lists[0].checked, schemes: lists[0].schemes,
    parseMs: round(median(lists.map((l) => l.parseMs))), checkMs: round(median(lists.map((l) => l.checkMs))),
    rulesMs: round(median(lists.map((l) => l.rulesMs))), totalMs: round(median(lists.map((l) => l.totalMs))),
  };
  console.log(`liste de classe de ${lists[0].rows} lignes (${lists[0].checked} élèves × ${lists[0].schemes} dispositifs) : lecture ${result.classList.parseMs} ms + ` +
    `vérification ${result.classList.checkMs} ms (règles chargées en ${result.classList.rulesMs} ms ; tout compris ${result.classList.totalMs} ms, médianes sur 5)`);
} finally {
  await finish();
}
report();
