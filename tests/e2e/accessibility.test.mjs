// Accessibility in headless Chromium: the wizard answered through the screen-reader mirror alone, text at 200 %
// on a phone and a desktop with nothing outside the screen, the high-contrast theme (≥ 7:1) and its persistence.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launch, openApp, rect, screenshot, startServer } from './browser.mjs';

const SCHEME = 'paca-2026/securisation-entree-15-ans';
const idle = (page) => page.evaluate(() => window.passerelle.idle());
const state = (page) => page.evaluate(() => window.passerelle.state());
const display = (page) => page.evaluate(() => window.passerelle.display());

// The mirror as a screen reader sees it: a region named « Contenu de l’écran ».
const region = (page) => page.getByRole('region', { name: 'Contenu de l’écran' });
const heading = async (page) => (await region(page).getByRole('heading', { level: 1 }).textContent()).trim();

// A screen-reader user presses a button: focus and Enter (the mirror is out of sight, so not a pointer click).
async function press(page, name) {
  await region(page).getByRole('button', { name, exact: true }).press('Enter');
  await idle(page);
}

// Clicks a named widget, scrolling the screen with the wheel first until it lies in the lower two thirds of
// the window (at 200 % on a phone most screens are several windows tall, and the top bar covers the top).
async function click(page, name) {
  const { width, height } = page.viewportSize();
  const top = height * 0.35;
  let r = await rect(page, name);
  for (let i = 0; i < 60 && (r.y < top || r.y + r.h > height); i++) {
    await page.mouse.move(width / 2, height * 0.7);
    await page.mouse.wheel(0, r.y < top ? -100 : 100);
    await idle(page);
    const again = await rect(page, name);
    if (again.y === r.y) break; // the screen cannot scroll further: the widget is as visible as it gets
    r = again;
  }
  await page.mouse.click(r.x + Math.min(r.w / 2, 40), r.y + Math.min(r.h / 2, 20));
  await idle(page);
}

// WCAG 2 contrast ratio of two [r, g, b, a] colours (0…1).
function luminance([r, g, b]) {
  const lin = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// Every named widget of the last frame must lie within the viewport's width (nothing cut at the right edge).
async function outsideViewport(page) {
  const width = page.viewportSize().width;
  const rects = await page.evaluate(() => window.passerelle.rects());
  assert.ok(Object.keys(rects).length > 0, 'aucun widget nommé');
  return Object.entries(rects)
    .filter(([, r]) => r.w > 0 && (r.x < -0.5 || r.x + r.w > width + 0.5))
    .map(([name, r]) => `${name} (${Math.round(r.x)}…${Math.round(r.x + r.w)} px)`);
}

// Opens the « Affichage » screen from the top bar and picks a size and a contrast.
async function chooseDisplay(page, percent, highContrast) {
  await click(page, 'nav.display');
  assert.equal((await state(page)).view, 'affichage');
  await click(page, `affichage.taille.${percent}`);
  await click(page, highContrast ? 'affichage.contraste.eleve' : 'affichage.contraste.normal');
  await click(page, 'affichage.retour');
}

describe('Le questionnaire au lecteur d’écran (miroir DOM seul)', () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startServer();
    browser = await launch({ viewport: { width: 1100, height: 850 } });
    page = browser.context.pages()[0] || (await browser.context.newPage());
    await openApp(page, server.url);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('un élève de 14 ans arrive à SÉCURISATION (a) sans jamais toucher le canevas', async () => {
    // Home: the doors are buttons of the mirror.
    assert.match(await heading(page), /Quels dispositifs/);
    await press(page, /^Je vérifie mes droits/);
    assert.equal(await heading(page), 'Je vérifie mes droits');

    // The reference date, typed in the mirror's labelled field: a wrong one is explained through aria-describedby.
    const refField = region(page).getByRole('textbox', { name: /Autre date de vérification/ });
    await refField.fill('31/02/2026');
    await refField.press('Enter');
    await idle(page);
    const describedBy = await refField.getAttribute('aria-describedby');
    assert.ok(describedBy);
    assert.match(await page.locator(`[id="${describedBy}"]`).textContent(), /28 jours/);
    assert.equal(await refField.getAttribute('aria-invalid'), 'true');
    await refField.fill('04/05/2026');
    await refField.press('Enter');
    await idle(page);
    assert.equal((await state(page)).referenceDate, '2026-05-04');
    await region(page).getByText('Vérifier comme au 4 mai 2026').waitFor({ state: 'attached', timeout: 10000 });

    await press(page, 'Commencer');
    const live = region(page).getByRole('status');
    const asked = [];
    for (let i = 0; i < 25; i++) {
      const q = await heading(page);
      if (q === 'Mes résultats') break;
      asked.push(q);
      // The live region says the new question (« Question n : … »).
      assert.match(await live.textContent(), new RegExp(`^Question ${asked.length}\\b`));
      if (/^Qui utilise/.test(q)) {
        await press(page, 'Moi, le jeune concerné');
      } else if (/date de naissance/.test(q)) {
        const field = region(page).getByRole('textbox', { name: /Date, au format/ });
        await field.fill('01/10/2011');
        await field.press('Enter');
        await idle(page);
      } else if (/En quelle classe/.test(q)) {
        await press(page, 'Troisième');
      } else if (/Dans quel département/.test(q)) {
        const field = region(page).getByRole('textbox', { name: /Numéro du département/ });
        await field.fill('99');
        await region(page).getByRole('button', { name: 'Valider', exact: true }).press('Enter');
        await idle(page);
        assert.equal(await heading(page), q, 'un numéro inconnu ne fait pas avancer');
        assert.match(await region(page).getByRole('alert').first().textContent(), /n’existe pas/);
        await field.fill('13');
        await region(page).getByText('Département reconnu : ').waitFor({ state: 'attached', timeout: 10000 });
        await press(page, 'Valider');
      } else if (/apprentissage \(ou y penses-tu\)/.test(q)) {
        await press(page, 'Oui');
      } else {
        await press(page, 'Je ne sais pas');
      }
      // Back and forward exist as buttons too: one step back shows the previous question again.
      if (asked.length === 2) {
        assert.notEqual(await heading(page), asked[1]);
        await press(page, 'Question précédente');
        assert.equal(await heading(page), asked[1]);
        await press(page, 'Question suivante');
      }
      assert.notEqual(await heading(page), q, `la question « ${q} » est restée affichée`);
    }
    assert.equal(await heading(page), 'Mes résultats');
    assert.equal(new Set(asked).size, asked.length, 'chaque question une seule fois');

    // The results, read from the mirror's list.
    const items = await region(page).getByRole('listitem').allTextContents();
    const card = items.find((t) => /^PACA – volet « Sécurisation » : entrer en CFA à 14 ans/.test(t));
    assert.ok(card, `pas de carte « Sécurisation » dans : ${items.join(' | ')}`);
    assert.match(card, /: Oui\./);
    assert.match(card, /Qui dépose : ton collège/);
    assert.match(await live.textContent(), /^Résultats : \d+ dispositif/);

    // The canvas followed every step: same answers, same verdict.
    const w = (await state(page)).wizard;
    assert.equal(w.screen, 'resultats');
    assert.equal(w.verdicts[SCHEME], 'eligible');
    assert.equal(w.situation.person.birth_date, '2011-10-01');
    assert.equal(w.situation.person.grade, '3e');
    assert.equal(w.situation.person.departement, '13');
  });

  test('le champ du miroir et celui du canevas restent synchrones dans les deux sens', async () => {
    await press(page, 'Modifier mes réponses');
    assert.equal(await heading(page), 'Mes réponses');
    await press(page, /^Modifier : Quelle est ta date de naissance/);
    const field = region(page).getByRole('textbox', { name: /Date, au format/ });
    assert.equal(await field.inputValue(), '01/10/2011', 'le miroir montre la réponse du canevas');
    // Typed in the mirror → the canvas field has it (its « Valider » keeps the typed text).
    await field.fill('02/10/2011');
    await idle(page);
    // Typed on the canvas → the mirror's field shows it.
    await click(page, 'droits.date');
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('0');
    await idle(page);
    assert.equal(await field.inputValue(), '02/10/2010');
    await click(page, 'droits.validate');
    assert.equal((await state(page)).wizard.situation.person.birth_date, '2010-10-02');
    // Back to the 14-year-old, through the mirror again.
    await press(page, /^Modifier : Quelle est ta date de naissance/);
    await region(page).getByRole('textbox', { name: /Date, au format/ }).fill('01/10/2011');
    await press(page, 'Valider');
    assert.equal((await state(page)).wizard.situation.person.birth_date, '2011-10-01');
  });

  test('la navigation de chaque écran (Affichage, Accueil) est dans le miroir aussi', async () => {
    const nav = region(page).getByRole('navigation', { name: 'Navigation de Passerelle' });
    await nav.getByRole('button', { name: /^Affichage : taille du texte \(100\s%\)/ }).press('Enter');
    await idle(page);
    assert.equal(await heading(page), 'Affichage : taille du texte et contraste');
    await press(page, /^Taille du texte 150\s%$/);
    assert.equal((await display(page)).textScale, 1.5);
    await press(page, /^Taille du texte 100\s%$/);
    await press(page, 'Retour à l’écran précédent');
    assert.equal((await state(page)).view, 'droits');
    await nav.getByRole('button', { name: 'Accueil', exact: true }).press('Enter');
    await idle(page);
    assert.match(await heading(page), /Quels dispositifs/);
  });
});

describe('Taille du texte 200 % et contraste élevé', () => {
  let server;

  before(async () => { server = await startServer(); });
  after(async () => { await server?.close(); });

  // Every screen the brief names, opened one after the other; nothing may stick out at the right.
  async function visitAll(page, label) {
    const problems = [];
    const check = async (where) => {
      await idle(page);
      for (const p of await outsideViewport(page)) problems.push(`${where} : ${p}`);
    };
    await check('accueil');
    assert.equal((await state(page)).view, 'home', 'retour à l’accueil après « Affichage »');
    await click(page, 'door.droits');
    await check('questionnaire, début');
    await screenshot(page, `a11y-text-200-${label}-intro.png`);
    await click(page, 'droits.start');
    for (let i = 0; i < 25; i++) {
      const w = (await state(page)).wizard;
      if (w.screen === 'resultats') break;
      await check(`question ${w.question}`);
      if (w.question === 'requester') await click(page, 'droits.choice.eleve');
      else if (w.question === 'person.grade') {
        await screenshot(page, `a11y-text-200-${label}.png`);
        await click(page, 'droits.choice.3e');
      }
      else if (w.question === 'person.birth_date') {
        await click(page, 'droits.date');
        await page.keyboard.type('01/10/2011');
        await click(page, 'droits.validate');
      } else if (w.question === 'person.departement') {
        await click(page, 'droits.departement');
        await page.keyboard.type('13');
        await page.keyboard.press('Enter');
        await idle(page);
      } else await click(page, 'droits.dont_know');
    }
    await check('résultats');
    await screenshot(page, `a11y-text-200-${label}-results.png`);
    await click(page, 'droits.to_summary');
    await check('mes réponses');
    // The other screens, opened by their address (as a bookmark or the back button would).
    for (const view of ['donnees', 'cles', 'dossier-signe', 'etablissement', 'affichage']) {
      await page.evaluate((v) => { window.location.hash = v; }, view);
      await page.waitForFunction((v) => window.passerelle.state().view === v || window.passerelle.state().view !== 'droits',
        view, { timeout: 10000 });
      await check(`écran ${(await state(page)).view} (#${view})`);
    }
    return problems;
  }

  for (const [label, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1100, height: 850 }]]) {
    test(`à 200 % sur ${label === 'phone' ? 'un téléphone (390 px)' : 'un ordinateur (1100 px)'} : rien ne dépasse`, async () => {
      const browser = await launch({ viewport, deviceScaleFactor: label === 'phone' ? 2 : 1, hasTouch: label === 'phone' });
      try {
        const page = browser.context.pages()[0] || (await browser.context.newPage());
        await openApp(page, server.url);
        const fontBefore = (await display(page)).fontSize;
        await chooseDisplay(page, 200, false);
        const d = await display(page);
        assert.equal(d.textScale, 2);
        assert.equal(d.fontSize, fontBefore * 2, 'les polices sont refaites au double, pas étirées');
        const problems = await visitAll(page, label);
        assert.deepEqual(problems, []);
      } finally {
        await browser.close();
      }
    });
  }

  test('contraste élevé : ≥ 7:1 pour le texte, retenu après rechargement avec la taille', async () => {
    const browser = await launch({ viewport: { width: 1100, height: 850 } });
    try {
      const page = browser.context.pages()[0] || (await browser.context.newPage());
      await openApp(page, server.url);
      assert.equal((await display(page)).highContrast, false);
      await chooseDisplay(page, 150, true);
      const d = await display(page);
      assert.equal(d.highContrast, true);
      assert.equal(d.textScale, 1.5);
      const c = d.colors;
      for (const fg of ['text', 'muted', 'accent', 'ok', 'warning', 'error']) {
        for (const bg of ['windowBg', 'frameBg']) {
          const ratio = contrast(c[fg], c[bg]);
          assert.ok(ratio >= 7, `${fg} sur ${bg} : ${ratio.toFixed(2)}:1`);
        }
      }
      for (const bg of ['button', 'buttonHovered', 'buttonActive']) {
        const ratio = contrast(c.text, c[bg]);
        assert.ok(ratio >= 7, `texte sur ${bg} : ${ratio.toFixed(2)}:1`);
      }
      assert.ok(contrast(c.border, c.windowBg) >= 7, 'bordures franches');
      assert.ok(d.focusThickness >= 4, 'cadre de focus épais');
      // The pixels agree: the page behind the canvas' text is white.
      await click(page, 'door.droits');
      await page.keyboard.press('Tab'); // a visible focus ring for the picture
      await idle(page);
      await screenshot(page, 'a11y-contrast.png');

      await page.reload();
      await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
      await idle(page);
      const again = await display(page);
      assert.equal(again.highContrast, true, 'le contraste élevé survit au rechargement');
      assert.equal(again.textScale, 1.5, 'la taille du texte survit au rechargement');
      // And back to normal, also kept.
      await chooseDisplay(page, 100, false);
      await page.reload();
      await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
      await idle(page);
      const normal = await display(page);
      assert.equal(normal.highContrast, false);
      assert.equal(normal.textScale, 1);
    } finally {
      await browser.close();
    }
  });

  test('au clavier seul : Maj+Tab atteint « Affichage » dans la barre, Entrée l’ouvre, Tab et Entrée changent la taille', async () => {
    const browser = await launch({ viewport: { width: 1100, height: 850 } });
    try {
      const page = browser.context.pages()[0] || (await browser.context.newPage());
      await openApp(page, server.url);
      await click(page, 'door.droits');
      assert.equal((await state(page)).focused, 'droits.reference.input', 'le premier contrôle a le focus');
      await page.keyboard.press('Shift+Tab');
      await idle(page);
      assert.equal((await state(page)).focused, 'nav.display');
      await page.keyboard.press('Enter');
      await idle(page);
      assert.equal((await state(page)).view, 'affichage');
      assert.equal((await state(page)).focused, 'affichage.retour');
      await page.keyboard.press('Tab'); // 100 %
      await page.keyboard.press('Tab'); // 125 %
      await idle(page);
      assert.equal((await state(page)).focused, 'affichage.taille.125');
      await page.keyboard.press('Enter');
      await idle(page);
      assert.equal((await display(page)).textScale, 1.25);
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      await idle(page);
      assert.equal((await state(page)).focused, 'affichage.retour');
      await page.keyboard.press('Enter');
      await idle(page);
      assert.equal((await state(page)).view, 'droits', '« Retour » ramène à l’écran d’où l’on venait');
    } finally {
      await browser.close();
    }
  });

  test('première visite avec « prefers-contrast: more » : contraste élevé d’emblée', async () => {
    const browser = await launch({ viewport: { width: 1100, height: 850 } });
    try {
      const page = browser.context.pages()[0] || (await browser.context.newPage());
      await page.emulateMedia({ contrast: 'more' }).catch(() => {});
      const supported = await page.evaluate(() => window.matchMedia('(prefers-contrast: more)').matches);
      if (!supported) {
        // Older playwright-core cannot emulate it: say so rather than pass silently.
        const cdp = await browser.context.newCDPSession(page);
        await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-contrast', value: 'more' }] });
      }
      await openApp(page, server.url);
      assert.equal(await page.evaluate(() => window.matchMedia('(prefers-contrast: more)').matches), true);
      assert.equal((await display(page)).highContrast, true);
    } finally {
      await browser.close();
    }
  });
});
