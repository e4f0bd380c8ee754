#!/usr/bin/env node
// Tiny static server for the built app (build/web/dist) on 127.0.0.1: right MIME types, no caching, the app's CSP.
//   node web/serve.mjs [--root DIR] [--port 8080]     (port 0 picks a free one)
// Also imported by the end-to-end tests and the startup benchmark: serve({ root, port }).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

// The page's own policy (index.html's <meta http-equiv>), sent as a header too; frame-ancestors works
// only in a header: no other site may frame the app.
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "connect-src 'self'; img-src 'self' data: blob:; font-src 'self'; worker-src 'self'; manifest-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function createHandler(root) {
  const base = path.resolve(root);
  return (req, res) => {
    const headers = {
      'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400, headers).end('requête invalide\n');
      return;
    }
    let file = path.resolve(base, `.${rel}`);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403, headers).end('interdit\n');
      return;
    }
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) file = path.join(file, 'index.html');
      fs.readFile(file, (readErr, data) => {
        if (readErr) {
          res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('introuvable\n');
          return;
        }
        const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
        res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': data.length });
        res.end(req.method === 'HEAD' ? undefined : data);
      });
    });
  };
}

// Starts serving; resolves with { server, url, close() }.
export function serve({ root, port = 8080, host = '127.0.0.1' } = {}) {
  return new Promise((resolve, reject) => {
    const server = http.createServer(createHandler(root));
    server.on('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      // close() also drops kept-alive connections: a test that stops the server means no server at all.
      const close = () => new Promise((r) => { server.close(r); server.closeAllConnections(); });
      resolve({ server, url: `http://${host}:${actual}/`, close });
    });
  });
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === self) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
  };
  const root = opt('--root', path.join(path.dirname(self), '..', 'build', 'web', 'dist'));
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`serve: ${root}/index.html introuvable — construisez d'abord l'application (cmake --preset web)`);
    process.exit(1);
  }
  const port = Number(opt('--port', '8080'));
  serve({ root, port }).then(({ url }) => {
    console.log(`Passerelle est servie sur ${url}  (Ctrl+C pour arrêter)`);
  }, (err) => {
    console.error(`serve: impossible d'écouter sur le port ${port} : ${err.message}`);
    process.exit(1);
  });
}
