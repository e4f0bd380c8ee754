// Shared by the browser tests and the startup benchmark: serve the built app, launch Debian's Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../web/serve.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const screenshotDir = path.join(repoRoot, 'build', 'screenshots');

// The app as `cmake --preset web` builds it; PASSERELLE_DIST overrides (e.g. a developer's own build dir).
export function distDir() {
  const dir = process.env.PASSERELLE_DIST || path.join(repoRoot, 'build', 'web', 'dist');
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html introuvable : construisez l'application (cmake --preset web && cmake --build --preset web)`);
  }
  return dir;
}

// Headless flags that work on a closed network with SwiftShader WebGL (see TOOLCHAIN.md).
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// A persistent context in a fresh profile directory: IDBFS survives reloads within it.
export async function launch({ deviceScaleFactor = 1, viewport = { width: 1100, height: 900 }, permissions = [], hasTouch = false } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    deviceScaleFactor,
    hasTouch,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  return {
    context,
    async grant(origin) {
      if (permissions.length) await context.grantPermissions(permissions, { origin });
    },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function startServer() {
  return serve({ root: distDir(), port: 0 });
}

// Opens the app and waits for its first frame and for it to settle.
export async function openApp(page, url) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
  await page.evaluate(() => window.passerelle.idle());
  return errors;
}

// Reloads the page and waits, as openApp does, for the app's first frame and for it to settle. What is
// still being saved is the caller's business (window.passerelle.storageSettled() first when it matters).
export async function reload(page) {
  await page.reload();
  await page.waitForFunction(() => window.passerelle && window.PasserelleWeb.frames.count > 0, null, { timeout: 20000 });
  await page.evaluate(() => window.passerelle.idle());
}

export async function rect(page, name) {
  await page.evaluate(() => window.passerelle.idle());
  const r = await page.evaluate((n) => window.passerelle.rect(n), name);
  if (!r) throw new Error(`le widget "${name}" n'est pas affiché`);
  return r;
}

export async function click(page, name) {
  const r = await rect(page, name);
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  await page.evaluate(() => window.passerelle.idle());
}

export async function screenshot(page, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, name);
  await page.screenshot({ path: file });
  return file;
}

// Resizes the page and waits until the app has laid itself out at the new width (the resize event
// reaches the app asynchronously: an idle() right after setViewportSize can see the old layout).
export async function resize(page, width, height) {
  await page.setViewportSize({ width, height });
  await page.waitForFunction((w) => window.passerelle.state().canvas.width === Math.round(w * window.devicePixelRatio),
    width, { timeout: 20000 });
  await page.evaluate(() => window.passerelle.wake());
  await page.evaluate(() => window.passerelle.idle());
}
