// Collège → CFA hand-off in two browsers: sections typed (an error shown, then fixed), a file attached, the copy
// exported and imported, the CFA's part filled and signed, the bundle verified outside the app (CLI or jose).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { click, launch, openApp, rect, repoRoot, screenshot, startServer, resize } from './browser.mjs';

const SCHEME = 'paca-2026/securisation-entree-15-ans';
const SITUATION = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tests/cli_dossiers/cases/college_3e.json'), 'utf8'));
const COLLEGE_PASS = 'collège thiers quatre mots';
const CFA_PASS = 'cfa du bâtiment quatre mots';
const bin = process.env.PASSERELLE_BIN || path.join(repoRoot, 'build', 'native', 'passerelle');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-handoff-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

// A one-page PDF-looking file: what matters is that its bytes come back identical.
const ATTESTATION = Buffer.concat([Buffer.from('%PDF-1.4\n% attestation RQTH (test)\n'), crypto.randomBytes(3000), Buffer.from('\n%%EOF\n')]);
const CONVENTION = Buffer.concat([Buffer.from('%PDF-1.4\n% convention de stage (test)\n'), crypto.randomBytes(5000), Buffer.from('\n%%EOF\n')]);
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');

const idle = (page) => page.evaluate(() => window.passerelle.idle());
const state = (page) => page.evaluate(() => window.passerelle.state());
const shown = (page, name) => page.evaluate((n) => window.passerelle.rect(n) !== null, name);
const stored = (page, id) => page.evaluate((i) => window.passerelle.dossiers.get(i), id);
const realErrors = (errors) => errors.filter((e) => !/favicon/.test(e));

// Scrolls the view (mouse wheel over it) until `name` is inside the window, below the top bar.
async function reveal(page, name) {
  const { height } = page.viewportSize();
  for (let i = 0; i < 30; ++i) {
    const r = await rect(page, name);
    const top = 70;
    const bottom = height - 6;
    if (r.y >= top && r.y + r.h <= bottom) return r;
    await page.mouse.move(200, Math.min(height - 60, 400));
    const delta = r.y < top ? r.y - top - 40 : r.y + r.h - bottom + 80;
    await page.mouse.wheel(0, delta);
    await idle(page);
  }
  throw new Error(`${name} reste hors de l’écran`);
}

async function press(page, name) {
  await reveal(page, name);
  await click(page, name);
}

// Clicks `name`, then waits (the CI machine is loaded) until `expect` is drawn.
async function clickUntil(page, name, expect) {
  await press(page, name);
  await page.waitForFunction((n) => window.passerelle.rect(n) !== null, expect, { timeout: 15000 });
  await idle(page);
}

// Types into a field as a person does: click, erase `erase` characters, type, Enter leaves the field
// (which saves it); waits until the app has taken the last key.
async function type(page, name, text, erase = 0) {
  await press(page, name);
  await page.waitForFunction(() => window.passerelle.state().textFocused, null, { timeout: 15000 });
  if (erase) {
    await page.keyboard.press('End');
    for (let i = 0; i < erase; ++i) await page.keyboard.press('Backspace');
  }
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !window.passerelle.state().textFocused, null, { timeout: 15000 });
  await idle(page);
}

// Picks `file` through the real file chooser, then waits until `expect` (a widget name) is drawn.
async function pickFile(page, button, file, expect) {
  await reveal(page, button);
  const chooser = page.waitForEvent('filechooser');
  await click(page, button);
  await (await chooser).setFiles(file);
  await page.waitForFunction((n) => window.passerelle.rect(n) !== null, expect, { timeout: 15000 });
  await idle(page);
}

async function download(page, button) {
  await reveal(page, button);
  const pending = page.waitForEvent('download', { timeout: 30000 });
  await click(page, button);
  const file = await pending;
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

// « Mes clés » in this browser: a key protected by `passphrase`.
async function createKey(page, passphrase) {
  await page.evaluate(() => { location.hash = 'cles'; });
  await page.waitForFunction(() => window.passerelle.state().view === 'cles', null, { timeout: 10000 });
  await idle(page);
  await click(page, 'keys.pass1');
  await page.keyboard.type(passphrase);
  await click(page, 'keys.pass2');
  await page.keyboard.type(passphrase);
  await click(page, 'keys.create');
  await page.waitForFunction(() => window.passerelle.rect('keys.kid') !== null, null, { timeout: 30000 });
}

async function openDossier(page, id) {
  await page.evaluate((i) => { location.hash = i ? `dossier/${i}` : 'dossier'; }, id);
  await page.waitForFunction(() => window.passerelle.state().view === 'dossier', null, { timeout: 10000 });
  await idle(page);
}

// Verifies a bundle outside the app: the native CLI when built, else npm jose over each section's JWS.
async function verifyOutside(bundleText) {
  const file = path.join(tmp, `bundle-${crypto.randomUUID()}.json`);
  fs.writeFileSync(file, bundleText);
  if (fs.existsSync(bin)) {
    const r = spawnSync(bin, ['verify', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, `passerelle verify : ${r.stderr}`);
    return { how: 'cli', text: r.stdout };
  }
  const { flattenedVerify, importJWK } = await import('jose');
  const bundle = JSON.parse(bundleText);
  const lines = [];
  for (const s of bundle.sections) {
    const header = JSON.parse(Buffer.from(s.jws.protected, 'base64url').toString('utf8'));
    const key = await importJWK({ ...header.jwk, alg: 'EdDSA' }, 'EdDSA');
    await flattenedVerify(s.jws, key, { algorithms: ['Ed25519', 'EdDSA'] });
    lines.push(`section ${s.id} (${s.role}, version ${s.version}) : valide`);
  }
  return { how: 'jose', text: lines.join('\n') };
}

describe('Transmission collège → CFA et paquet signé, dans deux navigateurs', () => {
  let server;
  let college;
  let cfa;
  let pc;
  let pf;
  const errors = {};
  let id;
  let handoff;
  let bundleText;

  before(async () => {
    server = await startServer();
    college = await launch();
    cfa = await launch();
    pc = college.context.pages()[0] || (await college.context.newPage());
    pf = cfa.context.pages()[0] || (await cfa.context.newPage());
    errors.college = await openApp(pc, server.url);
    errors.cfa = await openApp(pf, server.url);
  });
  after(async () => {
    await college?.close();
    await cfa?.close();
    await server?.close();
  });

  test('le collège crée le dossier et choisit son rôle', async () => {
    await createKey(pc, COLLEGE_PASS);
    const created = await pc.evaluate(([s, sit]) => window.passerelle.dossiers.create(s, sit, 'college'), [SCHEME, SITUATION]);
    assert.ok(created.id, JSON.stringify(created));
    id = created.id;
    await openDossier(pc, id);
    assert.ok(await shown(pc, 'dossier.role.choose.college'), 'le rôle est demandé la première fois');
    await clickUntil(pc, 'dossier.role.choose.college', 'dossier.role.college');
    assert.ok(await shown(pc, 'dossier.role.college'));
    assert.ok(await shown(pc, 'dossier.section.etablissement.editable'));
    assert.ok(await shown(pc, 'dossier.section.cfa.readonly'), 'la section du CFA est en lecture seule au collège');
    assert.ok(await shown(pc, 'dossier.state.brouillon'));
  });

  test('le collège remplit ses sections au clavier ; une valeur fausse est signalée sous le champ puis corrigée', async () => {
    await type(pc, 'dossier.field.etablissement.uai', '0130040A');
    assert.ok(await shown(pc, 'dossier.field.etablissement.uai.error'), 'UAI fausse : message sous le champ');
    await screenshot(pc, 'dossier-editor-error.png');
    let d = await stored(pc, id);
    assert.equal(d.sections.find((s) => s.id === 'etablissement').fields.uai, undefined, 'rien d’enregistré de faux');
    // The wrong text stays in the field to be corrected; the message follows the typing.
    await type(pc, 'dossier.field.etablissement.uai', '0130040y', 10);
    assert.equal(await shown(pc, 'dossier.field.etablissement.uai.error'), false);
    await type(pc, 'dossier.field.etablissement.nom', 'Collège Thiers');
    await type(pc, 'dossier.field.etablissement.commune', '13001 Marseille');
    await type(pc, 'dossier.field.etablissement.referent_nom', 'Mme Bérénice Martin');
    await type(pc, 'dossier.field.etablissement.referent_courriel', 'cpe.thiers@ac-aix-marseille.fr');
    await type(pc, 'dossier.field.etablissement.referent_telephone', '04 91 00 00 00');
    await press(pc, 'dossier.field.etablissement.maintien_statut_scolaire.oui');
    await type(pc, 'dossier.field.eleve.nom', 'DUPONT');
    await type(pc, 'dossier.field.eleve.prenom', 'Léa');
    await type(pc, 'dossier.field.eleve.date_naissance', '31/02/2011', 12);
    assert.ok(await shown(pc, 'dossier.field.eleve.date_naissance.error'), 'date impossible signalée');
    await type(pc, 'dossier.field.eleve.date_naissance', '01/10/2011', 12);
    assert.equal(await shown(pc, 'dossier.field.eleve.date_naissance.error'), false);
    await type(pc, 'dossier.field.eleve.adresse', '13001 Marseille');
    await type(pc, 'dossier.field.eleve.telephone', '06 71 12 38 24');
    await press(pc, 'dossier.field.eleve.rqth.oui');
    d = await stored(pc, id);
    const etab = d.sections.find((s) => s.id === 'etablissement').fields;
    const eleve = d.sections.find((s) => s.id === 'eleve').fields;
    assert.equal(etab.uai, '0130040Y', 'UAI mise en forme par le cœur');
    assert.equal(etab.referent_telephone, '0491000000');
    assert.equal(etab.maintien_statut_scolaire, true);
    assert.equal(eleve.date_naissance, '2011-10-01');
    assert.equal(eleve.prenom, 'Léa', 'accents tapés gardés');
    assert.equal(eleve.rqth, true);
    await reveal(pc, 'dossier.field.eleve.telephone');
    await screenshot(pc, 'dossier-editor.png');
  });

  test('le collège joint l’attestation : nom, taille et SHA-256 affichés, téléchargement identique', async () => {
    await pickFile(pc, 'dossier.attach.eleve.attestation_rqth',
      { name: 'attestation-rqth.pdf', mimeType: 'application/pdf', buffer: ATTESTATION }, 'dossier.attachment.eleve.attestation_rqth.0');
    assert.ok(await shown(pc, 'dossier.attachment.eleve.attestation_rqth.0'), 'pièce affichée');
    assert.ok(await shown(pc, `dossier.attachment.eleve.attestation_rqth.0.sha256.${sha256(ATTESTATION)}`), 'SHA-256 affiché');
    const back = await download(pc, 'dossier.attachment.eleve.attestation_rqth.0.download');
    assert.equal(back.name, 'attestation-rqth.pdf');
    assert.ok(back.bytes.equals(ATTESTATION), 'les octets rendus sont ceux joints');
    const d = await stored(pc, id);
    const a = d.sections.find((s) => s.id === 'eleve').attachments[0];
    assert.equal(a.sha256, sha256(ATTESTATION));
    assert.equal(a.size, ATTESTATION.length);
  });

  test('un rechargement au milieu garde tout (le dossier reste ouvert, les valeurs aussi)', async () => {
    assert.equal(await pc.evaluate(() => window.passerelle.storageSettled()), 'saved');
    await pc.reload();
    await pc.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
    await idle(pc);
    assert.equal((await state(pc)).view, 'dossier');
    assert.ok(await shown(pc, 'dossier.role.college'));
    assert.ok(await shown(pc, `dossier.attachment.eleve.attestation_rqth.0.sha256.${sha256(ATTESTATION)}`));
    const d = await stored(pc, id);
    assert.equal(d.sections.find((s) => s.id === 'eleve').fields.nom, 'DUPONT');
  });

  test('le collège transmet une copie au CFA (téléchargement), les données sensibles restent au collège', async () => {
    await press(pc, 'dossier.handoff.to.cfa');
    handoff = await download(pc, 'dossier.handoff.export');
    assert.match(handoff.name, /^paca-2026_securisation-entree-15-ans-dupont-lea-pour-cfa\.json$/);
    const copy = JSON.parse(handoff.bytes.toString('utf8'));
    assert.equal(copy.id, id);
    assert.deepEqual(copy.handoff.editable, ['cfa', 'entreprise']);
    assert.ok(copy.handoff.withheld.includes('eleve.attestation_rqth'), 'attestation RQTH non transmise');
    assert.equal(copy.sections.find((s) => s.id === 'eleve').attachments.length, 0);
    assert.ok(await shown(pc, 'dossier.message.ok'));
    const d = await stored(pc, id);
    assert.ok(d.history.some((h) => h.event === 'handoff_exporte'));
  });

  test('le CFA importe la copie par le sélecteur de fichiers et ne peut remplir que ses sections', async () => {
    await createKey(pf, CFA_PASS);
    await openDossier(pf, '');
    assert.ok(await shown(pf, 'dossier.missing'));
    await pickFile(pf, 'dossier.import', { name: handoff.name, mimeType: 'application/json', buffer: handoff.bytes }, 'dossier.role.cfa');
    assert.ok(await shown(pf, 'dossier.message.ok'), 'import annoncé');
    assert.ok(await shown(pf, 'dossier.role.cfa'), 'le rôle vient de la copie');
    assert.ok(await shown(pf, 'dossier.section.cfa.editable'));
    assert.ok(await shown(pf, 'dossier.section.entreprise.editable'));
    assert.ok(await shown(pf, 'dossier.section.etablissement.readonly'));
    assert.ok(await shown(pf, 'dossier.attachment.eleve.attestation_rqth.none'), 'aucune pièce sensible reçue');
  });

  test('le CFA remplit sa part (SIRET faux puis juste), joint la convention', async () => {
    await type(pf, 'dossier.field.cfa.uai', '0133513Y');
    await type(pf, 'dossier.field.cfa.nom', 'CFA du Bâtiment');
    await type(pf, 'dossier.field.cfa.siret', '73282932000075');
    assert.ok(await shown(pf, 'dossier.field.cfa.siret.error'), 'SIRET faux signalé');
    await type(pf, 'dossier.field.cfa.siret', '732 829 320 00074', 16);
    assert.equal(await shown(pf, 'dossier.field.cfa.siret.error'), false);
    await type(pf, 'dossier.field.cfa.formation', 'CAP Maçon');
    await type(pf, 'dossier.field.cfa.referent_nom', 'M. Karim Benali');
    await type(pf, 'dossier.field.cfa.referent_courriel', 'k.benali@cfa-btp.fr');
    await pickFile(pf, 'dossier.attach.cfa.convention_stage',
      { name: 'convention.pdf', mimeType: 'application/pdf', buffer: CONVENTION }, 'dossier.attachment.cfa.convention_stage.0');
    assert.ok(await shown(pf, `dossier.attachment.cfa.convention_stage.0.sha256.${sha256(CONVENTION)}`));
    // Reload in the middle of the CFA's part: the imported copy and what was typed are still there.
    assert.equal(await pf.evaluate(() => window.passerelle.storageSettled()), 'saved');
    await pf.reload();
    await pf.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
    await idle(pf);
    assert.equal((await state(pf)).view, 'dossier');
    assert.ok(await shown(pf, 'dossier.section.cfa.editable'));
    await type(pf, 'dossier.field.entreprise.raison_sociale', 'Maçonnerie Provençale SARL');
    await type(pf, 'dossier.field.entreprise.siret', '44200000000012');
    await type(pf, 'dossier.field.entreprise.adresse', '13010 Marseille');
    await type(pf, 'dossier.field.entreprise.tuteur_nom', 'Mme Chantal Roux');
    const d = await stored(pf, id);
    const cfaFields = d.sections.find((s) => s.id === 'cfa').fields;
    assert.equal(cfaFields.siret, '73282932000074');
    assert.equal(cfaFields.nom, 'CFA du Bâtiment');
    assert.equal(d.sections.find((s) => s.id === 'entreprise').fields.tuteur_nom, 'Mme Chantal Roux');
  });

  test('mauvaise phrase de passe : message clair et lien vers « Mes clés », rien de signé', async () => {
    await press(pf, 'dossier.sign.pass');
    await pf.keyboard.type('ce n’est pas la bonne');
    await press(pf, 'dossier.sign.button');
    await pf.waitForFunction(() => window.passerelle.rect('dossier.sign.error') !== null, null, { timeout: 30000 });
    assert.ok(await shown(pf, 'dossier.sign.to_keys'));
    const d = await stored(pf, id);
    assert.equal(d.sections.find((s) => s.id === 'cfa').signature, null);
  });

  test('le CFA signe ses sections et télécharge le paquet ; vérifié hors de l’application', async () => {
    await press(pf, 'dossier.sign.pass');
    await pf.keyboard.type(CFA_PASS);
    const pending = pf.waitForEvent('download', { timeout: 60000 });
    await press(pf, 'dossier.sign.button');
    const file = await pending;
    assert.match(file.suggestedFilename(), /^paca-2026_securisation-entree-15-ans-dupont-lea-\d{4}-\d{2}-\d{2}\.json$/);
    bundleText = fs.readFileSync(await file.path(), 'utf8');
    await pf.waitForFunction(() => window.passerelle.rect('dossier.sign.done') !== null, null, { timeout: 30000 });
    assert.ok(await shown(pf, 'dossier.section.cfa.signed'));
    assert.ok(await shown(pf, 'dossier.section.entreprise.signed'));
    await reveal(pf, 'dossier.sign.done');
    await screenshot(pf, 'dossier-signed.png');
    const bundle = JSON.parse(bundleText);
    assert.deepEqual(bundle.sections.map((s) => s.id).sort(), ['cfa', 'entreprise']);
    const v = await verifyOutside(bundleText);
    assert.match(v.text, /section cfa \(cfa, version \d+\)/);
    assert.match(v.text, /section entreprise \(cfa, version \d+\)/);
    if (v.how === 'cli') assert.match(v.text, /signatures valides/);
    // The convention travels in the bundle, bytes and hash intact.
    const att = bundle.attachments.find((a) => a.sha256 === sha256(CONVENTION));
    assert.ok(att && Buffer.from(att.content_b64, 'base64').equals(CONVENTION));
    const d = await stored(pf, id);
    assert.ok(d.history.some((h) => h.event === 'signe'));
    assert.ok(await shown(pf, 'dossier.history.0'));
  });

  test('le CFA renvoie la copie ; le collège l’importe, signe les siennes : toutes les sections présentes sont valides', async () => {
    const back = await download(pf, 'dossier.handoff.return');
    assert.match(back.name, /-retour-cfa\.json$/);
    assert.ok(JSON.parse(back.bytes.toString('utf8')).bundle, 'le paquet voyage avec la copie');
    await pickFile(pc, 'dossier.import', { name: back.name, mimeType: 'application/json', buffer: back.bytes }, 'dossier.section.cfa.signed');
    assert.ok(await shown(pc, 'dossier.message.ok'));
    assert.ok(await shown(pc, 'dossier.section.cfa.signed'), 'la signature du CFA est reprise');
    let d = await stored(pc, id);
    assert.equal(d.sections.find((s) => s.id === 'cfa').fields.nom, 'CFA du Bâtiment');
    assert.ok(d.history.some((h) => h.event === 'fusionne'));
    await press(pc, 'dossier.sign.pass');
    await pc.keyboard.type(COLLEGE_PASS);
    const pending = pc.waitForEvent('download', { timeout: 60000 });
    await press(pc, 'dossier.sign.button');
    const file = await pending;
    const finalText = fs.readFileSync(await file.path(), 'utf8');
    await pc.waitForFunction(() => window.passerelle.rect('dossier.sign.done') !== null, null, { timeout: 30000 });
    const bundle = JSON.parse(finalText);
    assert.deepEqual(bundle.sections.map((s) => s.id).sort(), ['cfa', 'eleve', 'entreprise', 'etablissement']);
    const v = await verifyOutside(finalText);
    for (const s of ['cfa', 'eleve', 'entreprise', 'etablissement']) assert.match(v.text, new RegExp(`section ${s} \\(`));
    if (v.how === 'cli') {
      assert.match(v.text, /signatures valides/);
      assert.match(v.text, /manque : section famille/, 'la famille n’a pas encore signé');
    }
    // The attestation RQTH signed by the collège travels inside its bundle, intact.
    assert.ok(bundle.attachments.some((a) => a.sha256 === sha256(ATTESTATION)));
    d = await stored(pc, id);
    assert.ok(d.sections.find((s) => s.id === 'etablissement').signature);
  });

  test('le lien de préremplissage : absent, et la raison est dite (identifiants « A_RENSEIGNER »)', async () => {
    await reveal(pc, 'dossier.prefill.unavailable');
    assert.equal(await shown(pc, 'dossier.prefill.open'), false);
  });

  test('sur un téléphone, une seule colonne lisible', async () => {
    await resize(pc, 390, 844);
    const field = await reveal(pc, 'dossier.field.eleve.telephone');
    assert.ok(field.x >= 0 && field.x + field.w <= 390, `champ dans l’écran : ${JSON.stringify(field)}`);
    await screenshot(pc, 'dossier-editor-phone.png');
    await resize(pc, 1100, 900);
  });

  test('le bouton retour du navigateur ramène du tableau au même dossier', async () => {
    await press(pc, 'dossier.back');
    assert.equal((await state(pc)).view, 'etablissement');
    await pc.goBack();
    await pc.waitForFunction(() => window.passerelle.state().view === 'dossier', null, { timeout: 10000 });
    await idle(pc);
    assert.ok(await shown(pc, 'dossier.role.college'), 'le même dossier est rouvert');
    assert.ok(await shown(pc, 'dossier.section.cfa.signed'));
    await pc.goForward();
    await pc.waitForFunction(() => window.passerelle.state().view === 'etablissement', null, { timeout: 10000 });
    assert.deepEqual(realErrors(errors.college), []);
    assert.deepEqual(realErrors(errors.cfa), []);
  });
});
