// The app in headless Chromium: French text typed for real (keys, dead key, IME), clipboard, storage, idle.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { click, launch, openApp, rect, screenshot, startServer } from './browser.mjs';
import { withApp } from './fixture.mjs';

const NAME = 'Lycée Cœur « Saint-Exupéry » — 5 €';
const SECTOR = 'privé sous contrat — « œuvre » d’Église';

const state = (page) => page.evaluate(() => window.passerelle.state());
const idle = (page, ms) => page.evaluate((q) => window.passerelle.idle(q), ms);
const realErrors = (errors) => errors.filter((e) => !/favicon/.test(e));

describe('Passerelle dans Chromium (profil neuf)', () => {
  let server;
  let browser;
  let page;
  let cdp;
  let errors;

  withApp({ permissions: ['clipboard-read', 'clipboard-write'] }, async (app) => {
    ({ server, browser, page, errors } = app);
    cdp = await browser.context.newCDPSession(page);
  });

  test("l'accueil s'affiche en français avec les glyphes français", async () => {
    const s = await state(page);
    assert.equal(s.view, 'home');
    assert.deepEqual(s.missingGlyphs, [], 'œ, €, —, « », ’ doivent exister dans la police');
    assert.match(s.referenceDate, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(s.storage.status, 'saved');
    for (const door of ['door.droits', 'door.etablissement', 'door.borne', 'home.reference_date', 'storage.status']) {
      const r = await rect(page, door);
      assert.ok(r.w > 0 && r.h > 0, door);
    }
    // The canvas fills the window at the device's pixel density.
    const win = await page.evaluate(() => [innerWidth, innerHeight, devicePixelRatio]);
    assert.deepEqual([s.canvas.width, s.canvas.height], [win[0] * win[2], win[1] * win[2]]);
    await screenshot(page, 'home.png');
    assert.deepEqual(realErrors(errors), []);
  });

  test('sans événement, aucune image n’est redessinée', async () => {
    const before1 = await idle(page, 300);
    await page.waitForTimeout(1200);
    const s = await state(page);
    assert.equal(s.frames, before1, `${s.frames - before1} image(s) dessinée(s) pendant 1,2 s d'inactivité`);
    await page.mouse.move(50, 50);
    await page.mouse.move(60, 60);
    await idle(page);
    assert.ok((await state(page)).frames > before1, 'un mouvement de souris redessine');
  });

  test('taper du texte accentué : touches réelles et insertion de texte', async () => {
    await click(page, 'profile.name');
    let s = await state(page);
    assert.equal(s.textInput, true);
    assert.equal(s.textFocused, true, "le champ caché du pont de saisie doit avoir le focus");
    assert.equal(s.focused, 'profile.name');
    // keyboard.type sends real key events for ASCII and Input.insertText for é, œ, «, —, €.
    await page.keyboard.type('Lycée Cœur « Saint-Exupéry » — 5 €x');
    await page.keyboard.press('Backspace');
    await idle(page);
    assert.equal((await state(page)).profile.name, NAME);
  });

  test("touche morte (^ puis e → ê) et composition IME", async () => {
    await click(page, 'profile.commune');
    await page.keyboard.type('La For');
    // Dead key: the browser shows « ^ » as a composition, then commits « ê ».
    await cdp.send('Input.imeSetComposition', { text: '^', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: 'ê' });
    await page.keyboard.type('t');
    await idle(page);
    assert.equal((await state(page)).profile.commune, 'La Forêt');

    await click(page, 'profile.department');
    await page.keyboard.type('Bouches-du-');
    // IME composition over several steps, committed as one word.
    for (const step of ['R', 'Rh', 'Rhô', 'Rhôn']) {
      await cdp.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
    }
    await cdp.send('Input.insertText', { text: 'Rhône' });
    await idle(page);
    assert.equal((await state(page)).profile.department, 'Bouches-du-Rhône');
  });

  test('Tab passe au champ suivant (navigation clavier)', async () => {
    await click(page, 'profile.name');
    await page.keyboard.press('Tab');
    await idle(page);
    assert.equal((await state(page)).focused, 'profile.uai');
    await page.keyboard.type('0750655F');
    await idle(page);
    const s = await state(page);
    assert.equal(s.profile.uai, '0750655F');
    assert.match(s.profileProblems.join(' '), /lettre de contrôle devrait être E/);
    assert.ok(await rect(page, 'profile.uai.problem'));
    await page.keyboard.press('Backspace');
    await page.keyboard.type('E');
    await idle(page);
    assert.deepEqual((await state(page)).profileProblems, []);
  });

  test('coller depuis le presse-papiers du navigateur, copier vers lui', async () => {
    await page.evaluate((t) => navigator.clipboard.writeText(t), SECTOR);
    await click(page, 'profile.sector');
    await page.keyboard.press('Control+V');
    await page.waitForFunction((t) => window.passerelle.state().profile.sector === t, SECTOR, { timeout: 3000 });
    await idle(page);

    await click(page, 'profile.name');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    await idle(page);
    await page.waitForFunction((t) => navigator.clipboard.readText().then((c) => c === t), NAME, { timeout: 3000 });
    await page.keyboard.press('Escape');
    await idle(page);
    await screenshot(page, 'profile-typed.png');
  });

  test('les écritures sont enregistrées par lots, sans synchronisations simultanées', async () => {
    assert.equal(await page.evaluate(() => window.passerelle.storageSettled()), 'saved');
    const s = await state(page);
    assert.equal(s.storage.maxConcurrent, 1, 'deux FS.syncfs ne doivent jamais se chevaucher');
    // About 90 edits were typed above: a save per keystroke would mean dozens of syncs.
    assert.ok(s.storage.syncs >= 1 && s.storage.syncs <= 15, `${s.storage.syncs} synchronisations`);
    assert.equal(s.storage.failures, 0);
  });

  test('indicateur : « Enregistrement… » puis « Erreur d’enregistrement », et vidage à pagehide', async () => {
    await click(page, 'profile.commune');
    // The browser refuses the next saves (full disk, revoked permission…).
    await page.evaluate(() => {
      const fs = window.Module.FS;
      window.__realSyncfs = fs.syncfs;
      fs.syncfs = (populate, cb) => setTimeout(() => cb(new Error('QuotaExceededError')), 5);
    });
    await page.keyboard.type('x');
    await idle(page, 50);
    assert.equal((await state(page)).storage.status, 'saving', 'pendant l’attente du lot : « Enregistrement… »');
    assert.equal(await page.evaluate(() => window.passerelle.storageSettled()), 'error');
    await idle(page);
    let s = await state(page);
    assert.match(s.storage.detail, /^Erreur d’enregistrement/);
    assert.ok(await rect(page, 'storage.detail'), 'le détail de l’erreur est affiché');
    await screenshot(page, 'storage-error.png');

    // Back to normal: the next edit retries; pagehide saves at once, without waiting for the batch.
    await page.evaluate(() => { window.Module.FS.syncfs = window.__realSyncfs; });
    const syncsBefore = s.storage.syncs;
    await page.keyboard.press('Backspace');
    await idle(page, 50);
    await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    s = await state(page);
    assert.equal(s.storage.syncs, syncsBefore + 1, 'pagehide lance la sauvegarde sans attendre');
    assert.equal(await page.evaluate(() => window.passerelle.storageSettled()), 'saved');
    assert.equal((await state(page)).profile.commune, 'La Forêt');
    await page.keyboard.press('Escape');
    await idle(page);
  });

  test('après rechargement, le profil est retrouvé (IndexedDB)', async () => {
    await page.reload();
    await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
    await idle(page);
    const s = await state(page);
    assert.deepEqual(s.profile, {
      name: NAME, uai: '0750655E', commune: 'La Forêt', department: 'Bouches-du-Rhône', sector: SECTOR,
    });
    assert.equal(s.profileLoadError, '');
    await screenshot(page, 'profile-reloaded.png');
  });

  test('les portes ouvrent leurs vues, et « Accueil » ramène à l’accueil', async () => {
    // The kiosk door starts a kiosk session (full screen, its own bar): tests/e2e/kiosk.test.mjs.
    assert.ok(await rect(page, 'door.borne'));
    for (const [door, view, widget] of [['door.droits', 'droits', 'droits.title'], ['door.etablissement', 'etablissement', 'etab.classlist'],
      ['door.dossier-signe', 'dossier-signe', 'bundle.open']]) {
      await click(page, door);
      assert.equal((await state(page)).view, view);
      assert.ok(await rect(page, widget), `${view} : ${widget} affiché`);
      if (view === 'droits') await screenshot(page, 'door-droits.png');
      await click(page, 'nav.home');
      assert.equal((await state(page)).view, 'home');
    }
  });

  test('importer un profil invalide : message en français, rien de remplacé', async () => {
    const chooser = page.waitForEvent('filechooser');
    await click(page, 'profile.import');
    await (await chooser).setFiles({ name: 'profil.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"passerelle.establishment/1","ville":"Nice"}') });
    await page.waitForFunction(() => window.passerelle.state().profileImportMessage !== '', null, { timeout: 3000 });
    const s = await state(page);
    assert.match(s.profileImportMessage, /n’a pas été importé : .*champ inconnu "ville"/);
    assert.equal(s.profile.name, NAME);
  });

  test('exporter le profil télécharge un JSON relisible', async () => {
    const download = page.waitForEvent('download');
    await click(page, 'profile.export');
    const stream = await (await download).createReadStream();
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    const doc = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    assert.equal(doc.format, 'passerelle.establishment/1');
    assert.equal(doc.name, NAME);
  });
});

describe('Passerelle sans IndexedDB (navigation privée, stockage bloqué)', () => {
  test("démarre, le dit en français et fonctionne en mémoire", async () => {
    const server = await startServer();
    const browser = await launch();
    try {
      const page = browser.context.pages()[0] || (await browser.context.newPage());
      await page.addInitScript(() => { Object.defineProperty(window, 'indexedDB', { get: () => undefined }); });
      const errors = await openApp(page, server.url);
      let s = await state(page);
      assert.equal(s.storage.status, 'unavailable');
      assert.match(s.storage.detail, /Stockage indisponible.*perdu à la fermeture/);
      assert.ok(await rect(page, 'storage.detail'));
      await click(page, 'profile.name');
      await page.keyboard.type('CIO de Nice');
      await idle(page);
      s = await state(page);
      assert.equal(s.profile.name, 'CIO de Nice');
      assert.equal(s.storage.status, 'unavailable');
      await screenshot(page, 'no-indexeddb.png');
      assert.deepEqual(realErrors(errors), []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('Passerelle sur un écran haute densité (devicePixelRatio 2)', () => {
  test('le canevas et les polices suivent la densité', async () => {
    const server = await startServer();
    const browser = await launch({ deviceScaleFactor: 2, viewport: { width: 800, height: 700 } });
    try {
      const page = browser.context.pages()[0] || (await browser.context.newPage());
      await openApp(page, server.url);
      const s = await state(page);
      assert.equal(s.dpr, 2);
      assert.equal(s.fontDpr, 2);
      assert.deepEqual([s.canvas.width, s.canvas.height], [1600, 1400]);
      assert.deepEqual(s.display, [800, 700]);
      // Rectangles stay in CSS pixels whatever the density.
      const r = await rect(page, 'profile.name');
      assert.ok(r.x > 0 && r.x + r.w <= 800);
      await screenshot(page, 'home-hidpi.png');
      await page.setViewportSize({ width: 420, height: 800 });
      await page.waitForFunction(() => window.passerelle.state().canvas.width === 840, null, { timeout: 3000 });
      await idle(page);
      const narrow = await rect(page, 'door.borne');
      const first = await rect(page, 'door.droits');
      assert.ok(narrow.y > first.y, 'sur un écran étroit les portes sont empilées');
      await screenshot(page, 'home-narrow-hidpi.png');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('Passerelle sur un écran tactile étroit (téléphone)', () => {
  test('un glissé du doigt fait défiler, un toucher sur un champ ouvre la saisie', async () => {
    const server = await startServer();
    const browser = await launch({ hasTouch: true, viewport: { width: 390, height: 700 }, deviceScaleFactor: 2 });
    try {
      const page = browser.context.pages()[0] || (await browser.context.newPage());
      await openApp(page, server.url);
      const cdp = await browser.context.newCDPSession(page);
      const before1 = await rect(page, 'profile.title');
      const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', {
        type, touchPoints: type === 'touchEnd' ? [] : [{ x: 200, y }],
      });
      await touch('touchStart', 600);
      for (let y = 580; y >= 200; y -= 20) await touch('touchMove', y);
      await touch('touchEnd');
      await idle(page);
      const after1 = await rect(page, 'profile.title');
      assert.ok(after1.y < before1.y - 200, `le contenu doit remonter (${before1.y} → ${after1.y})`);
      assert.equal((await state(page)).view, 'home', 'un glissé n’est pas un clic');

      // Swipe (a little at a time) until the name field is on screen: how far depends on the home page's length.
      const swipe = async (dy) => {
        await touch('touchStart', 400);
        for (let k = 1; k <= 5; k++) await touch('touchMove', 400 + (dy * k) / 5);
        await touch('touchEnd');
        await idle(page);
      };
      let field = await rect(page, 'profile.name');
      for (let i = 0; i < 20 && !(field && field.y > 80 && field.y + field.h < 650); i++) {
        await swipe(field && field.y <= 80 ? 150 : -150);
        field = await rect(page, 'profile.name');
      }
      assert.ok(field && field.y > 80 && field.y + field.h < 650, 'le champ « nom » est à l’écran');
      assert.equal((await state(page)).view, 'home', 'un glissé n’est pas un clic');
      await page.touchscreen.tap(field.x + field.w / 2, field.y + field.h / 2);
      await idle(page);
      const s = await state(page);
      assert.equal(s.focused, 'profile.name');
      assert.equal(s.textFocused, true);
      await page.keyboard.insertText('Mission locale d’Aubagne');
      await idle(page);
      assert.equal((await state(page)).profile.name, 'Mission locale d’Aubagne');
      await screenshot(page, 'phone-touch.png');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
