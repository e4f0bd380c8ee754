// One app per describe(): a server over the built app and a fresh Chromium profile, opened before the tests, closed after.
import { after, before } from 'node:test';
import { launch, openApp, startServer } from './browser.mjs';

// `launchOptions` go to launch() (viewport, deviceScaleFactor, permissions, hasTouch); `hash` is appended to the
// app's address. `ready` gets { server, browser, page, errors } once the app has drawn and settled.
export function withApp({ hash = '', ...launchOptions } = {}, ready = () => {}) {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launch(launchOptions);
    if (launchOptions.permissions?.length) await browser.grant(server.url.replace(/\/$/, ''));
    const page = browser.context.pages()[0] || (await browser.context.newPage());
    const errors = await openApp(page, server.url + hash);
    await ready({ server, browser, page, errors });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}
