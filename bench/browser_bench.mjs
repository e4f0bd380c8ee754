// Set-up shared by the browser benchmarks (storage_browser, workspace): options, the served app in a fresh Chromium profile, the result's header and footer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, repoRoot } from '../tests/e2e/browser.mjs';
import { serve } from '../web/serve.mjs';

// `--name VALUE` from the command line, else `fallback`.
export function option(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}

// The built app to serve: --dist, else the web preset's output.
export const distOption = () => path.resolve(option('--dist', path.join(repoRoot, 'build', 'web', 'dist')));

export async function waitReady(page) {
  await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 60000 });
}

// Serves `dist` and launches Chromium on a fresh profile (IDBFS persists across reloads within it).
// `result` starts with the date, the machine and the load average; finish() records the load after,
// closes everything, prints the machine line and writes the JSON when --json was given.
export async function openBench({ dist, name, extra = {}, contextOptions = {} }) {
  const loadBefore = os.loadavg()[0];
  const server = await serve({ root: dist, port: 0 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `passerelle-bench-${name}-`));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 }, locale: 'fr-FR', ...contextOptions,
  });
  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    ...extra,
    loadBefore,
  };
  async function finish() {
    result.loadAfter = os.loadavg()[0];
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
  function report() {
    console.log(`machine : ${result.machine} ; charge moyenne ${loadBefore.toFixed(1)} → ${result.loadAfter.toFixed(1)}`);
    const jsonOut = option('--json', null);
    if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(result, null, 2));
  }
  return { server, context, result, finish, report };
}
