// Start-up waterfall (not a test): when each file of the page was asked for and arrived, and the app's milestones, in one fresh profile.
//   node bench/startup/waterfall.mjs [DIST]   (default build/web/dist)
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, repoRoot } from '../../tests/e2e/browser.mjs';
import { serve } from '../../web/serve.mjs';
const server = await serve({ root: process.argv[2] || path.join(repoRoot, 'build', 'web', 'dist'), port: 0 });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diag-'));
const ctx = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
const page = ctx.pages()[0] || await ctx.newPage();
await page.goto(server.url);
await page.waitForFunction(() => window.PasserelleWeb && window.PasserelleWeb.marks.firstFrame, null, { timeout: 30000 });
const r = await page.evaluate(() => ({ marks: PasserelleWeb.marks, nav: performance.getEntriesByType('navigation').map(e => ({ rs: e.requestStart, re: e.responseEnd, dcl: e.domContentLoadedEventStart })), res: performance.getEntriesByType('resource').map(e => `${e.name.split('/').pop().padEnd(28)} start ${e.startTime.toFixed(0)} reqStart ${e.requestStart.toFixed(0)} end ${e.responseEnd.toFixed(0)}`), paint: performance.getEntriesByType('paint').map(e => `${e.name} ${e.startTime.toFixed(0)}`) }));
console.log(JSON.stringify(r.nav), '\n' + r.res.join('\n'), '\n' + r.paint.join('\n'));
console.log(Object.entries(r.marks).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' · '));
await ctx.close(); server.close(); fs.rmSync(dir, { recursive: true, force: true });
