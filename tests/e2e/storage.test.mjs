// Dossiers kept in IndexedDB: reload in the middle of editing, two tabs (one writer), quota exceeded, persistence.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { click, launch, openApp, rect, screenshot, startServer } from './browser.mjs';
import { withApp } from './fixture.mjs';

const SCHEME = 'stage-seconde';
const SITUATION = { on: '2026-05-04' };
const FINAL = 'Mme Dupont-Lefèvre, proviseure adjointe';

const state = (page) => page.evaluate(() => window.passerelle.state());
const settled = (page) => page.evaluate(() => window.passerelle.storageSettled());
const create = (page) => page.evaluate(([s, sit]) => window.passerelle.dossiers.create(s, sit, 'lycee'), [SCHEME, SITUATION]);
const edit = (page, id, value) =>
  page.evaluate(([i, v]) => window.passerelle.dossiers.edit(i, 'lycee', 'referent_nom', v), [id, value]);
const get = (page, id) => page.evaluate((i) => window.passerelle.dossiers.get(i), id);
const fieldOf = (d) => d.sections.find((s) => s.id === 'lycee').fields.referent_nom;
const realErrors = (errors) => errors.filter((e) => !/favicon/.test(e));

// The page after a reload, once the app has drawn and settled.
async function reload(page) {
  await page.reload();
  await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
  await page.evaluate(() => window.passerelle.idle());
}

describe('Dossiers dans IndexedDB : rechargement en pleine saisie, persistance', () => {
  let server;
  let browser;
  let page;
  let errors;

  withApp({}, (app) => ({ server, browser, page, errors } = app));

  test('le magasin de dossiers est ouvert sur /data, la persistance demandée une fois', async () => {
    await page.waitForFunction(() => window.PasserelleWeb.storage.persisted !== null, null, { timeout: 5000 });
    const s = await state(page);
    assert.equal(s.dossiers.open, true);
    assert.equal(s.dossiers.readOnly, false);
    assert.equal(s.dossiers.count, 0);
    assert.equal(s.dossiers.problem, '');
    assert.equal(typeof s.storage.persisted, 'boolean', 'navigator.storage.persist() a répondu');
    assert.ok(s.storage.persistRequests <= 1, 'persist() demandé au plus une fois');
    assert.equal(s.storage.readOnly, false);
  });

  test('un dossier créé et modifié par le code de l’application survit au rechargement', async () => {
    const made = await create(page);
    assert.ok(made.id, JSON.stringify(made));
    assert.deepEqual(await edit(page, made.id, 'M. Martin'), { ok: true });
    const bad = await page.evaluate((i) => window.passerelle.dossiers.edit(i, 'lycee', 'referent_courriel', 'pas-une-adresse'), made.id);
    assert.match(bad.error, /\S/, 'une valeur invalide est refusée avec un message');
    assert.equal(await settled(page), 'saved');
    const before = await state(page);
    assert.ok(before.storage.targeted >= 1, 'les dossiers changés sont enregistrés sans comparer tout IDBFS');
    await reload(page);
    const s = await state(page);
    assert.equal(s.dossiers.count, 1);
    assert.deepEqual(s.dossiers.quarantined, []);
    const d = await get(page, made.id);
    assert.equal(d.scheme, SCHEME);
    assert.equal(fieldOf(d), 'M. Martin');
    // The establishment space lists what the store holds.
    await click(page, 'door.etablissement');
    assert.ok(await rect(page, 'etab.count'), 'le tableau des dossiers enregistrés est affiché');
    assert.ok(await rect(page, 'etab.row.0'), 'le dossier rechargé y a sa ligne');
    await screenshot(page, 'storage-dossier-list.png');
    await click(page, 'nav.home');
  });

  test('rechargement en pleine saisie : au plus les dernières frappes perdues, jamais un dossier corrompu', async () => {
    const { id } = await create(page);
    assert.equal(await settled(page), 'saved');
    // One edit per keystroke, as the text field does, at a brisk typist's pace (60 ms a key, about
    // 2.3 s in all), then a reload at once: the batch in progress may be lost with the page.
    for (let i = 1; i <= FINAL.length; i++) {
      assert.deepEqual(await edit(page, id, FINAL.slice(0, i)), { ok: true });
      await page.waitForTimeout(60);
    }
    await reload(page); // pagehide: index checkpoint, then one FS.syncfs that the page may not wait for
    let s = await state(page);
    assert.deepEqual(s.dossiers.quarantined, [], 'aucun fichier illisible');
    assert.equal(s.dossiers.problem, '');
    let d = await get(page, id);
    assert.ok(d, 'le dossier est là');
    const kept = fieldOf(d) ?? '';
    assert.ok(FINAL.startsWith(kept), `« ${kept} » est un début de la saisie`);
    console.log(`# rechargement en pleine saisie : ${kept.length}/${FINAL.length} caractères gardés`);
    // Saved at the latest 1 s after a burst starts: only the last ~1.5 s of typing (≈ 25 keys) may go.
    assert.ok(kept.length >= FINAL.length - 25, `${FINAL.length - kept.length} frappes perdues`);
    // Then a reload right after an edit that follows a completed save: the old or the new value, whole.
    assert.deepEqual(await edit(page, id, FINAL), { ok: true });
    assert.equal(await settled(page), 'saved');
    assert.deepEqual(await edit(page, id, FINAL + ' (bis)'), { ok: true });
    await reload(page);
    s = await state(page);
    assert.deepEqual(s.dossiers.quarantined, []);
    d = await get(page, id);
    assert.ok([FINAL, FINAL + ' (bis)'].includes(fieldOf(d)), fieldOf(d));
    assert.equal(s.dossiers.count, 2);
    assert.deepEqual(realErrors(errors), []);
  });
});

describe('Deux onglets : un seul écrit', () => {
  test('le second onglet s’ouvre en lecture seule, le dit et n’enregistre rien', async () => {
    const server = await startServer();
    const browser = await launch();
    try {
      const first = browser.context.pages()[0] || (await browser.context.newPage());
      await openApp(first, server.url);
      const { id } = await create(first);
      assert.deepEqual(await edit(first, id, 'Premier onglet'), { ok: true });
      assert.equal(await settled(first), 'saved');

      const second = await browser.context.newPage();
      const errors2 = await openApp(second, server.url);
      let s2 = await state(second);
      assert.equal(s2.storage.readOnly, true);
      assert.equal(s2.storage.status, 'readonly');
      assert.equal(s2.storage.detail, 'Passerelle est déjà ouvert dans un autre onglet : cet onglet est en lecture seule.');
      assert.ok(await rect(second, 'storage.detail'), 'la raison est affichée');
      await screenshot(second, 'storage-second-tab.png');
      assert.equal(s2.dossiers.readOnly, true);
      assert.equal(s2.dossiers.count, 1, 'le second onglet lit ce qui est enregistré');
      assert.equal(fieldOf(await get(second, id)), 'Premier onglet');
      const refused = await create(second);
      assert.match(refused.error, /lecture seule/);
      assert.match((await edit(second, id, 'Second onglet')).error, /lecture seule/);

      // The first tab keeps writing; the second never calls FS.syncfs(false), so nothing it holds
      // (an older copy) can delete or overwrite the first tab's new files.
      const made = await create(first);
      assert.deepEqual(await edit(first, made.id, 'Créé pendant que le second onglet est ouvert'), { ok: true });
      assert.equal(await settled(first), 'saved');
      await second.evaluate(() => { document.dispatchEvent(new Event('visibilitychange')); window.dispatchEvent(new Event('pagehide')); });
      s2 = await state(second);
      assert.equal(s2.storage.syncs, 0, 'aucune sauvegarde depuis le second onglet');
      await second.close();

      await reload(first);
      const s1 = await state(first);
      assert.equal(s1.storage.readOnly, false, 'le premier onglet garde l’écriture après rechargement');
      assert.equal(s1.dossiers.count, 2);
      assert.equal(fieldOf(await get(first, made.id)), 'Créé pendant que le second onglet est ouvert');
      assert.deepEqual(realErrors(errors2), []);

      // The writer closes: a read-only tab says a reload makes it the writer, and after it, it is.
      const third = await browser.context.newPage();
      await openApp(third, server.url);
      assert.equal((await state(third)).storage.readOnly, true);
      await first.close();
      await third.waitForFunction(() => window.PasserelleWeb.storage.writerGone, null, { timeout: 5000 });
      assert.match((await state(third)).storage.detail, /L’autre onglet de Passerelle est fermé : rechargez/);
      await reload(third);
      const s3 = await state(third);
      assert.equal(s3.storage.readOnly, false, 'après rechargement, cet onglet écrit');
      assert.equal(s3.dossiers.count, 2);
      assert.ok((await create(third)).id);
      assert.equal(await settled(third), 'saved');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('Deux onglets sans Web Locks (ancien Safari) : BroadcastChannel', () => {
  test('le second onglet est en lecture seule, puis apprend que le premier est fermé', async () => {
    const server = await startServer();
    const browser = await launch();
    try {
      await browser.context.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true });
      });
      const first = browser.context.pages()[0] || (await browser.context.newPage());
      await openApp(first, server.url);
      const s1 = await state(first);
      assert.equal(s1.storage.readOnly, false);
      assert.equal(await first.evaluate(() => window.PasserelleWeb.storage.writerProtocol), 'broadcast');
      const second = await browser.context.newPage();
      await openApp(second, server.url);
      const s2 = await state(second);
      assert.equal(s2.storage.readOnly, true, 'le premier onglet a répondu : le second lit seulement');
      assert.match((await create(second)).error, /lecture seule/);
      await first.close({ runBeforeUnload: true });
      await second.waitForFunction(() => window.PasserelleWeb.storage.writerGone, null, { timeout: 10000 });
      await reload(second);
      assert.equal((await state(second)).storage.readOnly, false, 'après rechargement, il écrit');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('IndexedDB plein (QuotaExceededError simulé)', () => {
  test('erreur affichée, rien perdu en mémoire, « Réessayer » enregistre une fois la place libérée', async () => {
    const server = await startServer();
    const browser = await launch();
    try {
      // Every IndexedDB write fails as a full disk does while window.__quotaFull is set.
      await browser.context.addInitScript(() => {
        const put = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function (...args) {
          if (window.__quotaFull) throw new DOMException('Quota exceeded (simulated)', 'QuotaExceededError');
          return put.apply(this, args);
        };
      });
      const page = browser.context.pages()[0] || (await browser.context.newPage());
      await openApp(page, server.url);
      await page.evaluate(() => { window.__quotaFull = true; });
      const { id } = await create(page);
      assert.deepEqual(await edit(page, id, 'Saisi disque plein'), { ok: true });
      assert.equal(await settled(page), 'error');
      let s = await state(page);
      assert.equal(s.storage.lastError, 'QuotaExceededError');
      assert.match(s.storage.detail, /espace de stockage plein.*gardées dans cet onglet/);
      assert.ok(await rect(page, 'storage.detail'));
      assert.ok(await rect(page, 'storage.retry'), 'un bouton « Réessayer » est proposé');
      await screenshot(page, 'storage-quota.png');
      assert.equal(fieldOf(await get(page, id)), 'Saisi disque plein', 'rien de perdu en mémoire');

      // Still full: retrying fails again, and says so.
      await click(page, 'storage.retry');
      assert.equal(await settled(page), 'error');
      // Space freed: « Réessayer » saves everything.
      await page.evaluate(() => { window.__quotaFull = false; });
      await click(page, 'storage.retry');
      assert.equal(await settled(page), 'saved');
      s = await state(page);
      assert.equal(s.storage.status, 'saved');
      assert.equal(s.storage.lastError, '');
      await reload(page);
      s = await state(page);
      assert.equal(s.dossiers.count, 1);
      assert.equal(fieldOf(await get(page, id)), 'Saisi disque plein');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('Fichier de dossiers illisible dans IndexedDB', () => {
  test('mis de côté et signalé en français au démarrage, les autres dossiers chargés', async () => {
    const server = await startServer();
    const browser = await launch();
    try {
      const page = browser.context.pages()[0] || (await browser.context.newPage());
      await openApp(page, server.url);
      const { id } = await create(page);
      assert.equal(await settled(page), 'saved');
      // A pack cut in the middle (as a crash of another program could leave it), saved to IndexedDB.
      await page.evaluate(() => {
        const FS = window.Module.FS;
        FS.writeFile('/data/dossiers/zz.json', '{"gen":1,"format":"passerelle.store-pack/1","dossiers":[{"id":');
        window.PasserelleWeb.storage.requestSave();
      });
      assert.equal(await settled(page), 'saved');
      await reload(page);
      const s = await state(page);
      assert.equal(s.dossiers.quarantined.length, 1, JSON.stringify(s.dossiers));
      assert.equal(s.dossiers.quarantined[0].file, 'dossiers/zz.json');
      assert.match(s.dossiers.problem, /^Fichier de dossiers illisible mis de côté/);
      assert.ok(await rect(page, 'storage.dossiers'), 'le problème est affiché sous la barre');
      assert.equal(await page.evaluate(() => window.passerelle.rect('storage.retry')), null, 'rien à réessayer');
      assert.equal(s.dossiers.count, 1);
      assert.ok(await get(page, id));
      await screenshot(page, 'storage-quarantine.png');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
