// The self-check wizard in headless Chromium: a 14-year-old to the SÉCURISATION verdict, keyboard only, reload, back button, download, erase.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { click, launch, openApp, rect, screenshot, startServer } from './browser.mjs';
import { withApp } from './fixture.mjs';

const SCHEME = 'paca-2026/securisation-entree-15-ans';
const state = (page) => page.evaluate(() => window.passerelle.state());
const wizard = async (page) => (await state(page)).wizard;
const idle = (page) => page.evaluate(() => window.passerelle.idle());
const mirror = (page) => page.evaluate(() => document.getElementById('a11y-mirror')?.innerText || '');

// The 14-year-old of the brief: born 2011-10-01, checked on 2026-05-04, in 3e, département 13, wants apprenticeship.
async function setReferenceDate(page, jjmmaaaa) {
  await click(page, 'droits.reference.input');
  await page.keyboard.type(jjmmaaaa);
  await page.keyboard.press('Enter');
  await idle(page);
}

// Answers whatever the engine asks, by clicking and typing, until the results screen.
async function answerByMouse(page, asked) {
  for (let i = 0; i < 25; i++) {
    const w = await wizard(page);
    if (w.screen === 'resultats') return;
    assert.equal(w.screen, 'q', `écran inattendu ${w.screen}`);
    asked.push(w.question);
    switch (w.question) {
      case 'requester': await click(page, 'droits.choice.eleve'); break;
      case 'person.birth_date':
        await click(page, 'droits.date');
        await page.keyboard.type('31/02/2011');
        await click(page, 'droits.validate');
        assert.match((await wizard(page)).dateError, /n’a que 28 jours/);
        assert.ok(await rect(page, 'droits.date.error'));
        await click(page, 'droits.date');
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
        await page.keyboard.type('01/10/2011');
        await click(page, 'droits.validate');
        break;
      case 'person.grade': await click(page, 'droits.choice.3e'); break;
      case 'person.departement':
        await click(page, 'droits.departement');
        await page.keyboard.type('13');
        await page.keyboard.press('Enter');
        await idle(page);
        break;
      case 'person.wants_apprenticeship': await click(page, 'droits.choice.oui'); break;
      default: await click(page, 'droits.dont_know');
    }
  }
  assert.fail('le questionnaire ne se termine pas');
}

describe('Je vérifie mes droits (profil neuf)', () => {
  let server;
  let browser;
  let page;
  const asked = [];

  withApp({ viewport: { width: 1280, height: 800 } }, (app) => ({ server, browser, page } = app));

  test('un élève de 14 ans arrive au verdict « entrée à 15 ans » : Oui, déposé par le collège', async () => {
    await click(page, 'door.droits');
    let w = await wizard(page);
    assert.equal(w.screen, 'debut');
    await setReferenceDate(page, '04/05/2026');
    assert.equal((await state(page)).referenceDate, '2026-05-04');
    await screenshot(page, 'wizard-intro-desktop.png');
    await click(page, 'droits.start');
    await screenshot(page, 'wizard-question-requester-desktop.png');
    await answerByMouse(page, asked);
    w = await wizard(page);
    assert.equal(w.verdicts[SCHEME], 'eligible');
    assert.equal(w.situation.person.birth_date, '2011-10-01');
    assert.equal(w.situation.person.grade, '3e');
    assert.equal(w.situation.person.departement, '13');
    // Asked in the engine's order: each question once, fewer than the 22 possible.
    assert.equal(new Set(asked).size, asked.length);
    assert.ok(asked.length < 22, `${asked.length} questions`);
    const card = `droits.card.${SCHEME}`;
    assert.ok(await rect(page, `${card}.verdict`));
    assert.ok(await rect(page, `${card}.contact`));
    const text = await mirror(page);
    assert.match(text, /Sécurisation[^\n]*: Oui\./i);
    assert.match(text, /Qui dépose : ton collège/);
    await screenshot(page, 'wizard-results-desktop.png');
    // Scroll to the card (mouse wheel over the results) for a picture of it.
    const r = await rect(page, `${card}.title`);
    await page.mouse.move(640, 500);
    await page.mouse.wheel(0, r.y - 120);
    await idle(page);
    await screenshot(page, 'wizard-results-card-desktop.png');
    await page.mouse.wheel(0, -(r.y + 2000));
    await idle(page);
  });

  test('le résumé téléchargé est un vrai fichier texte avec les verdicts', async () => {
    const download = page.waitForEvent('download');
    await click(page, 'droits.download');
    const file = await download;
    assert.match(file.suggestedFilename(), /^passerelle-mes-droits-2026-05-04\.txt$/);
    const text = fs.readFileSync(await file.path(), 'utf8');
    assert.match(text, /Vérifié comme au 4 mai 2026/);
    assert.match(text, /Réponse : Oui/);
    assert.match(text, /Qui dépose la demande : ton collège/);
    assert.match(text, /1er octobre 2011/);
    assert.match(text, /sources : /);
  });

  test('le récapitulatif permet de modifier une réponse', async () => {
    await click(page, 'droits.to_summary');
    assert.equal((await wizard(page)).screen, 'reponses');
    await screenshot(page, 'wizard-summary-desktop.png');
    const gradeStep = asked.indexOf('person.grade') + 1;
    await click(page, `droits.edit.${gradeStep}`);
    let w = await wizard(page);
    assert.equal(w.question, 'person.grade');
    await click(page, 'droits.choice.4e');
    w = await wizard(page);
    assert.equal(w.screen, 'reponses', 'après une modification, retour au récapitulatif');
    assert.equal(w.verdicts[SCHEME], 'not_eligible');
    await click(page, `droits.edit.${gradeStep}`);
    await click(page, 'droits.choice.3e');
    await click(page, 'droits.to_results');
    assert.equal((await wizard(page)).verdicts[SCHEME], 'eligible');
  });

  test('le bouton retour du navigateur revient aux étapes, le rechargement garde les réponses', async () => {
    assert.match(page.url(), /#droits\/resultats$/);
    await page.goBack();
    await idle(page);
    let w = await wizard(page);
    assert.notEqual(w.screen, 'resultats');
    await page.goForward();
    await idle(page);
    assert.equal((await wizard(page)).screen, 'resultats');
    await page.evaluate(() => window.passerelle.storageSettled());
    await page.reload();
    await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0);
    await idle(page);
    w = await wizard(page);
    assert.equal((await state(page)).view, 'droits');
    assert.equal(w.screen, 'resultats');
    assert.equal(w.verdicts[SCHEME], 'eligible');
    // Back all the way: the home screen.
    for (let i = 0; i < 30 && (await state(page)).view !== 'home'; i++) {
      await page.goBack();
      await idle(page);
    }
    assert.equal((await state(page)).view, 'home');
  });

  test('« Supprimer toutes mes données » efface vraiment /data, IndexedDB compris', async () => {
    await page.goto(`${server.url}#droits/debut`);
    await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0);
    await idle(page);
    // A dossier with an attachment exists too: « tout » must include it.
    const created = await page.evaluate(() => window.passerelle.dossiers?.create('paca-2026/securisation-entree-15-ans',
      { format: 'passerelle.situation/1', on: '2026-05-04', person: { birth_date: '2011-10-01', grade: '3e', departement: '13', wants_apprenticeship: true } }, 'college'));
    await page.evaluate(() => window.passerelle.storageSettled());
    const list = (root) => page.evaluate((r) => {
      const FS = window.Module.FS;
      const out = [];
      const walk = (d) => { if (!FS.analyzePath(d).exists) return; for (const n of FS.readdir(d)) { if (n === '.' || n === '..') continue; const p = `${d}/${n}`; out.push(p); if (FS.isDir(FS.stat(p).mode)) walk(p); } };
      walk(r);
      return out;
    }, root);
    assert.ok(created?.id || created?.ok || created, 'un dossier a été créé');
    assert.ok((await list('/data/dossiers')).length > 0, 'des dossiers existent avant');
    assert.ok((await list('/data')).includes('/data/droits.json'), 'des réponses existent avant');
    await click(page, 'droits.privacy');
    assert.equal((await state(page)).view, 'donnees');
    await screenshot(page, 'privacy-desktop.png');
    await click(page, 'donnees.erase');
    await click(page, 'donnees.erase.confirm');
    assert.ok(await rect(page, 'donnees.message'));
    await page.evaluate(() => window.passerelle.storageSettled());
    // What remains is the empty dossier store the app opens again (store.json, index.json, dossiers/).
    const personal = async () => (await list('/data')).filter((p) => !['/data/store.json', '/data/index.json', '/data/dossiers'].includes(p));
    assert.deepEqual(await personal(), []);
    assert.deepEqual(await list('/attachments'), []);
    await page.reload();
    await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0);
    await idle(page);
    assert.deepEqual(await personal(), [], 'après rechargement, IndexedDB ne rend rien');
    assert.deepEqual(await list('/attachments'), []);
    void created;
    await page.goto(`${server.url}#droits/debut`);
    await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0);
    await idle(page);
    assert.equal((await wizard(page)).steps, 0);
  });
});

describe('Je vérifie mes droits au clavier seul, sur téléphone', () => {
  let server;
  let browser;
  let page;

  withApp({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hash: '#droits' }, (app) => ({ server, browser, page } = app));

  // Tab until the named control has the keyboard focus.
  async function tabTo(name) {
    for (let i = 0; i < 40; i++) {
      if ((await state(page)).focused === name) return;
      await page.keyboard.press('Tab');
      await idle(page);
    }
    assert.fail(`Tab n'atteint pas ${name} (focus : ${(await state(page)).focused})`);
  }

  test('tout le questionnaire se fait avec Tab, Entrée et la saisie', async () => {
    assert.equal((await state(page)).view, 'droits');
    await tabTo('droits.reference.input');
    await page.keyboard.type('04/05/2026');
    await page.keyboard.press('Enter');
    await idle(page);
    assert.equal((await state(page)).referenceDate, '2026-05-04');
    await screenshot(page, 'wizard-intro-phone.png');
    await tabTo('droits.start');
    await page.keyboard.press('Enter');
    await idle(page);
    for (let i = 0; i < 25; i++) {
      const w = await wizard(page);
      if (w.screen === 'resultats') break;
      const typed = { 'person.birth_date': ['droits.date', '01/10/2011'], 'person.departement': ['droits.departement', '13'] }[w.question];
      if (typed) {
        await tabTo(typed[0]);
        // The text bridge (hidden <input>) takes the keyboard once the field is active.
        await page.waitForFunction(() => window.passerelle.state().textFocused, null, { timeout: 3000 });
        await page.keyboard.type(typed[1]);
        await idle(page);
        if (w.question === 'person.birth_date') await screenshot(page, 'wizard-question-date-phone.png');
      } else {
        const target = { requester: 'droits.choice.famille', 'person.grade': 'droits.choice.3e', 'person.wants_apprenticeship': 'droits.choice.oui' }[w.question] || 'droits.dont_know';
        await tabTo(target);
      }
      await page.keyboard.press('Enter');
      await idle(page);
      const now = await wizard(page);
      assert.notDeepEqual(now, w, `Entrée doit faire avancer (${w.question}, focus ${(await state(page)).focused})`);
    }
    const w = await wizard(page);
    assert.equal(w.screen, 'resultats');
    assert.equal(w.situation.requester, 'famille');
    assert.equal(w.verdicts[SCHEME], 'eligible');
    await screenshot(page, 'wizard-results-phone.png');
  });
});
