// The demo installation (its places and staff, no families) served by the real app, for page tests without a browser.
import { seedDemo } from '../../src/demo/seed.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { pglite, type Flavour, type TestDb } from './db.ts';

export async function openDemoSite(flavour: Flavour = pglite): Promise<{ t: TestDb; app: App }> {
  const t = await flavour.open();
  await seedDemo(t.ctx, 0);
  return { t, app: await buildServer(t.ctx) };
}

export async function closeDemoSite(t: TestDb, app: App): Promise<void> {
  await app.close();
  await t.close();
}
