// Interop of signed bundles with independent tools: npm jose verifies our JWS, our verifier accepts jose's, canon = npm canonicalize.
// Also the multi-party flow through the CLI (collège, CFA, manifest, trust list) and its refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.PASSERELLE_BIN || path.join(root, 'build', 'native', 'passerelle');
const jose = await import('jose');
const canonicalize = (await import('canonicalize')).default;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bundles-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function run(args, input) {
  const r = spawnSync(bin, args, { cwd: tmp, encoding: 'utf8', input });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function file(name, content) {
  const p = path.join(tmp, name);
  if (content !== undefined) fs.writeFileSync(p, content);
  return p;
}
function mustRun(args) {
  const r = run(args);
  assert.equal(r.code, 0, `passerelle ${args.join(' ')} : ${r.err}`);
  return r;
}
const b64u = (buf) => Buffer.from(buf).toString('base64url');

const pdf = Buffer.from('%PDF-1.4 convention de stage (exemple)');
const dossier = {
  format: 'passerelle.dossier/1',
  id: '5b0e8f7a9c1d4e2fa3b4c5d6e7f80912',
  scheme: 'paca-2026/securisation-entree-15-ans',
  created_on: '2026-05-04',
  state: 'complet',
  sections: [
    { id: 'etablissement', role: 'college', version: 1, fields: { uai: '0131234X', nom: 'Collège Anatole France' }, attachments: [], signature: null },
    { id: 'eleve', role: 'college', version: 1, fields: { nom: 'Martin', prenom: 'Léa', date_naissance: '2011-10-01', rqth: false }, attachments: [], signature: null },
    { id: 'cfa', role: 'cfa', version: 1, fields: { uai: '0133333Z', nom: 'CFA des Métiers', heures: 35 },
      attachments: [{ field: 'convention_stage', name: 'convention.pdf', media_type: 'application/pdf', size: pdf.length,
                      sha256: createHash('sha256').update(pdf).digest('hex'), content_b64: pdf.toString('base64') }], signature: null },
  ],
  history: [],
};

// Keys: the collège's encrypted with a passphrase, the CFA's plain.
file('phrase.txt', 'une phrase de passe du collège\n');
file('dossier.json', JSON.stringify(dossier, null, 2));
const collegePub = JSON.parse(mustRun(['keygen', '--out', 'college.jwk', '--passphrase-file', 'phrase.txt']).out);
const cfaPub = JSON.parse(mustRun(['keygen', '--out', 'cfa.jwk']).out);
const trust = { keys: [{ ...collegePub, name: 'Collège Anatole France (Marseille)', roles: ['college'] }] };
file('trust.json', JSON.stringify(trust));

function collegeSigns(args) { return ['sign', '--key', 'college.jwk', '--passphrase-file', 'phrase.txt', '--role', 'college', ...args]; }
function cfaSigns(args) { return ['sign', '--key', 'cfa.jwk', '--role', 'cfa', ...args]; }

// The full flow: collège, CFA, manifest by the CFA then the collège (the submitter).
file('b1.json', mustRun(collegeSigns(['dossier.json'])).out);
file('b2.json', mustRun(cfaSigns(['dossier.json', '--into', 'b1.json'])).out);
file('b3.json', mustRun(cfaSigns(['--manifest', '--into', 'b2.json'])).out);
file('final.json', mustRun(collegeSigns(['--manifest', '--into', 'b3.json'])).out);
const finalBundle = JSON.parse(fs.readFileSync(file('final.json'), 'utf8'));

test('CLI multi-party flow: each step verifies, the end is complete', () => {
  const partial = mustRun(['verify', 'b1.json']);
  assert.match(partial.out, /incomplet/);
  assert.match(partial.out, /manque : section cfa \(cfa\)/);
  assert.equal(run(['verify', 'b1.json', '--complet']).code, 1);
  const done = mustRun(['verify', 'final.json']);
  assert.match(done.out, /signatures valides, complet/);
  assert.match(done.out, /clé inconnue/);
  assert.match(done.out, /manifeste co-signé par : cfa, college/);
  assert.match(done.out, /convention\.pdf .* incluse et intacte/);
  assert.equal(run(['verify', 'final.json', '--complet']).code, 0);
});

test('a trust list names the signer: « signée … par Collège X (clé connue) »', () => {
  const r = mustRun(['verify', 'final.json', '--trust', 'trust.json']);
  assert.match(r.out, /section etablissement \(college, version 1\) : signée le \S+ par Collège Anatole France \(Marseille\) \(clé connue\)/);
  assert.match(r.out, /section cfa \(cfa, version 1\) : signée le \S+ par clé inconnue/);
});

test('any order of parties works: CFA first, collège co-signs first', () => {
  file('o1.json', mustRun(cfaSigns(['dossier.json'])).out);
  file('o2.json', mustRun(collegeSigns(['dossier.json', '--into', 'o1.json'])).out);
  file('o3.json', mustRun(collegeSigns(['--manifest', '--into', 'o2.json'])).out);
  file('o4.json', mustRun(cfaSigns(['--manifest', '--into', 'o3.json'])).out);
  assert.match(mustRun(['verify', 'o4.json', '--complet']).out, /complet/);
  // One step: sign sections and co-sign at once when the others are already there.
  file('p2.json', mustRun(cfaSigns(['dossier.json', '--into', 'b1.json', '--manifest'])).out);
  assert.match(mustRun(['verify', 'p2.json']).out, /manque : co-signature du manifeste par college/);
});

test('npm jose verifies every section JWS and every manifest signature', async () => {
  for (const s of finalBundle.sections) {
    const { payload, protectedHeader } = await jose.flattenedVerify(s.jws, jose.EmbeddedJWK);
    assert.equal(protectedHeader.alg, 'Ed25519');
    assert.equal(protectedHeader.kid, await jose.calculateJwkThumbprint(protectedHeader.jwk));
    const body = JSON.parse(new TextDecoder().decode(payload));
    assert.equal(canonicalize(body), new TextDecoder().decode(payload)); // the payload is its own JCS
    assert.equal(body.bundle_id, finalBundle.bundle_id);
    assert.equal(body.section.id, s.id);
    assert.equal(body.section.version, s.version);
  }
  const m = finalBundle.manifest;
  assert.equal(m.signatures.length, 2);
  for (const sig of m.signatures) {
    const { payload } = await jose.flattenedVerify({ payload: m.payload, ...sig }, jose.EmbeddedJWK);
    const manifest = JSON.parse(new TextDecoder().decode(payload));
    // The manifest binds each section by SHA-256 of its signing input.
    for (const entry of manifest.sections) {
      const s = finalBundle.sections.find((x) => x.id === entry.id);
      assert.equal(entry.digest, b64u(createHash('sha256').update(`${s.jws.protected}.${s.jws.payload}`).digest()));
    }
  }
  const general = await jose.generalVerify(m, jose.EmbeddedJWK);
  assert.ok(general.payload.length > 0);
  // And jose refuses a tampered one.
  const bad = { ...finalBundle.sections[0].jws, payload: finalBundle.sections[0].jws.payload.replace(/^./, (c) => (c === 'e' ? 'f' : 'e')) };
  await assert.rejects(jose.flattenedVerify(bad, jose.EmbeddedJWK));
});

test('our verifier accepts a bundle whose JWS npm jose signed (Ed25519 and legacy EdDSA)', async () => {
  const parties = {};
  for (const role of ['college', 'cfa']) {
    const { publicKey, privateKey } = await jose.generateKeyPair('Ed25519', { extractable: true });
    const jwk = await jose.exportJWK(publicKey);
    parties[role] = { privateKey, jwk: { crv: jwk.crv, kty: jwk.kty, x: jwk.x }, kid: await jose.calculateJwkThumbprint(jwk) };
  }
  const bundleId = 'jose-0001';
  const declared = dossier.sections.map((s) => ({ id: s.id, role: s.role })).sort((a, b) => (a.id < b.id ? -1 : 1));
  const sections = [];
  for (const s of dossier.sections) {
    const p = parties[s.role];
    const section = { id: s.id, role: s.role, version: s.version, fields: s.fields,
                      attachments: s.attachments.map(({ content_b64, ...rest }) => rest) };
    const payload = canonicalize({ format: 'passerelle.section/1', bundle_id: bundleId, scheme: dossier.scheme, section,
                                   previous: null, signed_at: '2026-05-06T09:12:00Z', dossier_sections: declared });
    const jws = await new jose.FlattenedSign(new TextEncoder().encode(payload))
      .setProtectedHeader({ alg: s.role === 'cfa' ? 'EdDSA' : 'Ed25519', typ: 'passerelle-section+jws', jwk: p.jwk, kid: p.kid })
      .sign(p.privateKey);
    sections.push({ id: s.id, role: s.role, version: s.version, jws });
  }
  sections.sort((a, b) => (a.id < b.id ? -1 : 1));
  const manifestPayload = canonicalize({
    format: 'passerelle.manifest/1', bundle_id: bundleId, scheme: dossier.scheme,
    sections: sections.map((s) => ({ id: s.id, role: s.role, version: s.version,
      digest: b64u(createHash('sha256').update(`${s.jws.protected}.${s.jws.payload}`).digest()) })),
    attachments: [dossier.sections[2].attachments[0].sha256],
  });
  const gs = new jose.GeneralSign(new TextEncoder().encode(manifestPayload));
  for (const role of ['college', 'cfa'])
    gs.addSignature(parties[role].privateKey).setProtectedHeader({ alg: 'Ed25519', typ: 'passerelle-manifest+jws', jwk: parties[role].jwk, kid: parties[role].kid });
  const manifest = await gs.sign();
  const bundle = { format: 'passerelle.bundle/1', bundle_id: bundleId, scheme: dossier.scheme, sections,
                   attachments: [{ sha256: dossier.sections[2].attachments[0].sha256, content_b64: pdf.toString('base64') }], manifest };
  file('jose.json', JSON.stringify(bundle));
  const r = run(['verify', 'jose.json', '--complet']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /complet/);
  // An unprotected header that jose would happily carry is refused by ours.
  const withHeader = structuredClone(bundle);
  withHeader.manifest.signatures[0].header = { note: 'non signé' };
  file('jose-header.json', JSON.stringify(withHeader));
  const h = run(['verify', 'jose-header.json']);
  assert.equal(h.code, 1);
  assert.match(h.err, /non protégé/);
});

test('verify: tampering gives exit 1 and one line naming the section; unreadable input exit 2', () => {
  const text = fs.readFileSync(file('final.json'), 'utf8');
  const idx = text.indexOf('"payload": "') + 20;
  const flipped = text.slice(0, idx) + (text[idx] === 'A' ? 'B' : 'A') + text.slice(idx + 1);
  file('tampered.json', flipped);
  const r = run(['verify', 'tampered.json']);
  assert.equal(r.code, 1);
  assert.equal(r.err.trim().split('\n').length, 1);
  assert.match(r.err, /^INVALIDE : (section « \w+ »|manifeste)/);
  file('garbage.json', '{"format": ');
  assert.equal(run(['verify', 'garbage.json']).code, 2);
  assert.equal(run(['verify', 'absent.json']).code, 2);
  // A section pasted from another bundle.
  const other = JSON.parse(fs.readFileSync(file('o1.json'), 'utf8'));
  const pasted = JSON.parse(text);
  const otherDossier = { ...dossier, id: 'un-autre-dossier' };
  file('other-dossier.json', JSON.stringify(otherDossier));
  const foreign = JSON.parse(mustRun(cfaSigns(['other-dossier.json'])).out);
  pasted.sections[pasted.sections.findIndex((s) => s.id === 'cfa')] = foreign.sections[0];
  file('pasted.json', JSON.stringify(pasted));
  const p = run(['verify', 'pasted.json']);
  assert.equal(p.code, 1);
  assert.match(p.err, /section « cfa » : signée pour un autre paquet/);
  assert.ok(other.sections.length > 0);
});

test('wrong passphrase: clear French error, key file untouched; wrong role refused', () => {
  const before = fs.readFileSync(file('college.jwk'));
  file('wrong.txt', 'pas la bonne\n');
  const r = run(['sign', '--key', 'college.jwk', '--passphrase-file', 'wrong.txt', '--role', 'college', 'dossier.json']);
  assert.equal(r.code, 1);
  assert.match(r.err, /phrase de passe incorrecte/);
  assert.equal(r.out, '');
  assert.deepEqual(fs.readFileSync(file('college.jwk')), before);
  const noPass = run(['sign', '--key', 'college.jwk', '--role', 'college', 'dossier.json']);
  assert.match(noPass.err, /cette clé est chiffrée/);
  // The CFA's key cannot sign for the collège in a bundle where the collège already signed.
  const wrongKey = run(['sign', '--key', 'cfa.jwk', '--role', 'college', 'dossier.json', '--into', 'b1.json']);
  assert.equal(wrongKey.code, 1);
  assert.match(wrongKey.err, /déjà signé dans ce paquet par une autre clé/);
  // keygen never overwrites a key.
  assert.equal(run(['keygen', '--out', 'college.jwk']).code, 2);
  assert.deepEqual(fs.readFileSync(file('college.jwk')), before);
});

// A corpus for canon: hand-picked edge cases plus seeded random documents.
function corpus() {
  const docs = [
    '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    '[0,-0,-0.0,1.0,100,1e21,1e20,123456789012345680000,1e-6,1e-7,5e-324,1.7976931348623157e308,9007199254740993,-1.5e-9]',
    '{"a":{"b":{"c":[{},[],""]}},"A":1,"é":"é","e\\u0301":2," ":3,"":4}',
    '["\\u0000\\u001f\\u007f\\u2028\\u2029","tab\\tnew\\nline","quote\\"back\\\\slash","/"]',
    '{"dossier":{"id":"3f1c","fields":{"accord":true,"heures":35,"nom":"Collège Anatole France"}}}',
    '0.1', '"texte"', 'null', '[1e-5, 1e-6, 1e-7, 0.000001234, 1234567.125, 4.35, 0.3, 2.5e+25]',
  ];
  let seed = 20260506;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const chars = ['a', 'z', 'A', 'é', 'ß', '€', '😀', '\ufb33', '\u0080', '1', '_', '"', '\\', '\n', '\u0001', ' '];
  const str = () => Array.from({ length: Math.floor(rnd() * 6) }, () => chars[Math.floor(rnd() * chars.length)]).join('');
  const num = () => {
    const k = rnd();
    if (k < 0.3) return Math.floor((rnd() - 0.5) * 2e6);
    if (k < 0.6) return (rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 20);
    if (k < 0.8) return Math.round(rnd() * 1000) / 8;
    return (rnd() - 0.5) * 10 ** Math.floor(rnd() * 600 - 300);
  };
  const value = (depth) => {
    const k = rnd();
    if (depth > 3 || k < 0.25) return num();
    if (k < 0.45) return str();
    if (k < 0.5) return [true, false, null][Math.floor(rnd() * 3)];
    if (k < 0.7) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
    const o = {};
    for (let i = Math.floor(rnd() * 5); i > 0; --i) o[str()] = value(depth + 1);
    return o;
  };
  for (let i = 0; i < 150; ++i) docs.push(JSON.stringify(value(0)));
  return docs;
}

test('canon output equals npm canonicalize on a corpus', () => {
  const docs = corpus();
  docs.forEach((text, i) => {
    const p = file(`canon-${i}.json`, text);
    const r = run(['canon', p]);
    assert.equal(r.code, 0, `${text} : ${r.err}`);
    assert.equal(r.out, canonicalize(JSON.parse(text)), `document ${i} : ${text}`);
  });
  const dup = run(['canon', file('dup.json', '{"a":1,"a":2}')]);
  assert.equal(dup.code, 2);
  assert.match(dup.err, /apparaît deux fois/);
});

test('prefill: a link without sensitive data, and none while the académie has not filled in the ids', () => {
  const mapping = { format: 'passerelle.platform-mapping/1', scheme: dossier.scheme,
    base_url: 'https://demarche.numerique.gouv.fr/commencer/', procedure_path: 'essai-securisation',
    fields: [{ section: 'etablissement', field: 'nom', stable_id: 1234 }, { section: 'eleve', field: 'rqth', stable_id: 77 },
             { section: 'eleve', field: 'date_naissance', stable_id: 42 }] };
  file('mapping.json', JSON.stringify(mapping));
  const r = run(['prefill', 'dossier.json', '--mapping', 'mapping.json']);
  assert.equal(r.code, 0, r.err);
  const url = new URL(r.out.trim());
  assert.equal(url.pathname, '/commencer/essai-securisation');
  assert.equal(url.searchParams.get('champ_' + Buffer.from('Champ-1234').toString('base64').replace(/=+$/, '')), 'Collège Anatole France');
  assert.equal(url.searchParams.get('champ_Q2hhbXAtNDI'), '2011-10-01');
  assert.equal(url.searchParams.has('champ_' + Buffer.from('Champ-77').toString('base64').replace(/=+$/, '')), false);
  assert.match(r.err, /eleve\.rqth — donnée sensible/);
  assert.ok(r.out.trim().length <= 2000);
  const shipped = run(['prefill', 'dossier.json']);
  assert.equal(shipped.code, 1);
  assert.match(shipped.err, /A_RENSEIGNER/);
});

// A small JSON Schema subset (the keywords docs/bundle.schema.json uses), to check the schema describes real bundles.
function validate(schema, value, root, where = '$') {
  const errors = [];
  const s = schema.$ref ? root.$defs[schema.$ref.replace('#/$defs/', '')] : schema;
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (s.type && !(s.type === type || (s.type === 'number' && type === 'integer'))) return [`${where}: ${type} au lieu de ${s.type}`];
  if ('const' in s && s.const !== value) errors.push(`${where}: ${JSON.stringify(value)} ≠ ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.includes(value)) errors.push(`${where}: ${JSON.stringify(value)} hors de l'énumération`);
  if (s.pattern && !new RegExp(s.pattern, 'u').test(value)) errors.push(`${where}: ${value} ne suit pas ${s.pattern}`);
  if (s.minLength !== undefined && value.length < s.minLength) errors.push(`${where}: trop court`);
  if (s.minimum !== undefined && value < s.minimum) errors.push(`${where}: < ${s.minimum}`);
  if (s.oneOf && s.oneOf.filter((o) => validate(o, value, root, where).length === 0).length !== 1) errors.push(`${where}: oneOf`);
  if (type === 'array') {
    if (s.minItems !== undefined && value.length < s.minItems) errors.push(`${where}: moins de ${s.minItems} éléments`);
    if (s.items) value.forEach((v, i) => errors.push(...validate(s.items, v, root, `${where}[${i}]`)));
  }
  if (type === 'object') {
    for (const r of s.required || []) if (!(r in value)) errors.push(`${where}: ${r} manque`);
    for (const [k, v] of Object.entries(value)) {
      if (s.properties && k in s.properties) errors.push(...validate(s.properties[k], v, root, `${where}.${k}`));
      else if (s.additionalProperties === false) errors.push(`${where}: membre ${k} non prévu`);
    }
  }
  return errors;
}

test('docs/bundle.schema.json describes our bundles, their headers and payloads', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'docs', 'bundle.schema.json'), 'utf8'));
  const decode = (b) => JSON.parse(Buffer.from(b, 'base64url').toString('utf8'));
  const sub = (name) => ({ $ref: `#/$defs/${name}` });
  for (const name of ['final.json', 'b1.json', 'o4.json']) {
    const bundle = JSON.parse(fs.readFileSync(file(name), 'utf8'));
    assert.deepEqual(validate(schema, bundle, schema), [], name);
    for (const s of bundle.sections) {
      assert.deepEqual(validate(sub('protectedHeader'), decode(s.jws.protected), schema), []);
      assert.deepEqual(validate(sub('sectionPayload'), decode(s.jws.payload), schema), []);
    }
    if (bundle.manifest) {
      assert.deepEqual(validate(sub('manifestPayload'), decode(bundle.manifest.payload), schema), []);
      for (const sig of bundle.manifest.signatures) assert.deepEqual(validate(sub('protectedHeader'), decode(sig.protected), schema), []);
    }
  }
  // And it is not a schema that accepts anything.
  const bad = JSON.parse(fs.readFileSync(file('final.json'), 'utf8'));
  bad.sections[0].extra = 1;
  bad.manifest.signatures[0].signature += 'A';
  assert.equal(validate(schema, bad, schema).length, 2);
});
