// The import page: a file with problem rows is refused with every line listed and nothing stored; a clean file is
// previewed, then imported by a coordinator (not by a desk worker), and the progress page shows the outcome.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_STAFF_PASSWORD } from '../../src/demo/seed.ts';
import type { App } from '../../src/http/server.ts';
import { rowCounts, type TestDb } from '../support/db.ts';
import { closeDemoSite, openDemoSite } from '../support/demo-site.ts';
import { Visitor } from '../support/visitor.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
/** The header and the first 30 rows of the sample lists: the bad one has its first bad row at line 39, so cut more. */
function firstLines(file: string, n: number): string {
  return readFileSync(join(FIXTURES, file), 'utf8').split('\n').slice(0, n + 1).join('\n');
}

describe('the waiting-list import page', () => {
  let t: TestDb;
  let app: App;
  const logIn = async (email: string) => {
    const v = new Visitor(app);
    await v.get('/werkplek/aanmelden');
    assert.equal((await v.post('/werkplek/aanmelden', { email, password: DEMO_STAFF_PASSWORD })).statusCode, 303);
    await v.get('/werkplek/loket/import');
    return v;
  };
  const upload = (v: Visitor, content: string, name: string) => {
    const form = new FormData();
    form.append('_csrf', v.csrf);
    form.append('file', new Blob([content], { type: 'text/csv' }), name);
    return app.inject({ method: 'POST', url: '/werkplek/loket/import/controle', headers: { cookie: v.cookie }, payload: form });
  };
  before(async () => {
    ({ t, app } = await openDemoSite());
  });
  after(() => closeDemoSite(t, app));

  it('lists every problem row of a bad file by line and stores nothing', async () => {
    const v = await logIn('koen@nabij.example');
    const before = await rowCounts(t.ctx);
    const res = await upload(v, firstLines('wachtlijst-5000-fouten.csv', 140), 'fouten.csv');
    assert.equal(res.statusCode, 422, res.body.slice(0, 300));
    assert.match(res.body, /<td>39<\/td>/);
    assert.match(res.body, /<td>136<\/td>/);
    assert.doesNotMatch(res.body, /Alle \d+ rijen importeren/);
    assert.deepEqual(await rowCounts(t.ctx), before);
  });

  it('refuses an upload without a file next to the field', async () => {
    const v = await logIn('sara@nabij.example');
    const form = new FormData();
    form.append('_csrf', v.csrf);
    const res = await app.inject({ method: 'POST', url: '/werkplek/loket/import/controle', headers: { cookie: v.cookie }, payload: form });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-file-error"/);
  });

  it('previews a clean file; a desk worker may not start it, a coordinator imports it and sees the outcome', async () => {
    const worker = await logIn('sara@nabij.example');
    const seen = await upload(worker, firstLines('wachtlijst-5000.csv', 30), 'lijst.csv');
    assert.equal(seen.statusCode, 200, seen.body.slice(0, 300));
    assert.match(seen.body, /Alleen een coördinator/);
    assert.equal((await worker.post('/werkplek/loket/import/start', {})).statusCode, 403);

    const coord = await logIn('koen@nabij.example');
    const ok = await upload(coord, firstLines('wachtlijst-5000.csv', 30), 'lijst.csv');
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /Alle 30 rijen importeren/);
    coord.csrf = /name="_csrf" value="([^"]+)"/.exec(ok.body)![1]!;
    const before = (await rowCounts(t.ctx)).request!;
    const started = await coord.post('/werkplek/loket/import/start', {});
    assert.equal(started.statusCode, 303);
    const progressPath = String(started.headers.location);
    let page = await coord.get(progressPath);
    for (let i = 0; i < 100 && /Bezig/.test(page.body); i++) {
      await new Promise((r) => setTimeout(r, 200));
      page = await coord.get(progressPath);
    }
    const batch = await t.ctx.db.selectFrom('import_batch').select(['status', 'error']).orderBy('started_at', 'desc').executeTakeFirst();
    assert.match(page.body, /Klaar: 30 nieuwe aanvragen/, JSON.stringify(batch));
    assert.equal((await rowCounts(t.ctx)).request, before + 30);
    const json = await coord.get(`${progressPath}/voortgang`);
    assert.equal(JSON.parse(json.body).status, 'committed');
  });
});
