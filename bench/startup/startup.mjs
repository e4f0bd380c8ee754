// Startup benchmark (not a test): download size, first-frame time and idle frames of the built app.
//   node bench/startup/startup.mjs [--dist DIR] [--runs 5] [--build-seconds S] [--json OUT]
// The clean build time is measured by bench/startup/run.sh, which passes it in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, repoRoot } from '../../tests/e2e/browser.mjs';
import { serve } from '../../web/serve.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const dist = path.resolve(opt('--dist', path.join(repoRoot, 'build', 'web', 'dist')));
const runs = Number(opt('--runs', '5'));
const buildSeconds = opt('--build-seconds', null);
const buildCpuSeconds = opt('--build-cpu-seconds', null);
const loadBefore = opt('--load', null);
const jsonOut = opt('--json', null);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function freshContext() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 }, locale: 'fr-FR',
  });
  return { context, close: async () => { await context.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

const server = await serve({ root: dist, port: 0 });
const result = { date: new Date().toISOString(), machine: `${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`, dist };
try {
  // 1. Everything the page downloads, gzip -9 each (what a server with compression would send).
  {
    const b = await freshContext();
    const page = b.context.pages()[0] || (await b.context.newPage());
    const files = new Map();
    page.on('response', async (r) => {
      try { files.set(new URL(r.url()).pathname, await r.body()); } catch { /* redirect or aborted */ }
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 30000 });
    await page.evaluate(() => window.passerelle.idle(500));
    result.files = [...files.entries()].map(([name, body]) => ({
      name, bytes: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length,
    })).sort((a, b) => b.gzip - a.gzip);
    result.totalBytes = result.files.reduce((s, f) => s + f.bytes, 0);
    result.totalGzip = result.files.reduce((s, f) => s + f.gzip, 0);

    // 2. Idle: wait until nothing was drawn for 1 s, then count frames over 5 s.
    const settled = await page.evaluate(() => window.passerelle.idle(1000));
    await page.waitForTimeout(5000);
    result.idleFrames = (await page.evaluate(() => window.passerelle.frames())) - settled;
    result.framesToSettle = settled;
    await b.close();
  }

  // 3. First frame after navigation start, fresh profile each time.
  result.firstFrameMs = [];
  const marks = [];
  for (let i = 0; i < runs; i++) {
    const b = await freshContext();
    const page = b.context.pages()[0] || (await b.context.newPage());
    await page.goto(server.url);
    await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 30000 });
    result.firstFrameMs.push(Math.round(await page.evaluate(() => window.PasserelleWeb.frames.first)));
    marks.push(await page.evaluate(() => ({ ...window.PasserelleWeb.marks })));
    await b.close();
  }
  result.firstFrameMedianMs = median(result.firstFrameMs);
  // Where the time goes: median of each start-up milestone (ms since navigation start).
  result.milestonesMedianMs = Object.fromEntries(Object.keys(marks[0]).map((k) => [k, Math.round(median(marks.map((m) => m[k])))]));
  if (buildSeconds !== null) result.cleanBuildSeconds = Number(buildSeconds);
  if (buildCpuSeconds !== null) result.cleanBuildCpuSeconds = Number(buildCpuSeconds);
  if (loadBefore !== null) result.loadAverageBeforeBuild = Number(loadBefore);
  result.loadAverageAfter = os.loadavg()[0];
} finally {
  await server.close();
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`date           ${result.date}`);
console.log(`machine        ${result.machine}`);
if (result.cleanBuildSeconds !== undefined) {
  console.log(`clean build    ${result.cleanBuildSeconds} s wall, ${result.cleanBuildCpuSeconds} s CPU (cmake --preset web, -j2; load average ${result.loadAverageBeforeBuild} before)`);
}
console.log(`download       ${kb(result.totalGzip)} gzip -9 (${kb(result.totalBytes)} raw), target ≤ 600 KB`);
for (const f of result.files) console.log(`  ${f.name.padEnd(36)} ${kb(f.gzip).padStart(10)} gzip  ${kb(f.bytes).padStart(10)} raw`);
console.log(`first frame    median ${result.firstFrameMedianMs} ms of [${result.firstFrameMs.join(', ')}], target ≤ 500 ms`);
console.log(`milestones     ${Object.entries(result.milestonesMedianMs).sort((a, b) => a[1] - b[1]).map(([k, v]) => `${k} ${v}`).join(' · ')} (ms, medians)`);
console.log(`load average   ${result.loadAverageAfter.toFixed(1)} at the end (the machine is shared: timings stretch with it)`);
console.log(`idle           ${result.idleFrames} frames in 5 s after 1 s without input (settling took ${result.framesToSettle} frames), target 0`);
if (jsonOut) {
  fs.mkdirSync(path.dirname(jsonOut), { recursive: true });
  fs.writeFileSync(jsonOut, `${JSON.stringify(result, null, 2)}\n`);
}
