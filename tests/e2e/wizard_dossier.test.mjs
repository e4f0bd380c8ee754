// « Préparer ce dossier » on a result card: an establishment answers the wizard, the dossier opens prefilled, survives a reload, is in the workspace table; a requester who may not file gets no button and the reason; the button through the screen-reader mirror and by Tab + Enter.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { click, rect, reload, screenshot } from './browser.mjs';
import { withApp } from './fixture.mjs';

const SCHEME = 'paca-2026/securisation-entree-15-ans';
const CARD = `droits.card.${SCHEME}`;
const PROFILE = { name: 'Collège Thiers', uai: '0130040Y', department: '13', sector: 'public' };

const state = (page) => page.evaluate(() => window.passerelle.state());
const wizard = async (page) => (await state(page)).wizard;
const idle = (page) => page.evaluate(() => window.passerelle.idle());
const named = (page, name) => page.evaluate((n) => window.passerelle.rect(n), name);
const table = (page) => page.evaluate(() =>
  JSON.parse(window.Module.UTF8ToString(window.Module._passerelle_workspace_state_json())).table);

// Wheels the page until `name` is drawn inside the window (result cards sit below the fold).
async function reveal(page, name) {
  const height = await page.evaluate(() => innerHeight);
  for (let i = 0; i < 40; i++) {
    const r = await named(page, name);
    if (r && r.y >= 40 && r.y + r.h <= height - 10) return r;
    await page.mouse.move(640, height / 2);
    await page.mouse.wheel(0, !r ? 300 : r.y < 40 ? r.y - 120 : r.y + r.h - height + 120);
    await idle(page);
  }
  throw new Error(`${name} reste hors de l’écran`);
}

async function typeInto(page, name, text) {
  await reveal(page, name);
  await click(page, name);
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await idle(page);
}

// The 14-year-old of the brief (born 2011-10-01, 3e, département 13, wants apprenticeship), asked for by `requester`.
async function answerAll(page, requester) {
  for (let i = 0; i < 25; i++) {
    const w = await wizard(page);
    if (w.screen === 'resultats') return;
    assert.equal(w.screen, 'q', `écran inattendu ${w.screen}`);
    switch (w.question) {
      case 'requester': await click(page, `droits.choice.${requester}`); break;
      case 'person.birth_date': await typeInto(page, 'droits.date', '01/10/2011'); break;
      case 'person.grade': await click(page, 'droits.choice.3e'); break;
      case 'person.departement': await typeInto(page, 'droits.departement', '13'); break;
      case 'person.wants_apprenticeship': await click(page, 'droits.choice.oui'); break;
      default: await click(page, 'droits.dont_know');
    }
  }
  assert.fail('le questionnaire ne se termine pas');
}

// The establishment's profile on the home screen, then the wizard as `requester` up to the results.
async function establishmentResults(page, requester) {
  for (const [field, value] of Object.entries(PROFILE)) await typeInto(page, `profile.${field}`, value);
  const p = (await state(page)).profile;
  assert.equal(p.name, PROFILE.name);
  assert.equal(p.uai, PROFILE.uai);
  await page.evaluate(() => window.scrollTo(0, 0));
  await click(page, 'door.droits');
  await typeInto(page, 'droits.reference.input', '04/05/2026');
  assert.equal((await state(page)).referenceDate, '2026-05-04');
  await click(page, 'droits.start');
  await answerAll(page, requester);
  const w = await wizard(page);
  assert.equal(w.verdicts[SCHEME], 'eligible');
  assert.equal(w.situation.requester, requester);
}

// Waits for the dossier screen and returns the id its address names.
async function openedDossierId(page) {
  await page.waitForFunction(() => window.passerelle.state().view === 'dossier', null, { timeout: 15000 });
  await idle(page);
  const hash = await page.evaluate(() => location.hash);
  const m = hash.match(/^#dossier\/([0-9a-f]{32})$/);
  assert.ok(m, `adresse du dossier : ${hash}`);
  return m[1];
}

describe('« Préparer ce dossier » depuis un résultat', () => {
  let page;
  let errors;
  let dossierId;
  withApp({ viewport: { width: 1280, height: 900 } }, (app) => ({ page, errors } = app));

  test('un établissement avec son profil répond au questionnaire ; « Préparer ce dossier » crée et ouvre le dossier', async () => {
    await establishmentResults(page, 'college');
    assert.equal((await state(page)).dossiers.count, 0, 'aucun dossier avant le clic');

    await reveal(page, `${CARD}.prepare`);
    await screenshot(page, 'wizard-prepare-dossier.png');
    await click(page, `${CARD}.prepare`);
    dossierId = await openedDossierId(page);
    assert.ok(await rect(page, 'dossier.title'), 'l’écran du dossier est affiché');
    assert.equal(await named(page, 'dossier.missing'), null, 'le dossier est trouvé');
    await screenshot(page, 'wizard-dossier-opened.png');
  });

  test('le dossier reprend la situation et le profil : élève, classe, établissement', async () => {
    const d = await page.evaluate((i) => window.passerelle.dossiers.get(i), dossierId);
    assert.equal(d.id, dossierId);
    assert.equal(d.scheme, SCHEME);
    const fields = (id) => d.sections.find((s) => s.id === id)?.fields ?? {};
    assert.equal(fields('eleve').date_naissance, '2011-10-01');
    assert.equal(fields('eleve').classe, '3e');
    assert.equal(fields('etablissement').uai, PROFILE.uai);
    assert.equal(fields('etablissement').nom, PROFILE.name);
    assert.equal(d.situation.person.birth_date, '2011-10-01');
    // The first dossier on this device asks who the establishment is for it; the collège answers.
    await click(page, 'dossier.role.choose.college');
    assert.ok(await rect(page, 'dossier.role.college'));
    assert.ok(await reveal(page, 'dossier.field.eleve.date_naissance.label'), 'le champ prérempli est affiché');
    await screenshot(page, 'wizard-dossier-prefilled.png');
  });

  test('le rechargement rouvre le même dossier', async () => {
    await page.evaluate(() => window.passerelle.storageSettled(15000));
    await reload(page);
    assert.equal((await state(page)).view, 'dossier');
    assert.equal(await page.evaluate(() => location.hash), `#dossier/${dossierId}`);
    assert.ok(await rect(page, 'dossier.title'));
    assert.equal(await named(page, 'dossier.missing'), null);
    const d = await page.evaluate((i) => window.passerelle.dossiers.get(i), dossierId);
    assert.equal(d.sections.find((s) => s.id === 'eleve').fields.date_naissance, '2011-10-01');
  });

  test('le dossier est dans le tableau de l’espace établissement', async () => {
    await page.evaluate(() => { location.hash = '#etablissement'; });
    await page.waitForFunction(() => window.passerelle.state().view === 'etablissement', null, { timeout: 10000 });
    await idle(page);
    const t = await table(page);
    assert.equal(t.total, 1, JSON.stringify(t));
    assert.deepEqual(t.rows.map((r) => [r.id, r.scheme]), [[dossierId, SCHEME]]);
    assert.ok(await rect(page, 'etab.row.0'), 'la ligne est affichée');
  });

  test('un CFA (qui ne peut pas déposer ce cas) n’a pas de bouton : la carte dit pourquoi', async () => {
    await page.evaluate(() => { location.hash = '#droits'; });
    await page.waitForFunction(() => window.passerelle.state().view === 'droits', null, { timeout: 10000 });
    await idle(page);
    if ((await wizard(page)).screen !== 'reponses') {
      await reveal(page, 'droits.to_summary');
      await click(page, 'droits.to_summary');
    }
    assert.equal((await wizard(page)).screen, 'reponses');
    await reveal(page, 'droits.edit.1');
    await click(page, 'droits.edit.1');
    assert.equal((await wizard(page)).question, 'requester');
    await click(page, 'droits.choice.cfa');
    assert.equal((await wizard(page)).screen, 'reponses');
    await reveal(page, 'droits.to_results');
    await click(page, 'droits.to_results');
    const w = await wizard(page);
    assert.equal(w.screen, 'resultats');
    assert.equal(w.situation.requester, 'cfa');
    assert.equal(w.verdicts[SCHEME], 'eligible', 'le jeune reste éligible : seul le déposant change');
    await reveal(page, `${CARD}.no_dossier`);
    assert.equal(await named(page, `${CARD}.prepare`), null, 'pas de bouton pour un CFA');
    await screenshot(page, 'wizard-dossier-refused-cfa.png');
    assert.equal((await state(page)).dossiers.count, 1, 'aucun dossier de plus');
    assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), []);
  });
});

// The mirror as a screen reader sees it: a region named « Contenu de l’écran ».
const region = (page) => page.getByRole('region', { name: 'Contenu de l’écran' });
const DOSSIER_TITLE = 'Sécurisation : entrée en apprentissage à 15 ans (cas a)'; // assets/dossiers/paca-2026.json

describe('« Préparer ce dossier » sans souris : lecteur d’écran et clavier', () => {
  let page;
  let errors;
  let first;
  withApp({ viewport: { width: 1280, height: 900 } }, (app) => ({ page, errors } = app));

  test('dans le miroir : un bouton par carte éligible, après sa carte, qui ouvre le dossier', async () => {
    await establishmentResults(page, 'college');
    const all = region(page).getByRole('button', { name: /Préparer ce dossier/ });
    await all.first().waitFor({ timeout: 15000 });
    const names = await all.allTextContents();
    assert.ok(names.length >= 1, 'au moins un bouton dans le miroir');
    assert.ok(names.every((n) => /^Préparer ce dossier — ./.test(n)), `chaque bouton nomme son dispositif : ${names.join(' | ')}`);
    assert.equal(new Set(names).size, names.length, 'deux cartes, deux noms différents');
    const prepare = region(page).getByRole('button', { name: `Préparer ce dossier — ${DOSSIER_TITLE}`, exact: true });
    assert.equal(await prepare.count(), 1, names.join(' | '));
    // Read after its card: the list item before the button's is the card's text (« Qui dépose … »).
    const before = await page.evaluate((n) => {
      const items = [...document.querySelectorAll('#a11y-mirror ol > li')];
      const at = items.findIndex((li) => li.dataset.key === `button:${n}`);
      return at > 0 ? items[at - 1].textContent : null;
    }, `${CARD}.prepare`);
    assert.match(before ?? '', /Qui dépose/, `l’élément lu avant le bouton : ${before}`);
    await prepare.press('Enter'); // a screen-reader user: focus and Enter, not a pointer on hidden DOM
    first = await openedDossierId(page);
    assert.ok(await rect(page, 'dossier.title'));
    const d = await page.evaluate((i) => window.passerelle.dossiers.get(i), first);
    assert.equal(d.scheme, SCHEME);
    assert.equal((await state(page)).dossiers.count, 1);
  });

  test('au clavier seul : Tab atteint « Préparer ce dossier », Entrée ouvre un nouveau dossier', async () => {
    // Back to the results, reloaded: no mirror element holds the focus, keys go to the app.
    await page.goBack();
    await page.waitForFunction(() => window.passerelle.state().view === 'droits', null, { timeout: 15000 });
    await page.evaluate(() => window.passerelle.storageSettled(15000));
    await reload(page);
    assert.equal((await wizard(page)).screen, 'resultats');
    const seen = [];
    for (let i = 0; i < 120 && (await state(page)).focused !== `${CARD}.prepare`; ++i) {
      await page.keyboard.press('Tab');
      await idle(page);
      seen.push((await state(page)).focused);
    }
    assert.equal((await state(page)).focused, `${CARD}.prepare`, `parcours au clavier : ${seen.join(', ')}`);
    assert.ok(seen.includes('droits.restart'), 'les boutons du haut des résultats viennent avant');
    const r = await rect(page, `${CARD}.prepare`);
    assert.ok(r.y >= 0 && r.y + r.h <= 900, 'le bouton qui a le focus est montré');
    await screenshot(page, 'wizard-prepare-dossier-keyboard.png');
    await page.keyboard.press('Enter');
    const second = await openedDossierId(page);
    assert.notEqual(second, first, 'un second dossier');
    assert.equal((await state(page)).dossiers.count, 2);
    assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), []);
  });
});
