// Signed bundles in the app: a bundle made by the native CLI verified on screen (signer, tampering, trust list),
// and « Mes clés »: a key made on the device, stored only encrypted, usable by the CLI, surviving a reload.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { click, launch, openApp, rect, repoRoot, screenshot, startServer, resize } from './browser.mjs';
import { withApp } from './fixture.mjs';

const bin = process.env.PASSERELLE_BIN || path.join(repoRoot, 'build', 'native', 'passerelle');
const SCHEME = 'paca-2026/securisation-entree-15-ans';
const PASSPHRASE = 'quatre mots bien choisis';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bundleui-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function cli(args) {
  const r = spawnSync(bin, args, { cwd: tmp, encoding: 'utf8' });
  assert.equal(r.status, 0, `passerelle ${args.join(' ')} : ${r.stderr}`);
  return r.stdout;
}
const file = (name, content) => { const p = path.join(tmp, name); if (content !== undefined) fs.writeFileSync(p, content); return p; };

// The collège's dossier, made and filled by the CLI, signed with a plain key made by the CLI.
file('d0.json', cli(['dossier', 'new', SCHEME, '--from', path.join(repoRoot, 'tests/cli_dossiers/cases/college_3e.json')]));
file('d1.json', cli(['dossier', 'set', 'd0.json', 'etablissement.uai=0130040y', 'etablissement.nom=Collège Thiers',
  'etablissement.commune=13001 Marseille', 'etablissement.referent_nom=M. Martin', 'eleve.nom=DUPONT', 'eleve.prenom=Léa']));
const collegePub = JSON.parse(cli(['keygen', '--out', 'college.jwk']));
const bundleText = cli(['sign', '--key', 'college.jwk', '--role', 'college', 'd1.json']);
const trustText = JSON.stringify({ keys: [{ ...collegePub, name: 'Collège Thiers (Marseille)', roles: ['college'] }] });

// The same bundle with the pupil's name changed inside the signed payload of section « eleve ».
function tampered() {
  const b = JSON.parse(bundleText);
  const s = b.sections.find((x) => x.id === 'eleve');
  const payload = Buffer.from(s.jws.payload, 'base64url').toString('utf8');
  assert.ok(payload.includes('DUPONT'));
  s.jws.payload = Buffer.from(payload.replace('DUPONT', 'DUPOND'), 'utf8').toString('base64url');
  return JSON.stringify(b, null, 2);
}

const state = (page) => page.evaluate(() => window.passerelle.state());
const idle = (page) => page.evaluate(() => window.passerelle.idle());
const shown = (page, name) => page.evaluate((n) => window.passerelle.rect(n) !== null, name);
const realErrors = (errors) => errors.filter((e) => !/favicon/.test(e));

// Empties a field (End, then Backspace over what it may hold) and types `text` into it.
async function retype(page, name, text) {
  await click(page, name);
  await page.keyboard.press('End');
  for (let i = 0; i < 40; ++i) await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  await idle(page);
}

async function upload(page, button, name, text) {
  const chooser = page.waitForEvent('filechooser');
  await click(page, button);
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.waitForTimeout(100);
  await idle(page);
}

// The raw IndexedDB records of IDBFS /data whose path ends with `suffix`, as text.
function readIdb(page, suffix) {
  return page.evaluate((suffix) => new Promise((resolve, reject) => {
    const req = indexedDB.open('/data');
    req.onerror = () => reject(new Error('IndexedDB /data illisible'));
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction('FILE_DATA', 'readonly');
      const store = tx.objectStore('FILE_DATA');
      const out = {};
      const cursor = store.openCursor();
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) { db.close(); resolve(out); return; }
        if (String(c.key).endsWith(suffix) && c.value.contents) out[c.key] = new TextDecoder().decode(c.value.contents);
        c.continue();
      };
    };
  }), suffix);
}

describe('Dossiers signés et clés dans Chromium', () => {
  let server;
  let browser;
  let page;
  let errors;

  withApp({}, (app) => ({ server, browser, page, errors } = app));

  test('un paquet signé par la CLI : chaque section valide, signataire inconnu, ce qui manque', async () => {
    await click(page, 'door.dossier-signe');
    assert.equal((await state(page)).view, 'dossier-signe');
    assert.ok(await shown(page, 'bundle.what_it_proves'));
    await upload(page, 'bundle.open', 'dossier-signe.json', bundleText);
    for (const name of ['bundle.valid', 'bundle.incomplete', 'bundle.section.eleve.valid', 'bundle.section.etablissement.valid',
      'bundle.section.eleve.unknown', 'bundle.missing.cfa', 'bundle.missing.famille', 'bundle.manifest.missing']) {
      assert.ok(await shown(page, name), name);
    }
    assert.equal(await shown(page, 'bundle.invalid'), false);
    assert.equal(await shown(page, 'bundle.section.eleve.known'), false);
    await screenshot(page, 'bundle-valid.png');
  });

  test('avec la liste de confiance : « clé connue »', async () => {
    await upload(page, 'bundle.trust', 'academie.jwks.json', trustText);
    assert.ok(await shown(page, 'bundle.section.eleve.known'));
    assert.ok(await shown(page, 'bundle.section.etablissement.known'));
    assert.equal(await shown(page, 'bundle.section.eleve.unknown'), false);
    await screenshot(page, 'bundle-known.png');
  });

  test('une copie altérée est refusée, la section en cause est nommée', async () => {
    await upload(page, 'bundle.open', 'altere.json', tampered());
    assert.ok(await shown(page, 'bundle.invalid'));
    assert.ok(await shown(page, 'bundle.error.section.eleve'));
    assert.equal(await shown(page, 'bundle.valid'), false);
    assert.equal(await shown(page, 'bundle.section.etablissement.valid'), false, 'rien n’est montré comme signé');
    await screenshot(page, 'bundle-tampered.png');
  });

  test('un fichier qui n’est pas un paquet : message clair, pas de plantage', async () => {
    await upload(page, 'bundle.open', 'nimporte.json', '{"format": "passerelle.bundle/1", "format": 2}');
    assert.ok(await shown(page, 'bundle.unreadable') || await shown(page, 'bundle.invalid'));
    assert.ok(await shown(page, 'bundle.error'));
    await upload(page, 'bundle.open', 'image.png', '\x89PNG\r\n');
    assert.ok(await shown(page, 'bundle.error'));
    await upload(page, 'bundle.trust', 'pas-une-liste.json', '{"keys": [{"kty":"OKP","crv":"Ed25519","x":"abc","d":"x"}]}');
    assert.ok(await shown(page, 'bundle.trust.error'));
    assert.deepEqual(realErrors(errors), []);
  });

  test('Mes clés : phrase trop courte ou différente refusée, puis clé créée, chiffrée', async () => {
    await click(page, 'bundle.to_keys');
    assert.equal((await state(page)).view, 'cles');
    await click(page, 'keys.pass1');
    await page.keyboard.type('court');
    await click(page, 'keys.pass2');
    await page.keyboard.type('court');
    await click(page, 'keys.create');
    assert.ok(await shown(page, 'keys.message.error'));
    assert.equal(await shown(page, 'keys.kid'), false);
    await screenshot(page, 'keys-short.png');

    await retype(page, 'keys.pass1', PASSPHRASE);
    await retype(page, 'keys.pass2', PASSPHRASE + 'x');
    await click(page, 'keys.create');
    assert.ok(await shown(page, 'keys.message.error'));
    assert.equal(await shown(page, 'keys.kid'), false);

    await retype(page, 'keys.pass2', PASSPHRASE);
    await click(page, 'keys.create');
    await page.waitForFunction(() => window.passerelle.rect('keys.kid') !== null, null, { timeout: 30000 });
    assert.ok(await shown(page, 'keys.message.ok'));
    assert.equal(await page.evaluate(() => window.passerelle.storageSettled()), 'saved');
    await screenshot(page, 'keys-created.png');
  });

  let kid;
  let stored;
  test('IndexedDB ne contient que la clé chiffrée ; la CLI la déchiffre avec la phrase', async () => {
    const records = await readIdb(page, 'signing_key.jwk');
    const texts = Object.values(records);
    assert.equal(texts.length, 1, JSON.stringify(Object.keys(records)));
    stored = texts[0];
    const jwk = JSON.parse(stored);
    assert.equal(jwk.d, undefined, 'la partie privée « d » ne doit jamais être écrite en clair');
    assert.ok(jwk.passerelle_chiffre && jwk.passerelle_chiffre.kdf === 'argon2id13');
    kid = jwk.kid;
    assert.ok(await shown(page, `keys.kid.${kid}`));
    // The CLI reads the app's key file: with the passphrase it signs, and the signature carries the app's kid.
    file('app.jwk', stored);
    file('phrase.txt', PASSPHRASE + '\n');
    const b = JSON.parse(cli(['sign', '--key', 'app.jwk', '--passphrase-file', 'phrase.txt', '--role', 'college', 'd1.json']));
    const header = JSON.parse(Buffer.from(b.sections[0].jws.protected, 'base64url').toString('utf8'));
    assert.equal(header.kid, kid);
    // Without the right passphrase the same file signs nothing: the secret really is encrypted.
    file('wrong.txt', 'une autre phrase de passe\n');
    const wrong = spawnSync(bin, ['sign', '--key', 'app.jwk', '--passphrase-file', 'wrong.txt', '--role', 'college', 'd1.json'],
      { cwd: tmp, encoding: 'utf8' });
    assert.notEqual(wrong.status, 0);
    assert.match(wrong.stderr, /phrase de passe/);
  });

  test('mauvaise phrase de passe : message clair, clé inchangée ; la bonne ouvre la clé', async () => {
    await click(page, 'keys.unlock_pass');
    await page.keyboard.type('pas la bonne phrase');
    await click(page, 'keys.unlock');
    await page.waitForFunction(() => window.passerelle.rect('keys.message.error') !== null, null, { timeout: 30000 });
    await screenshot(page, 'keys-wrong-passphrase.png');
    assert.deepEqual(Object.values(await readIdb(page, 'signing_key.jwk')), [stored]);
    await click(page, 'keys.unlock_pass');
    await page.keyboard.type(PASSPHRASE);
    await click(page, 'keys.unlock');
    await page.waitForFunction(() => window.passerelle.rect('keys.message.ok') !== null, null, { timeout: 30000 });
  });

  test('exporter la clé publique ; importer des clés de confiance', async () => {
    const download = page.waitForEvent('download');
    await click(page, 'keys.export');
    const stream = await (await download).createReadStream();
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    const pub = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const jwk = JSON.parse(stored);
    assert.deepEqual(pub, { crv: 'Ed25519', kid, kty: 'OKP', x: jwk.x });

    await upload(page, 'keys.import', 'mauvais.json', '{"keys": 3}');
    assert.ok(await shown(page, 'keys.import.error'));
    await upload(page, 'keys.import', 'academie.jwks.json', trustText);
    assert.ok(await shown(page, 'keys.import.ok'));
    assert.ok(await shown(page, `keys.trusted.${collegePub.kid}`));
    assert.equal(await page.evaluate(() => window.passerelle.storageSettled()), 'saved');
    await screenshot(page, 'keys-trusted.png');
  });

  test('après rechargement, la clé et les clés de confiance sont là ; elles servent à la vérification', async () => {
    await page.reload();
    await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
    await idle(page);
    if ((await state(page)).view !== 'cles') {
      await click(page, 'door.dossier-signe');
      await click(page, 'bundle.to_keys');
    }
    assert.ok(await shown(page, `keys.kid.${kid}`));
    assert.ok(await shown(page, `keys.trusted.${collegePub.kid}`));
    assert.equal(await shown(page, 'keys.pass1'), false, 'une clé existante n’est pas remplacée');
    // Without a list given on the verification screen, the stored trusted keys name the signer.
    await click(page, 'keys.to_verify');
    await upload(page, 'bundle.open', 'dossier-signe.json', bundleText);
    assert.ok(await shown(page, 'bundle.section.eleve.known'));
    assert.deepEqual(realErrors(errors), []);
  });

  test('sur un téléphone, les deux écrans tiennent dans la largeur', async () => {
    await resize(page, 390, 1100);
    for (const name of ['bundle.section.eleve', 'bundle.section.eleve.known', 'bundle.missing.cfa', 'bundle.open', 'bundle.trust']) {
      const r = await rect(page, name);
      assert.ok(r.x >= 0 && r.x + r.w <= 390, `${name} dépasse : ${JSON.stringify(r)}`);
    }
    await screenshot(page, 'bundle-phone.png');
    await click(page, 'bundle.to_keys');
    for (const name of ['keys.kid', 'keys.export', 'keys.import', `keys.trusted.${collegePub.kid}`]) {
      const r = await rect(page, name);
      assert.ok(r.x >= 0 && r.x + r.w <= 390, `${name} dépasse : ${JSON.stringify(r)}`);
    }
    await screenshot(page, 'keys-phone.png');
  });
});
