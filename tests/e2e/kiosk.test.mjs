// The CIO kiosk: started from its door or the address, printed summary; « Terminer ma session » and the inactivity timeout leave nothing behind, not even in freed memory (a fresh page).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { click, distDir, launch, openApp, rect, screenshot, startServer } from './browser.mjs';
import { serve } from '../../web/serve.mjs';
import { distFiles, fileTree, findValues, foreignRequests, heapCopies, rawIndexedDb, recordRequests, until, watchCsp } from './kiosk_probe.mjs';

const state = (page) => page.evaluate(() => window.passerelle.state());
const idle = (page) => page.evaluate(() => window.passerelle.idle());
const kiosk = async (page) => (await state(page)).kiosk;
const wizard = async (page) => (await state(page)).wizard;

// What the visitor types, distinctive enough to be searched for in raw storage: a birth date (as typed,
// as stored, as printed), a name (typed where the département is asked, as visitors do), a
// département, and the reference date they changed.
const BIRTH_TYPED = '17/03/2012';
const NAME_TYPED = 'Maëlys Quintanilla';
const TYPED = [BIRTH_TYPED, '2012-03-17', '17 mars 2012', NAME_TYPED, '"976"', '05/05/2026', '2026-05-05', '5 mai 2026'];
// The typed forms that only a visitor can have put in memory (the rule packs in the binary hold other dates).
const HEAP_TYPED = [BIRTH_TYPED, '2012-03-17', '17 mars 2012', NAME_TYPED, '05/05/2026'];

// Establishment data stored before the kiosk starts: it must survive every fresh page.
const SCHEME = 'stage-seconde';
const fieldOf = (d) => d?.sections.find((x) => x.id === 'lycee').fields.referent_nom;
async function storeDossiers(page, n) {
  const ids = [];
  for (let i = 0; i < n; i++) {
    const r = await page.evaluate((s) => window.passerelle.dossiers.create(s, { on: '2026-05-04' }, 'lycee'), SCHEME);
    assert.ok(r.id, JSON.stringify(r));
    ids.push(r.id);
  }
  await page.evaluate(() => window.passerelle.storageSettled());
  return ids;
}
const dossier = (page, id) => page.evaluate((i) => window.passerelle.dossiers.get(i), id);

const appUp = () => !!(window.passerelle && window.PasserelleWeb && window.PasserelleWeb.frames.count > 0);

// Ends the visitor's session with `act` (a click, or nothing for the timeout) and waits for the page
// that replaces this one: a new document (the marker set here is gone), drawn on the kiosk home.
async function endAndWaitFresh(page, act, timeoutMs = 20000) {
  await page.evaluate(() => { window.__visitorPage = true; });
  await act();
  await until(page, () => !window.__visitorPage && window.passerelle && window.PasserelleWeb.frames.count > 0 &&
    window.passerelle.state().view === 'borne', 'la page neuve de la borne', timeoutMs);
  await idle(page);
}
// A click that may start a navigation: no idle() afterwards (the page it would ask may be gone).
async function press(page, name) {
  const r = await rect(page, name);
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
}

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
        await typeInto(page, 'droits.departement', NAME_TYPED);
        await page.keyboard.press('Enter');
        await idle(page);
        await click(page, 'droits.departement');
        await page.keyboard.press('End');
        for (let k = 0; k < NAME_TYPED.length; k++) await page.keyboard.press('Backspace');
        await page.keyboard.type('976');
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
  // On a fresh page the self-check was never opened ({}); without the reload it is back at its start.
  const w = await wizard(page);
  if (Object.keys(w).length) {
    assert.equal(w.screen, 'debut', 'le questionnaire revient au début');
    assert.equal(w.steps, 0);
    assert.equal(w.situation?.person?.birth_date, undefined);
    assert.equal(w.situation?.person?.departement, undefined);
  }
  const s = await state(page);
  assert.notEqual(s.referenceDate, '2026-05-05', 'la date de référence revient à aujourd’hui');
  assert.equal(s.view, 'borne');
  assert.equal(s.kiosk.screen, 'accueil');
  assert.equal(await page.evaluate(() => document.getElementById('passerelle-text')?.value ?? ''), '');
  // The app's memory, freed blocks included: the page is a new one, its heap never held the visit.
  assert.deepEqual(await heapCopies(page, HEAP_TYPED), {}, 'le tas wasm (UTF-8, UTF-16, UTF-32)');
}

// The page after a session's end: a fresh kiosk home at the kiosk's own address (no visitor screen in
// the address), no history entry added by the visit, the establishment's dossiers still there.
async function assertFreshHome(page, { historyLength, dossiers, search = '?borne=1' }) {
  const url = new URL(page.url());
  assert.equal(url.search, search, 'l’adresse de la borne, ses réglages gardés');
  assert.ok(['', '#borne'].includes(url.hash), `aucun écran du visiteur dans l’adresse : ${url.hash}`);
  const s = await state(page);
  assert.equal(s.kiosk.active, true, 'toujours une borne, prête pour le visiteur suivant');
  assert.equal(s.kiosk.sessionsEnded, 0, 'une page neuve');
  assert.equal(s.kiosk.freshPageError, '');
  assert.ok(await rect(page, 'borne.welcome'), 'l’accueil de la borne est dessiné');
  assert.equal(await page.evaluate(() => history.length), historyLength, 'l’historique n’a pas grandi avec les écrans du visiteur');
  for (const [id, referent] of Object.entries(dossiers)) {
    const d = await dossier(page, id);
    assert.ok(d, `le dossier ${id} est toujours là`);
    if (referent) assert.equal(fieldOf(d), referent, `la modification en attente du dossier ${id} a été enregistrée`);
  }
  await assertNothingLeft(page);
  // …and the heap probe does read this page's heap: the app's own texts are there.
  assert.ok(Object.keys(await heapCopies(page, ['Je vérifie mes droits'])).length > 0, 'la sonde lit bien le tas de la page neuve');
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

  test('« Terminer ma session » : résumé imprimé (jamais téléchargé), puis une page neuve où rien de ce qui a été saisi ne reste', async () => {
    const historyLength = await page.evaluate(() => history.length);
    await answerWizard(page);
    // The probe does find the typing while the session runs (the name too, in more than one encoding).
    const during = await heapCopies(page, HEAP_TYPED);
    assert.ok(Object.keys(during).some((k) => k.startsWith(NAME_TYPED)), `le nom en mémoire pendant la session : ${JSON.stringify(during)}`);
    assert.ok(Object.keys(during).some((k) => k.startsWith(BIRTH_TYPED)), 'la date en mémoire pendant la session');
    console.log(`# copies en mémoire pendant la session : ${JSON.stringify(during)}`);
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

    assert.ok(await page.evaluate(() => history.length) <= historyLength, 'les écrans du visiteur remplacent l’entrée d’historique');

    await endAndWaitFresh(page, () => press(page, 'kiosk.end'));
    await assertFreshHome(page, { historyLength, dossiers: {} });
    assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation')[0].type), 'navigate',
      'remplacée par location.replace (pas un rechargement qui garderait l’entrée)');
    await screenshot(page, 'kiosk-fresh-home.png');
    // The offline files are still there for the next visitor.
    assert.ok((await page.evaluate(() => caches.keys())).some((n) => n.startsWith('passerelle-')));
  });

  test('inactivité : « Êtes-vous toujours là ? » avec décompte, « Continuer » garde tout, puis la fin efface tout', async () => {
    const address = '?borne=1&inactivite=3&decompte=3';
    await page.goto(`${server.url}${address}`);
    await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
    await idle(page);
    const historyLength = await page.evaluate(() => history.length);
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

    // Nobody answers this time: the warning, then the end — nothing else can end it, nobody acts.
    await page.waitForFunction(() => window.passerelle.state().kiosk.phase === 'warning', null, { timeout: 15000 });
    await endAndWaitFresh(page, async () => {});
    k = await kiosk(page);
    assert.equal(k.phase, 'active');
    assert.equal(k.idleSeconds, 3, 'les réglages de la borne sont gardés');
    assert.equal(await page.evaluate(() => window.passerelle.rect('kiosk.warning')), null);
    await assertFreshHome(page, { historyLength, dossiers: {}, search: address });
  });

  test('une borne que personne n’utilise ne se recharge pas à chaque délai d’inactivité', async () => {
    // The fresh page of the test above, untouched: its timeout wipes nothing and keeps the page.
    await page.evaluate(() => { window.__untouched = true; });
    await page.waitForFunction(() => window.passerelle.state().kiosk.sessionsEnded >= 1, null, { timeout: 15000 });
    await idle(page);
    assert.equal(await page.evaluate(() => window.__untouched), true, 'la même page');
    assert.equal((await state(page)).kiosk.freshPage, '');
  });

  test('lecteur d’écran : les boutons de la borne sont de vrais boutons, « Terminer ma session » compris', async () => {
    await page.goto(`${server.url}?borne=1`);
    await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
    await idle(page);
    // The mirror is out of sight (1 px, clipped): its buttons are pressed from the keyboard, as a screen-reader user does.
    const mirror = page.getByRole('region', { name: 'Contenu de l’écran' });
    await mirror.getByRole('button', { name: 'Je vérifie mes droits', exact: true }).press('Enter');
    await idle(page);
    assert.equal((await state(page)).view, 'droits');
    await endAndWaitFresh(page, () => mirror.getByRole('button', { name: 'Terminer ma session', exact: true }).press('Enter'));
    const s = await state(page);
    assert.equal(s.kiosk.sessionsEnded, 0, 'une page neuve');
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
    await endAndWaitFresh(page, () => press(page, 'kiosk.end'));
    assert.equal((await vault(page)).unlocked, false);
    assert.equal((await state(page)).kiosk.active, true);
  });
});

describe('Fin de session sur un poste qui garde des dossiers : enregistrer, puis une page neuve, même hors ligne', () => {
  let server;
  let browser;
  let page;
  let ids;
  const edit = (p, id, value) => p.evaluate(([i, v]) => window.passerelle.dossiers.edit(i, 'lycee', 'referent_nom', v), [id, value]);

  before(async () => {
    server = await serve({ root: distDir(), port: 0 });
    browser = await launch({ viewport: { width: 1100, height: 800 } });
    await browser.context.addInitScript(() => { window.print = () => {}; });
    page = browser.context.pages()[0] || (await browser.context.newPage());
    assert.deepEqual(await openApp(page, server.url), []);
    await until(page, () => window.PasserelleWeb.offline.state === 'ready', 'service worker prêt');
    ids = await storeDossiers(page, 3);
    await page.goto(`${server.url}?borne=1`);
    await until(page, appUp, 'la borne');
    await idle(page);
    assert.equal((await kiosk(page)).active, true);
    assert.equal((await state(page)).dossiers.count, 3, 'les dossiers de l’établissement sous la borne');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('une modification de dossier en attente est enregistrée avant la page neuve', async () => {
    const historyLength = await page.evaluate(() => history.length);
    await answerWizard(page, { stopAfterBirthDate: true });
    // A change of the establishment's data not saved yet (the save waits for the end of a burst).
    assert.equal((await edit(page, ids[0], 'Mme Roussel, CPE')).ok, true);
    assert.equal(await page.evaluate(() => window.PasserelleWeb.storage.busy()), true, 'un enregistrement est en attente');
    await endAndWaitFresh(page, () => press(page, 'kiosk.end'));
    await assertFreshHome(page, { historyLength, dossiers: { [ids[0]]: 'Mme Roussel, CPE', [ids[1]]: null, [ids[2]]: null } });
  });

  test('si l’enregistrement échoue : pas de page neuve, la session est tout de même effacée et le message s’affiche', async () => {
    await answerWizard(page, { stopAfterBirthDate: true });
    // IndexedDB refuses every write, as with a full disk.
    await page.evaluate(() => {
      window.__put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function () { throw new DOMException('quota', 'QuotaExceededError'); };
      window.__visitorPage = true;
    });
    assert.equal((await edit(page, ids[1], 'M. Girard')).ok, true);
    await press(page, 'kiosk.end');
    await page.waitForFunction(() => window.passerelle.state().kiosk.freshPageError !== '', null, { timeout: 15000 });
    await idle(page);
    assert.equal(await page.evaluate(() => window.__visitorPage), true, 'la page n’a pas été remplacée');
    const s = await state(page);
    assert.match(s.kiosk.freshPageError, /^La borne n’a pas pu repartir sur une page neuve : l’enregistrement des données de l’établissement a échoué \(QuotaExceededError\)\./);
    assert.ok(await rect(page, 'borne.fresh_error'), 'le message est sur l’accueil de la borne');
    assert.equal(s.view, 'borne');
    assert.equal(s.wizard.screen, 'debut', 'l’effacement a bien eu lieu');
    assert.equal(s.wizard.situation.person?.birth_date, undefined);
    assert.equal(await page.evaluate(() => window.passerelle.rect('kiosk.end') !== null), true);
    await screenshot(page, 'kiosk-fresh-failed.png');

    // The disk accepts writes again: the next end saves what failed, then replaces the page.
    await page.evaluate(() => { IDBObjectStore.prototype.put = window.__put; });
    const historyLength = await page.evaluate(() => history.length);
    await endAndWaitFresh(page, () => press(page, 'kiosk.end'));
    await assertFreshHome(page, { historyLength, dossiers: { [ids[0]]: 'Mme Roussel, CPE', [ids[1]]: 'M. Girard' } });
  });

  test('un navigateur qui empêche le rechargement : l’effacement reste, l’accueil redevient utilisable', async () => {
    await answerWizard(page, { stopAfterBirthDate: true });
    // « Leave this page? » answered « no » (Playwright dismisses dialogs): the navigation does not happen.
    await page.evaluate(() => {
      window.__blockUnload = (e) => { e.preventDefault(); e.returnValue = ''; };
      window.addEventListener('beforeunload', window.__blockUnload);
      window.__visitorPage = true;
    });
    const dialogs = [];
    const dismiss = (d) => { dialogs.push(d.type()); d.dismiss().catch(() => {}); };
    page.on('dialog', dismiss);
    await press(page, 'kiosk.end');
    await page.waitForFunction(() => window.PasserelleWeb.kiosk.fresh.reloads === 1, null, { timeout: 15000 });
    await page.waitForFunction(() => window.passerelle.state().kiosk.freshPage === '', null, { timeout: 15000 });
    await idle(page);
    assert.equal(await page.evaluate(() => window.__visitorPage), true, 'la même page');
    const s = await state(page);
    assert.equal(s.wizard.screen, 'debut', 'l’effacement a bien eu lieu');
    assert.equal(s.wizard.situation?.person?.birth_date, undefined);
    assert.ok(await rect(page, 'borne.droits'), 'l’accueil de la borne est de nouveau utilisable');
    assert.deepEqual(dialogs, ['beforeunload'], 'le rechargement a bien été demandé, puis refusé');
    page.off('dialog', dismiss);
    await page.evaluate(() => window.removeEventListener('beforeunload', window.__blockUnload));
  });

  test('hors ligne (serveur arrêté) : la page neuve vient du service worker', async () => {
    assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'la page est servie par le service worker');
    const port = new URL(server.url).port;
    await server.close();
    server = null;
    await assert.rejects(fetch(`http://127.0.0.1:${port}/index.html`), 'le serveur est bien arrêté');
    const historyLength = await page.evaluate(() => history.length);
    await answerWizard(page, { stopAfterBirthDate: true });
    await endAndWaitFresh(page, () => press(page, 'kiosk.end'));
    await assertFreshHome(page, { historyLength, dossiers: { [ids[0]]: 'Mme Roussel, CPE', [ids[1]]: 'M. Girard', [ids[2]]: null } });
    assert.ok(await page.evaluate(() => window.PasserelleWeb.offline.version), 'la version servie par le cache');
    await screenshot(page, 'kiosk-fresh-offline.png');
  });
});
