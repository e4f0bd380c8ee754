// The establishment screens through the screen-reader mirror alone (class list import, table search, dossier field with an announced error, retention), then the dossier screen by keyboard alone.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { click, launch, openApp, repoRoot, screenshot, startServer } from './browser.mjs';

const CASES = path.join(repoRoot, 'tests', 'cases', 'classlists');
const idle = (page) => page.evaluate(() => window.passerelle.idle());
const state = (page) => page.evaluate(() => window.passerelle.state());

// The mirror as a screen reader sees it: a region named « Contenu de l’écran ».
const region = (page) => page.getByRole('region', { name: 'Contenu de l’écran' });
const heading = async (page) => (await region(page).getByRole('heading', { level: 1 }).textContent()).trim();
const button = (page, name) => region(page).getByRole('button', { name, exact: typeof name === 'string' });
const textbox = (page, name) => region(page).getByRole('textbox', { name });

// A screen-reader user presses a button: focus and Enter (the mirror is out of sight, so not a pointer click).
async function press(page, name) {
  await button(page, name).press('Enter');
  await idle(page);
}

// Waits until the mirror's heading says `text` (the app publishes it in the frame that draws the screen).
async function waitHeading(page, text) {
  await page.waitForFunction((t) => document.querySelector('#a11y-mirror h1')?.textContent === t, text, { timeout: 15000 });
  await idle(page);
}

// Waits until some item of the mirror's list reads `re` (a RegExp source) and returns its text.
async function waitItem(page, re) {
  const handle = await page.waitForFunction((src) => {
    const li = [...document.querySelectorAll('#a11y-mirror ol > li')].find((l) => new RegExp(src).test(l.textContent));
    return li ? li.textContent : null;
  }, re.source, { timeout: 15000 });
  return handle.jsonValue();
}

// Types into a mirror field and presses Enter there; returns what its aria-describedby says (the error).
async function typeAndEnter(page, field, text) {
  const box = textbox(page, field);
  await box.fill(text);
  await box.press('Enter');
  await idle(page);
  return describedBy(page, field);
}

// The mirror's list, one item a line (in failure messages).
const mirrorText = (page) => page.evaluate(() => [...document.querySelectorAll('#a11y-mirror ol > li')].map((li) => li.textContent).join('\n'));

async function describedBy(page, field) {
  const box = textbox(page, field);
  const id = await box.getAttribute('aria-describedby');
  assert.ok(id, 'le champ est relié à son message');
  return (await page.locator(`#${id}`).textContent()).trim();
}

describe('Espace établissement au lecteur d’écran (miroir DOM seul), puis le dossier au clavier seul', () => {
  let server;
  let browser;
  let page;
  let errors;
  let dossierId;

  before(async () => {
    server = await startServer();
    browser = await launch({ viewport: { width: 1100, height: 850 } });
    page = browser.context.pages()[0] || (await browser.context.newPage());
    errors = await openApp(page, server.url);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('ouvrir l’espace, importer une liste de classe par le vrai sélecteur de fichier, corriger la date, choisir les colonnes, créer', async () => {
    // Beforehand, on the canvas: the establishment's profile (its department decides the PACA schemes). The
    // home's profile form is not part of the mirror yet; the screen-reader journey starts after it.
    for (const [name, text] of [['profile.name', 'Collège Thiers'], ['profile.department', '13']]) {
      await click(page, name);
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await idle(page);
    }
    assert.equal((await state(page)).profile.department, '13');

    await press(page, /^Espace établissement/);
    await waitHeading(page, 'Espace établissement');
    await waitItem(page, /^Aucun dossier dans ce navigateur/);
    await press(page, 'Créer depuis une liste de classe…');
    await waitHeading(page, 'Liste de classe');

    // The golden lists' verdicts are those of 4 May 2026; a wrong date first: its error is read with the field.
    const dateField = 'Vérifier comme au (date jj/mm/aaaa)';
    assert.match(await typeAndEnter(page, dateField, '31/13/2026'), /^Date « 31\/13\/2026 » non comprise/);
    assert.equal(await textbox(page, dateField).getAttribute('aria-invalid'), 'true');
    assert.equal(await typeAndEnter(page, dateField, '04/05/2026'), '');
    assert.equal(await textbox(page, dateField).getAttribute('aria-invalid'), null);

    const chooser = page.waitForEvent('filechooser', { timeout: 15000 });
    await press(page, 'Choisir le fichier CSV…');
    await (await chooser).setFiles(path.join(CASES, 'siecle_pointvirgule_windows1252.csv'));
    const summary = await waitItem(page, /élève\(s\) lu\(s\), 0 ligne\(s\) en erreur$/);
    assert.match(summary, /^[1-9]\d* élève\(s\) lu\(s\)/);
    assert.equal((await region(page).locator('[aria-live]').textContent()).trim(), summary, 'le résumé est annoncé');

    // The class column un-mapped, then mapped again, through the mirror's buttons (the canvas combo's choices).
    await press(page, /^Colonne pour « Classe » : « Classe » \(changer\)$/);
    await press(page, '(aucune colonne)');
    await waitItem(page, /ne peut pas être lu : .*Classe/);
    await press(page, /^Colonne pour « Classe » : \(aucune colonne\) \(changer\)$/);
    await press(page, '« Classe »');
    await waitItem(page, /0 ligne\(s\) en erreur$/);
    assert.equal(await button(page, /^Colonne pour « Classe » : « Classe »/).count(), 1);

    // The scheme with the most pupils who can have a dossier, chosen among the mirror's buttons.
    await press(page, /^Dispositif : .*\(changer\)$/);
    const schemes = await region(page).getByRole('button', { name: /élève\(s\) éligible\(s\)/ }).allTextContents();
    const count = (t) => Number(t.match(/\((\d+) élève/)[1]);
    const best = schemes.reduce((a, b) => (count(b) > count(a) ? b : a), schemes[0]);
    assert.ok(count(best) > 0, schemes.join('\n'));
    await press(page, best);
    const create = button(page, /^Créer \d+ dossiers?$/);
    assert.equal(await create.count(), 1, await mirrorText(page));
    const label = await create.textContent();
    const n = Number(label.match(/\d+/)[0]);
    await create.press('Enter');
    await idle(page);
    await waitItem(page, new RegExp(`^${n} dossiers? créés?\\.$`));
    await press(page, 'Voir les dossiers');
    await waitHeading(page, 'Espace établissement');
    await waitItem(page, new RegExp(`^${n} dossiers? sur ${n}$`));
    assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), []);
  });

  test('chercher un élève, ouvrir son dossier, remplir un champ (erreur annoncée puis corrigée), revenir', async () => {
    // Filters are buttons that list their choices; a row is a button « Ouvrir le dossier de … ».
    await press(page, /^Filtrer par dispositif : Tous les dispositifs \(changer\)$/);
    assert.ok((await button(page, /^Tous les dispositifs \(choisi\)$/).count()) === 1, 'les choix du filtre sont listés');
    await press(page, /^Filtrer par dispositif : .*\(fermer la liste\)$/);

    const search = 'Rechercher un élève (nom ou prénom)';
    await textbox(page, search).fill('dupont');
    await idle(page);
    await waitItem(page, /^1 dossier sur \d+$/);
    assert.equal((await region(page).locator('[aria-live]').textContent()).trim().startsWith('1 dossier sur'), true, 'le compte est annoncé');
    const rows = region(page).getByRole('button', { name: /^Ouvrir le dossier de / });
    assert.equal(await rows.count(), 1, 'seules les lignes affichées sont dans le miroir');
    assert.match(await rows.first().textContent(), /^Ouvrir le dossier de DUPONT Léa — /);
    await rows.first().press('Enter');
    await idle(page);
    await waitHeading(page, 'Dossier de DUPONT Léa');
    dossierId = await page.evaluate(() => location.hash); // « #dossier/<id> »: back, forward and reload open it again
    assert.match(dossierId, /^#dossier\//);
    await waitItem(page, /^Dispositif : /);
    await waitItem(page, /^État : /);
    await waitItem(page, /^Qui a la main : /);

    const uai = /^UAI de l'établissement/;
    assert.match(await typeAndEnter(page, uai, '0130040A'), /UAI/, 'une UAI fausse est refusée, en français');
    assert.equal(await textbox(page, uai).getAttribute('aria-invalid'), 'true');
    assert.equal(await textbox(page, uai).inputValue(), '0130040A', 'la valeur refusée reste à corriger');
    await screenshot(page, 'a11y-dossier-error.png');
    assert.equal(await typeAndEnter(page, uai, '0130040Y'), '');
    await waitItem(page, /^Section : /);
    assert.equal(await textbox(page, uai).inputValue(), '0130040Y');
    assert.match(await waitItem(page, /Modifié \(/), /Modifié/, 'l’historique dit la modification');

    await press(page, 'Retour aux dossiers');
    await waitHeading(page, 'Espace établissement');
    assert.equal(await textbox(page, search).inputValue(), 'dupont', 'le tableau revient tel qu’il était');
  });

  test('« Durée de conservation » : le délai se saisit dans le miroir, une valeur hors bornes est refusée, la bonne est gardée', async () => {
    await press(page, 'Durée de conservation');
    await waitHeading(page, 'Dossiers à supprimer');
    await waitItem(page, /^Dossiers dont la conservation est terminée : \d+$/);
    const field = /^Mois de conservation après la fin de la campagne/;
    assert.match(await typeAndEnter(page, field, '999'), /n’est pas un nombre de mois entre 0 et/);
    assert.equal(await typeAndEnter(page, field, '14'), '');
    // Read back from the app: focus elsewhere, the field shows the saved delay (the refused one is gone).
    await page.goBack(); // the browser's « précédent » (Alt+←)
    await waitHeading(page, 'Espace établissement');
    await press(page, 'Durée de conservation');
    await waitHeading(page, 'Dossiers à supprimer');
    assert.equal(await textbox(page, field).inputValue(), '14');
    assert.equal(await textbox(page, field).getAttribute('aria-invalid'), null);
  });

  test('au clavier seul : Tab parcourt tous les boutons du dossier dans l’ordre, Maj+Tab revient, Entrée active', async () => {
    assert.ok(dossierId, 'un dossier a été ouvert');
    // A fresh start on the dossier's address (saved first): nothing of the mirror has the focus, keys go to the app.
    await page.evaluate(() => window.passerelle.storageSettled());
    await page.goto(`${server.url}${dossierId}`);
    await page.reload();
    await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
    await waitHeading(page, 'Dossier de DUPONT Léa');
    // The buttons of the screen, in the mirror's order (each mirror button names the canvas widget it presses).
    const expected = await page.evaluate(() => [...document.querySelectorAll('#a11y-mirror ol > li')]
      .map((li) => li.dataset.key).filter((k) => k.startsWith('button:')).map((k) => k.slice('button:'.length)));
    assert.ok(expected.length >= 10, expected.join(', '));
    const first = (await state(page)).focused;
    assert.ok(first, 'le premier contrôle du dossier a le focus à l’ouverture');
    const seen = [first];
    for (let i = 0; i < 400; ++i) {
      await page.keyboard.press('Tab');
      await idle(page);
      const now = (await state(page)).focused;
      if (now === first) break;
      seen.push(now);
      if (now === 'dossier.field.etablissement.uai') await screenshot(page, 'a11y-dossier-keyboard.png');
    }
    assert.equal(seen.at(-1), 'nav.display', `le tour revient par la barre du haut : ${seen.join(', ')}`);
    const wanted = new Set(expected);
    assert.deepEqual(seen.filter((n) => wanted.has(n)), expected, 'chaque bouton, une fois, dans l’ordre de lecture');

    await page.keyboard.press('Shift+Tab');
    await idle(page);
    assert.equal((await state(page)).focused, 'nav.display', 'Maj+Tab depuis le premier contrôle va à la barre');
    for (let i = 0; i < seen.length && (await state(page)).focused !== 'dossier.back'; ++i) {
      await page.keyboard.press('Shift+Tab');
      await idle(page);
    }
    assert.equal((await state(page)).focused, 'dossier.back');
    await page.keyboard.press('Enter');
    await idle(page);
    assert.equal((await state(page)).view, 'etablissement', 'Entrée sur « Retour aux dossiers » revient au tableau');
  });
});
