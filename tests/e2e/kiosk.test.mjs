// The CIO kiosk: started from its door or the address, printed summary, « Terminer ma session » and the inactivity timeout leave nothing behind.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { click, launch, openApp, rect, screenshot, startServer } from './browser.mjs';
import { distDir } from './browser.mjs';
import { distFiles, fileTree, findValues, foreignRequests, rawIndexedDb, recordRequests, watchCsp } from './kiosk_probe.mjs';

const state = (page) => page.evaluate(() => window.passerelle.state());
const idle = (page) => page.evaluate(() => window.passerelle.idle());
const kiosk = async (page) => (await state(page)).kiosk;
const wizard = async (page) => (await state(page)).wizard;

// What the visitor types, distinctive enough to be searched for in raw storage: a birth date (as typed,
// as stored, as printed), a département, and the reference date they changed.
const BIRTH_TYPED = '17/03/2012';
const TYPED = [BIRTH_TYPED, '2012-03-17', '17 mars 2012', '"976"', '05/05/2026', '2026-05-05', '5 mai 2026'];

async function typeInto(page, name, text) {
  await click(page, name);
  await page.keyboard.type(text);
}

// Through the self-check as a visitor: reference date, then every question until the results.
async function answerWizard(page, { stopAfterBirthDate = false } = {}) {
  await click(page, 'borne.droits');
  assert.equal((await state(page)).view, 'droits');
  await typeInto(page, 'droits.reference.input', '05/05/2026');
  await page.keyboard.press('Enter');
  await idle(page);
  assert.equal((await state(page)).referenceDate, '2026-05-05');
  await click(page, 'droits.start');
  for (let i = 0; i < 25; i++) {
    const w = await wizard(page);
    if (w.screen === 'resultats') return;
    assert.equal(w.screen, 'q', `écran inattendu ${w.screen}`);
    switch (w.question) {
      case 'requester': await click(page, 'droits.choice.eleve'); break;
      case 'person.birth_date':
        await typeInto(page, 'droits.date', BIRTH_TYPED);
        await click(page, 'droits.validate');
        if (stopAfterBirthDate) return;
        break;
      case 'person.grade': await click(page, 'droits.choice.3e'); break;
      case 'person.departement':
        await typeInto(page, 'droits.departement', '976');
        await page.keyboard.press('Enter');
        await idle(page);
        break;
      case 'person.wants_apprenticeship': await click(page, 'droits.choice.oui'); break;
      default: await click(page, 'droits.dont_know');
    }
  }
  assert.fail('le questionnaire ne se termine pas');
}

// After a session's end: nothing typed is left in IndexedDB (raw), in /data, in the page's DOM and fields.
async function assertNothingLeft(page) {
  const idb = await rawIndexedDb(page);
  assert.deepEqual(findValues(idb, TYPED), [], 'IndexedDB brut');
  assert.deepEqual(findValues(await fileTree(page), TYPED), [], 'arborescence /data');
  const dom = await page.evaluate(() => document.documentElement.outerHTML + '\n' +
    Array.from(document.querySelectorAll('input, textarea')).map((e) => e.value).join('\n'));
  assert.deepEqual(findValues([dom], TYPED), [], 'la page (DOM, champs, zone d’impression)');
  const w = await wizard(page);
  assert.equal(w.screen, 'debut', 'le questionnaire revient au début');
  assert.equal(w.steps, 0);
  assert.equal(w.situation.person?.birth_date, undefined);
  assert.equal(w.situation.person?.departement, undefined);
  const s = await state(page);
  assert.notEqual(s.referenceDate, '2026-05-05', 'la date de référence revient à aujourd’hui');
  assert.equal(s.view, 'borne');
  assert.equal(s.kiosk.screen, 'accueil');
  assert.equal(await page.evaluate(() => document.getElementById('passerelle-text')?.value ?? ''), '');
  // The app's memory: no live copy is checked here; freed blocks of the wasm heap may still hold one
  // until reused (measured and reported: docs/kiosk.md). Logged for the record.
  console.log(`# copies en mémoire libérée après la fin : ${JSON.stringify(await heapCopies(page, HEAP_TYPED))}`);
}

// The typed forms that only a visitor can have put in memory (the rule packs in the binary hold other dates).
const HEAP_TYPED = [BIRTH_TYPED, '2012-03-17', '17 mars 2012', '05/05/2026'];
function heapCopies(page, values) {
  return page.evaluate((vals) => {
    const heap = window.Module.HEAPU8;
    const found = {};
    for (const v of vals) {
      const needle = new TextEncoder().encode(v);
      let n = 0;
      for (let i = heap.indexOf(needle[0]); i >= 0 && i + needle.length <= heap.length; i = heap.indexOf(needle[0], i + 1)) {
        let j = 1;
        while (j < needle.length && heap[i + j] === needle[j]) j++;
        if (j === needle.length) n++;
      }
      if (n) found[v] = n;
    }
    return found;
  }, values);
}

describe('Mode borne', () => {
  let server;
  let browser;
  let page;
  let csp;
  let requests;
  const downloads = [];

  before(async () => {
    server = await startServer();
    browser = await launch({ viewport: { width: 1280, height: 860 } });
    csp = await watchCsp(browser.context);
    requests = recordRequests(browser.context);
    // Printing is counted, not performed: a headless print dialog would block.
    await browser.context.addInitScript(() => {
      window.__prints = 0;
      window.print = () => { window.__prints += 1; };
    });
    page = browser.context.pages()[0] || (await browser.context.newPage());
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    assert.deepEqual(await openApp(page, server.url), []);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('la porte « Mode borne » démarre une borne : grand texte, plein écran demandé, seulement le questionnaire', async () => {
    await click(page, 'door.borne');
    assert.ok(await rect(page, 'borne.start'));
    assert.equal((await kiosk(page)).active, false);
    await click(page, 'borne.start');
    const s = await state(page);
    assert.equal(s.kiosk.active, true);
    assert.equal(s.kiosk.textScale, 1.5);
    assert.equal(s.view, 'borne');
    assert.match(page.url(), /\?borne=1/, 'un rechargement reste une borne');
    assert.ok(await page.evaluate(() => window.PasserelleWeb.kiosk.fullscreenRequests) >= 1, 'plein écran demandé');
    assert.ok(await rect(page, 'kiosk.end'), '« Terminer ma session » visible');
    assert.equal(await page.evaluate(() => window.passerelle.rect('nav.home')), null, 'pas de retour à l’accueil général');
    assert.ok(await rect(page, 'borne.droits'));
    await screenshot(page, 'kiosk-home.png');
    // The browser's back button does not leave the kiosk.
    await page.goBack();
    await idle(page);
    assert.equal((await state(page)).view, 'borne');
    assert.equal((await kiosk(page)).active, true);
  });

  test('« Terminer ma session » : résumé imprimé (jamais téléchargé), puis plus rien de ce qui a été saisi', async () => {
    await answerWizard(page);
    assert.ok(Object.keys(await heapCopies(page, HEAP_TYPED)).length > 0, 'pendant la session, la recherche trouve bien la saisie en mémoire');
    let w = await wizard(page);
    assert.equal(w.situation.person.birth_date, '2012-03-17');
    assert.equal(w.situation.person.departement, '976');
    assert.ok(await rect(page, 'kiosk.end'), '« Terminer ma session » sur l’écran des résultats aussi');
    assert.equal(await page.evaluate(() => window.passerelle.rect('droits.download')), null);
    await click(page, 'droits.print');
    assert.equal(await page.evaluate(() => window.__prints), 1, 'window.print appelé une fois');
    assert.equal(w.prints + 1, (await wizard(page)).prints);
    assert.match(await page.evaluate(() => document.getElementById('passerelle-print').textContent), /17 mars 2012/);
    assert.deepEqual(downloads, [], 'aucun téléchargement');
    await page.evaluate(() => window.passerelle.storageSettled());
    // Answers in memory only: not even before the end is anything written.
    assert.deepEqual(findValues(await rawIndexedDb(page), TYPED), [], 'IndexedDB pendant la session');
    assert.deepEqual(findValues(await fileTree(page), TYPED), [], '/data pendant la session');

    await click(page, 'kiosk.end');
    const k = await kiosk(page);
    assert.equal(k.sessionsEnded, 1);
    assert.equal(k.lastEnd, 'bouton');
    console.log(`# effacement : ${k.lastWipeMs.toFixed(1)} ms`);
    assert.equal(k.active, true, 'toujours une borne, prête pour le visiteur suivant');
    await page.evaluate(() => window.passerelle.storageSettled());
    await assertNothingLeft(page);
    // The offline files are still there for the next visitor.
    assert.ok((await page.evaluate(() => caches.keys())).some((n) => n.startsWith('passerelle-')));
  });

  test('inactivité : « Êtes-vous toujours là ? » avec décompte, « Continuer » garde tout, puis la fin efface tout', async () => {
    await page.goto(`${server.url}?borne=1&inactivite=3&decompte=3`);
    await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
    await idle(page);
    let k = await kiosk(page);
    assert.equal(k.active, true, 'l’adresse démarre la borne');
    assert.equal(k.idleSeconds, 3);
    assert.equal(k.countdownSeconds, 3);
    await answerWizard(page, { stopAfterBirthDate: true });
    assert.equal((await wizard(page)).situation.person.birth_date, '2012-03-17');

    await page.waitForFunction(() => window.passerelle.state().kiosk.phase === 'warning', null, { timeout: 15000 });
    await idle(page);
    assert.ok(await rect(page, 'kiosk.warning'));
    assert.match(await page.evaluate(() => document.getElementById('kiosk-alert').textContent), /Êtes-vous toujours là/);
    await screenshot(page, 'kiosk-timeout-warning.png');
    await click(page, 'kiosk.continue');
    k = await kiosk(page);
    assert.equal(k.phase, 'active');
    assert.equal(k.sessionsEnded, 0);
    assert.equal((await wizard(page)).situation.person.birth_date, '2012-03-17', '« Continuer » ne perd rien');

    // Nobody answers this time: the warning, then the end.
    await page.waitForFunction(() => window.passerelle.state().kiosk.phase === 'warning', null, { timeout: 15000 });
    await page.waitForFunction(() => window.passerelle.state().kiosk.sessionsEnded === 1, null, { timeout: 15000 });
    await idle(page);
    k = await kiosk(page);
    assert.equal(k.lastEnd, 'inactivite');
    assert.equal(k.phase, 'active');
    assert.equal(await page.evaluate(() => window.passerelle.rect('kiosk.warning')), null);
    await page.evaluate(() => window.passerelle.storageSettled());
    await assertNothingLeft(page);
  });

  test('lecteur d’écran : les boutons de la borne sont de vrais boutons, « Terminer ma session » compris', async () => {
    await page.goto(`${server.url}?borne=1`);
    await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
    await idle(page);
    const ended = (await kiosk(page)).sessionsEnded;
    // The mirror is out of sight (1 px, clipped): its buttons are pressed from the keyboard, as a screen-reader user does.
    const mirror = page.getByRole('region', { name: 'Contenu de l’écran' });
    await mirror.getByRole('button', { name: 'Je vérifie mes droits', exact: true }).press('Enter');
    await idle(page);
    assert.equal((await state(page)).view, 'droits');
    await mirror.getByRole('button', { name: 'Terminer ma session', exact: true }).press('Enter');
    await idle(page);
    const s = await state(page);
    assert.equal(s.kiosk.sessionsEnded, ended + 1);
    assert.equal(s.view, 'borne');
  });

  test('personnel du CIO : quitter la borne seulement si aucune donnée d’établissement n’est exposée', async () => {
    await page.goto(`${server.url}?borne=1`);
    await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
    await idle(page);
    // An establishment profile on this device, no passphrase: the kiosk cannot be left from the kiosk.
    await page.evaluate(() => window.Module.FS.writeFile('/data/profile.json', '{"format":"passerelle.establishment/1"}'));
    await click(page, 'borne.staff');
    assert.equal((await kiosk(page)).screen, 'personnel');
    const vault = (await state(page)).vault;
    if (vault?.configured) {
      assert.equal(await page.evaluate(() => window.passerelle.rect('borne.leave')), null);
    } else {
      assert.ok(await rect(page, 'borne.staff.refused'));
      assert.equal(await page.evaluate(() => window.passerelle.rect('borne.leave')), null);
      // Nothing to protect: staff may leave.
      await page.evaluate(() => { window.Module.FS.unlink('/data/profile.json'); window.passerelle.wake(); });
      await idle(page);
      await click(page, 'borne.leave');
      const s = await state(page);
      assert.equal(s.kiosk.active, false);
      assert.equal(s.view, 'home');
      assert.doesNotMatch(page.url(), /borne=1/);
    }
  });

  test('le contrôle voit bien ce qui est enregistré (la recherche ne passe pas à côté)', async () => {
    // Outside a kiosk, a value written to /data reaches IndexedDB and both probes find it.
    await page.evaluate(() => window.Module.FS.writeFile('/data/controle.txt', 'né le 17/03/2012, département "976"'));
    await page.evaluate(() => new Promise((resolve, reject) => window.Module.FS.syncfs(false, (e) => (e ? reject(e) : resolve()))));
    assert.ok(findValues(await rawIndexedDb(page), TYPED).length >= 2);
    assert.ok(findValues(await fileTree(page), TYPED).length >= 2);
    await page.evaluate(() => window.Module.FS.unlink('/data/controle.txt'));
    await page.evaluate(() => new Promise((resolve, reject) => window.Module.FS.syncfs(false, (e) => (e ? reject(e) : resolve()))));
  });

  test('aucune requête hors des fichiers de l’application ; zéro violation de la CSP', async () => {
    const origin = server.url.replace(/\/$/, '');
    assert.ok(requests.length > 10);
    assert.deepEqual(foreignRequests(requests, origin, distFiles(distDir())), []);
    assert.deepEqual(await csp.violations(page), []);
  });
});

describe('Mode borne sur un poste protégé par une phrase de passe', () => {
  const PASS = 'borne du CIO de Salon, 2026';
  let server;
  let browser;
  let page;
  const vault = (p) => p.evaluate(() => JSON.parse(window.Module.UTF8ToString(window.Module._passerelle_vault_state_json())));
  const call = (p, fn, text) => p.evaluate(([f, t]) => JSON.parse(window.Module.UTF8ToString(
    window.PasserelleWeb.callWithString(window.Module[f], t))), [fn, text]);

  before(async () => {
    server = await startServer();
    browser = await launch({ viewport: { width: 1100, height: 800 } });
    page = browser.context.pages()[0] || (await browser.context.newPage());
    assert.deepEqual(await openApp(page, server.url), []);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('démarrer la borne verrouille l’espace établissement ; en sortir demande la phrase de passe', async () => {
    assert.equal((await call(page, '_passerelle_vault_protect', PASS)).ok, true);
    assert.equal((await vault(page)).unlocked, true);
    await click(page, 'door.borne');
    await click(page, 'borne.start');
    assert.equal((await vault(page)).unlocked, false, 'la borne démarre verrouillée');
    await click(page, 'borne.staff');
    assert.ok(await rect(page, 'vault.gate'), 'la porte de l’espace établissement');
    assert.equal(await page.evaluate(() => window.passerelle.rect('borne.leave')), null);
    await typeInto(page, 'vault.passphrase', 'une autre phrase de passe');
    await click(page, 'vault.unlock');
    assert.equal((await state(page)).kiosk.active, true, 'mauvaise phrase : toujours une borne');
    assert.equal((await vault(page)).unlocked, false);
    await typeInto(page, 'vault.passphrase', PASS);
    await click(page, 'vault.unlock');
    await idle(page);
    const s = await state(page);
    assert.equal(s.kiosk.active, false, 'la bonne phrase quitte la borne');
    assert.equal(s.view, 'home');
    assert.equal((await vault(page)).unlocked, true);
  });

  test('la fin d’une session verrouille l’espace établissement', async () => {
    await click(page, 'door.borne');
    await click(page, 'borne.start');
    assert.equal((await vault(page)).unlocked, false);
    // Unlocked from outside (a CIO staff member at the console), then a visitor's session ends: locked again.
    assert.equal((await call(page, '_passerelle_vault_unlock', PASS)).ok, true);
    await click(page, 'kiosk.end');
    assert.equal((await vault(page)).unlocked, false);
  });
});
