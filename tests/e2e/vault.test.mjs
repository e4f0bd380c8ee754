// Establishment data at rest: protection by passphrase (raw IndexedDB holds no plaintext), gate, wrong passphrase,
// « Déverrouillage… » drawn before Argon2id runs, passphrase change, auto-lock and the « ?verrou= » address
// parameter; retention: a dossier past its date listed, deleted, gone from raw IndexedDB.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { click, rect, reload, screenshot } from './browser.mjs';
import { withApp } from './fixture.mjs';

const PASS = 'phrase de passe du CIO 2026';
const NEW_PASS = 'nouvelle phrase pour la borne';
const PUPIL = { nom: 'Quatrebarbes', prenom: 'Zéphyrine' };
const LATER = { nom: 'Zygomar', prenom: 'Anatole' };
const OLD = { nom: 'Obsolète', prenom: 'Bérénice' };

const state = (page) => page.evaluate(() => window.passerelle.state());
const vault = (page) =>
  page.evaluate(() => JSON.parse(window.Module.UTF8ToString(window.Module._passerelle_vault_state_json())));
const settled = (page) => page.evaluate(() => window.passerelle.storageSettled(15000));
const idle = (page) => page.evaluate(() => window.passerelle.idle());
const get = (page, id) => page.evaluate((i) => window.passerelle.dossiers.get(i), id);

// A dossier made by the app's own calls, with a pupil's name typed into its section.
async function createDossier(page, scheme, on, section, who) {
  const made = await page.evaluate(([s, o]) => window.passerelle.dossiers.create(s, { on: o }, 'lycee'), [scheme, on]);
  assert.ok(made.id, JSON.stringify(made));
  for (const [field, value] of Object.entries(who)) {
    const r = await page.evaluate(([i, sec, f, v]) => window.passerelle.dossiers.edit(i, sec, f, v), [made.id, section, field, value]);
    assert.deepEqual(r, { ok: true }, `${section}.${field}`);
  }
  return made.id;
}

// Every record of every IndexedDB database of the origin, file contents decoded (IDBFS keeps them as typed arrays).
async function rawIndexedDb(page) {
  return page.evaluate(async () => {
    const done = (req) => new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out = [];
    for (const { name } of await indexedDB.databases()) {
      const db = await done(indexedDB.open(name));
      for (const storeName of db.objectStoreNames) {
        const store = db.transaction(storeName, 'readonly').objectStore(storeName);
        const [keys, values] = await Promise.all([done(store.getAllKeys()), done(store.getAll())]);
        keys.forEach((key, i) => {
          const v = values[i];
          const view = v && ArrayBuffer.isView(v.contents) ? v.contents : ArrayBuffer.isView(v) ? v : null;
          const bytes = view ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength) : null;
          out.push({
            db: name,
            store: storeName,
            key: String(key),
            size: bytes ? bytes.length : 0,
            magic: bytes ? String.fromCharCode(...bytes.slice(0, 8)) : '',
            // UTF-8 and Latin-1 readings, and the record itself: a value hidden in any of them is found.
            text: bytes
              ? new TextDecoder('utf-8').decode(bytes) + '\n' + new TextDecoder('latin1').decode(bytes)
              : JSON.stringify(v),
          });
        });
      }
      db.close();
    }
    return out;
  });
}

const holding = (records, needle) => records.filter((r) => r.text.includes(needle) || r.key.includes(needle));

async function typeInto(page, name, text) {
  await click(page, name);
  await page.keyboard.type(text);
  await idle(page);
}

async function go(page, viewId) {
  await page.evaluate((v) => { location.hash = '#' + v; }, viewId);
  await page.waitForFunction((v) => window.passerelle.state().view === v, viewId, { timeout: 10000 });
  await idle(page);
}

// Records, at every animation frame until the slow action is done (or 20 s), whether the last app frame
// showed the waiting line `waiting` and whether it was done (the vault unlocked, or widget `done` drawn):
// the frame saying « Déverrouillage… » must come before the done one (Argon2id runs in a frame of its own).
async function watchSlowAction(page, waiting, done = 'vault-unlocked') {
  await page.evaluate(([w, d]) => {
    const seen = (window.__slowFrames = []);
    const start = performance.now();
    const isDone = () => d === 'vault-unlocked'
      ? JSON.parse(window.Module.UTF8ToString(window.Module._passerelle_vault_state_json())).unlocked
      : window.passerelle.rect(d) !== null;
    const tick = () => {
      const f = { waiting: window.passerelle.rect(w) !== null, done: isDone(), frame: window.PasserelleWeb.frames.count };
      seen.push(f);
      if (!f.done && performance.now() - start < 20000) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, [waiting, done]);
  return async () => {
    await page.waitForFunction(() => window.__slowFrames.some((f) => f.done), null, { timeout: 20000 });
    const seen = await page.evaluate(() => window.__slowFrames);
    const firstWaiting = seen.findIndex((f) => f.waiting && !f.done);
    const firstDone = seen.findIndex((f) => f.done);
    assert.ok(firstWaiting >= 0, `aucune image « ${waiting} » avant la fin : ${JSON.stringify(seen.slice(-5))}`);
    assert.ok(firstWaiting < firstDone);
    assert.ok(seen[firstDone].frame > seen[firstWaiting].frame, 'le résultat est dessiné dans une image suivante');
  };
}

describe('Données de l’établissement chiffrées au repos', () => {
  let page;
  let errors;
  let pupilId;
  let laterId;
  withApp({}, (app) => ({ page, errors } = app));

  test('avant protection, le nom saisi est en clair dans IndexedDB (le test sait le trouver)', async () => {
    pupilId = await createDossier(page, 'stage-seconde', '2026-05-04', 'eleve', PUPIL);
    assert.equal(await settled(page), 'saved');
    const raw = await rawIndexedDb(page);
    assert.ok(holding(raw, PUPIL.nom).length > 0, 'la recherche brute trouve le nom en clair');
    const v = await vault(page);
    assert.equal(v.configured, false);
    assert.equal(v.state, 'off');
  });

  test('« Protéger » chiffre tout en place : plus aucune valeur en clair dans IndexedDB', async () => {
    await go(page, 'coffre');
    await typeInto(page, 'vault.new1', PASS);
    await typeInto(page, 'vault.new2', PASS);
    await click(page, 'vault.protect');
    assert.ok(await rect(page, 'vault.message.ok'), 'message de réussite');
    const v = await vault(page);
    assert.equal(v.configured, true);
    assert.equal(v.unlocked, true);
    assert.equal(v.state, 'on');
    // Written while unlocked: encrypted too.
    laterId = await createDossier(page, 'stage-seconde', '2026-06-01', 'eleve', LATER);
    assert.equal(await settled(page), 'saved');
    const raw = await rawIndexedDb(page);
    for (const needle of [PUPIL.nom, PUPIL.prenom, LATER.nom, LATER.prenom, 'stage-seconde', 'passerelle.store-pack'])
      assert.deepEqual(holding(raw, needle).map((r) => r.key), [], `« ${needle} » en clair`);
    const packs = raw.filter((r) => /\/data\/dossiers\/[0-9a-f]+\.json$/.test(r.key));
    assert.ok(packs.length >= 1, 'des paquets de dossiers sont enregistrés');
    for (const p of packs) assert.equal(p.magic, 'PSVAULT1', p.key);
    assert.ok(raw.some((r) => r.key === '/data/vault.json'), 'vault.json enregistré');
  });

  test('rechargement → écran de déverrouillage ; mauvaise phrase → message, rien de modifié', async () => {
    await reload(page);
    await go(page, 'etablissement');
    assert.ok(await rect(page, 'vault.gate'), 'la porte remplace l’espace établissement');
    let s = await state(page);
    assert.equal(s.dossiers.open, false, 'aucun dossier ouvert avant la phrase de passe');
    await screenshot(page, 'vault-gate.png');
    const before = await rawIndexedDb(page);
    await typeInto(page, 'vault.passphrase', 'pas la bonne phrase de passe');
    await click(page, 'vault.unlock');
    assert.ok(await rect(page, 'vault.gate.error'), 'message d’erreur affiché');
    assert.equal((await vault(page)).lastError, 'Phrase de passe incorrecte.');
    assert.equal((await vault(page)).unlocked, false);
    assert.equal(await settled(page), 'saved');
    assert.deepEqual(await rawIndexedDb(page), before, 'IndexedDB inchangé');
    s = await state(page);
    assert.equal(s.dossiers.open, false);
  });

  test('bonne phrase → « Déverrouillage… » (bouton désactivé) dessiné d’abord, puis les dossiers reviennent', async () => {
    await typeInto(page, 'vault.passphrase', PASS);
    const checkFrames = await watchSlowAction(page, 'vault.gate.waiting');
    await click(page, 'vault.unlock');
    await checkFrames();
    const v = await vault(page);
    assert.equal(v.unlocked, true, JSON.stringify(v));
    assert.equal(v.lastError, '');
    assert.equal((await state(page)).view, 'etablissement');
    assert.equal((await state(page)).dossiers.count, 2);
    const d = await get(page, pupilId);
    assert.equal(d.sections.find((x) => x.id === 'eleve').fields.nom, PUPIL.nom);
    assert.ok(v.kdfMs > 0 && v.kdfMs < 10000, `Argon2id : ${v.kdfMs} ms`);
    console.log(`déverrouillage : Argon2id ${Math.round(v.kdfMs)} ms, réouverture ${Math.round(v.openMs)} ms`);
  });

  test('changement de phrase de passe : l’ancienne refusée, la nouvelle ouvre tout', async () => {
    await go(page, 'coffre');
    await typeInto(page, 'vault.old', PASS);
    await typeInto(page, 'vault.change1', NEW_PASS);
    await typeInto(page, 'vault.change2', NEW_PASS);
    await click(page, 'vault.change');
    assert.ok(await rect(page, 'vault.message.ok'), 'changement confirmé');
    assert.equal(await settled(page), 'saved');
    await click(page, 'vault.lock');
    assert.equal((await vault(page)).unlocked, false);
    await reload(page);
    await go(page, 'etablissement');
    await typeInto(page, 'vault.passphrase', PASS);
    await click(page, 'vault.unlock');
    assert.equal((await vault(page)).lastError, 'Phrase de passe incorrecte.');
    // The keyboard path: Enter in the passphrase field waits a frame too.
    await typeInto(page, 'vault.passphrase', NEW_PASS);
    const checkFrames = await watchSlowAction(page, 'vault.gate.waiting');
    await page.keyboard.press('Enter');
    await checkFrames();
    await idle(page);
    assert.equal((await vault(page)).unlocked, true);
    assert.equal((await state(page)).dossiers.count, 2);
    assert.equal((await get(page, laterId)).sections.find((x) => x.id === 'eleve').fields.prenom, LATER.prenom);
    // « Verrouiller » from the workspace itself: the gate at once, and the passphrase opens it again.
    // « Créer ma clé » (Argon2id too): « Création de la clé… » first, then the key.
    await go(page, 'cles');
    await typeInto(page, 'keys.pass1', PASS);
    await typeInto(page, 'keys.pass2', PASS);
    const keyFrames = await watchSlowAction(page, 'keys.waiting', 'keys.kid');
    await click(page, 'keys.create');
    await keyFrames();
    assert.ok(await rect(page, 'keys.message.ok'));
    await go(page, 'etablissement');
    await click(page, 'etab.lock');
    assert.equal((await vault(page)).unlocked, false);
    assert.ok(await rect(page, 'vault.gate'), 'la porte remplace le tableau');
    await typeInto(page, 'vault.passphrase', NEW_PASS);
    await click(page, 'vault.unlock');
    assert.equal((await vault(page)).unlocked, true);
    assert.equal((await state(page)).view, 'etablissement');
  });

  test('verrouillage automatique après le délai sans activité', async () => {
    const tableState = () => page.evaluate(() =>
      JSON.parse(window.Module.UTF8ToString(window.Module._passerelle_workspace_state_json())).table);
    const before = await tableState();
    assert.equal(before.total, 2, JSON.stringify({ before, vault: await vault(page), view: (await state(page)).view }));
    await page.evaluate(() => window.Module._passerelle_vault_set_autolock(2));
    assert.equal((await vault(page)).autoLockSeconds, 2);
    await page.waitForFunction(
      () => !JSON.parse(window.Module.UTF8ToString(window.Module._passerelle_vault_state_json())).unlocked, null,
      { timeout: 15000 });
    await idle(page);
    assert.ok(await rect(page, 'vault.gate'), 'la porte est revenue');
    const s = await state(page);
    assert.equal(s.dossiers.open, false, 'les dossiers déchiffrés ont quitté la mémoire');
    assert.equal(s.profile.name, '');
    const table = await tableState();
    assert.equal(table.total, 0, 'le tableau de l’espace établissement a oublié les dossiers');
    assert.deepEqual(table.rows ?? [], []);
    assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), []);
  });
});

// The test API's vault calls ({"ok", "error", "vault"}), with string arguments.
const vaultCall = (page, fn, ...args) => page.evaluate(([f, a]) => {
  const M = window.Module;
  const ptrs = a.map((t) => {
    const n = M.lengthBytesUTF8(t) + 1;
    const p = M._malloc(n);
    M.stringToUTF8(t, p, n);
    return p;
  });
  const r = JSON.parse(M.UTF8ToString(M[f](...ptrs)));
  ptrs.forEach((p) => M._free(p));
  window.passerelle.wake();
  return r;
}, [fn, args]);

describe('« ?verrou=<secondes> » raccourcit le verrouillage automatique, sans jamais l’allonger', () => {
  let page;
  let errors;
  let server;
  withApp({}, (app) => ({ page, errors, server } = app));

  async function open(query) {
    await page.goto(server.url + query);
    await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
    await idle(page);
  }

  test('?verrou=8 : le coffre se verrouille seul après 8 s sans activité, plus rien de l’établissement affiché', async () => {
    await typeInto(page, 'profile.name', 'Lycée Jean-Moulin');
    await createDossier(page, 'stage-seconde', '2026-05-04', 'eleve', PUPIL);
    const protect = await vaultCall(page, '_passerelle_vault_protect', PASS);
    assert.equal(protect.ok, true, JSON.stringify(protect));
    assert.equal(protect.vault.autoLockSeconds, 600, 'sans le paramètre : 10 minutes');
    assert.equal(await settled(page), 'saved');

    await open('?verrou=8#etablissement');
    assert.equal((await vault(page)).autoLockSeconds, 8);
    assert.ok(await rect(page, 'vault.gate'));
    const unlocked = await vaultCall(page, '_passerelle_vault_unlock', PASS);
    assert.equal(unlocked.ok, true, JSON.stringify(unlocked));
    await idle(page);
    const t0 = Date.now();
    const before = await state(page);
    assert.equal(before.profile.name, 'Lycée Jean-Moulin', 'ouvert : le profil est là');
    const shown = await page.evaluate(() =>
      JSON.parse(window.Module.UTF8ToString(window.Module._passerelle_workspace_state_json())).table.total);
    assert.equal(shown, 1, 'ouvert : le tableau montre le dossier');
    assert.equal((await vault(page)).unlocked, true, 'pas verrouillé avant le délai');
    // No input from here on.
    await page.waitForFunction(
      () => !JSON.parse(window.Module.UTF8ToString(window.Module._passerelle_vault_state_json())).unlocked, null,
      { timeout: 30000 });
    const elapsed = Date.now() - t0;
    assert.ok(elapsed < 25000, `verrouillé après ${elapsed} ms (600 s sans le paramètre)`);
    await idle(page);
    assert.ok(await rect(page, 'vault.gate'), 'la porte remplace l’espace établissement');
    const s = await state(page);
    assert.equal(s.profile.name, '', 'le nom de l’établissement a quitté l’écran et la mémoire');
    assert.equal(s.dossiers.open, false);
    const table = await page.evaluate(() =>
      JSON.parse(window.Module.UTF8ToString(window.Module._passerelle_workspace_state_json())).table);
    assert.equal(table.total, 0);
    assert.equal(await page.evaluate(() => window.passerelle.rect('etab.row.0')), null);
    assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), []);
  });

  // Each address is opened in the same profile (the vault above exists): the delay is the default or shorter, never longer.
  for (const [query, expected, why] of [
    ['?verrou=5', 5, 'plus court : appliqué'],
    ['?verrou=600', 600, 'égal au défaut'],
    ['?verrou=700', 600, 'plus long que le défaut : ignoré'],
    ['?verrou=99999', 600, 'très long : ignoré'],
    ['?verrou=0', 600, '0 couperait le verrouillage : ignoré'],
    ['?verrou=abc', 600, 'pas un nombre'],
    ['?verrou=-5', 600, 'négatif'],
    ['?verrou=99999999999', 600, 'dépasse un entier'],
    ['?verrou=3.5', 600, 'pas un entier'],
    ['?verrou=', 600, 'vide'],
    ['?verrou=%203', 600, 'espace devant'],
  ]) {
    test(`${query} → ${expected} s (${why}), la page fonctionne`, async () => {
      const pageErrors = [];
      const onError = (e) => pageErrors.push(String(e));
      page.on('pageerror', onError);
      await open(query);
      page.off('pageerror', onError);
      assert.equal((await vault(page)).autoLockSeconds, expected);
      assert.equal((await state(page)).view, 'home');
      assert.ok(await rect(page, 'door.droits'), 'l’accueil est dessiné');
      assert.deepEqual(pageErrors, []);
    });
  }
});

describe('Conservation : un dossier dont la durée est passée est listé, supprimé, effacé d’IndexedDB', () => {
  let page;
  let errors;
  withApp({}, (app) => ({ page, errors } = app));

  test('liste, confirmation, suppression, plus rien dans IndexedDB', async () => {
    // The JOP 2024 window ended on 8 September 2024: plus 12 months, past. The 2026 one is kept.
    const oldId = await createDossier(page, 'jop-2024/securite-privee', '2024-08-01', 'candidat', OLD);
    const keptId = await createDossier(page, 'stage-seconde', '2026-05-04', 'eleve', PUPIL);
    assert.equal(await settled(page), 'saved');
    assert.ok(holding(await rawIndexedDb(page), OLD.nom).length > 0, 'le dossier ancien est dans IndexedDB');
    await go(page, 'conservation');
    assert.ok(await rect(page, 'retention.row.0'));
    assert.equal(await page.evaluate(() => window.passerelle.rect('retention.row.1')), null, 'un seul dossier listé');
    await click(page, 'retention.row.0');
    await screenshot(page, 'retention.png');
    await click(page, 'retention.delete');
    assert.ok(await rect(page, 'retention.confirm.question'), 'confirmation demandée');
    await click(page, 'retention.confirm.yes');
    assert.ok(await rect(page, 'retention.message.ok'));
    assert.equal(await settled(page), 'saved');
    const gone = await get(page, oldId);
    assert.ok(!gone || !gone.id, `le dossier n’existe plus : ${JSON.stringify(gone)}`);
    assert.equal((await get(page, keptId)).id, keptId);
    const raw = await rawIndexedDb(page);
    for (const needle of [OLD.nom, OLD.prenom, oldId])
      assert.deepEqual(holding(raw, needle).map((r) => r.key), [], `« ${needle} » encore dans IndexedDB`);
    assert.ok(holding(raw, PUPIL.nom).length > 0, 'l’autre dossier est toujours là');
    assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), []);
  });
});
