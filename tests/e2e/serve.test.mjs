// The dev server (web/serve.mjs): MIME types the browser insists on, no caching, nothing outside the root.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '../../web/serve.mjs';

let root;
let server;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-serve-'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>é</title>');
  fs.writeFileSync(path.join(root, 'app.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  fs.writeFileSync(path.join(root, 'app.js'), 'console.log(1);');
  fs.mkdirSync(path.join(root, 'fonts'));
  fs.writeFileSync(path.join(root, 'fonts', 'f.ttf'), 'ttf');
  fs.writeFileSync(path.join(os.tmpdir(), 'passerelle-secret.txt'), 'secret');
  server = await serve({ root, port: 0 });
});

after(async () => {
  await server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

test('types MIME corrects et aucune mise en cache', async () => {
  for (const [file, type] of [['', 'text/html; charset=utf-8'], ['app.wasm', 'application/wasm'],
    ['app.js', 'text/javascript; charset=utf-8'], ['fonts/f.ttf', 'font/ttf']]) {
    const r = await fetch(server.url + file);
    assert.equal(r.status, 200, file);
    assert.equal(r.headers.get('content-type'), type, file);
    assert.equal(r.headers.get('cache-control'), 'no-store', file);
  }
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('404 pour un fichier absent, rien hors de la racine, 405 pour POST', async () => {
  assert.equal((await fetch(`${server.url}absent.js`)).status, 404);
  assert.notEqual((await fetch(`${server.url}..%2fpasserelle-secret.txt`)).status, 200);
  assert.notEqual((await fetch(`${server.url}%2e%2e/passerelle-secret.txt`)).status, 200);
  assert.equal((await fetch(server.url, { method: 'POST' })).status, 405);
});
