// Importing a desk's existing waiting list into the demo installation: the acceptance (50 bad rows refuse
// the file, the fixed file imports all rows, a second import adds nothing), progress, Excel, and who may do it.
// The full 5,000 rows run on PostgreSQL (DATABASE_URL); PGlite runs the first 500 rows of the same files, as 5,000
// registrations take minutes on the embedded database (NABIJ_IMPORT_FULL=1 runs all of them there too; docs/import.md).
// The check of all 5,000 rows and the 50 bad ones also runs without a database in test/domain/import.test.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { commitImport, getImportProgress, getImportReport, listImports, previewImport, type ImportProgress } from '../../src/app/import/waiting-list.ts';
import { systemActor, type Actor } from '../../src/app/permissions.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { UserError } from '../../src/domain/errors.ts';
import { BAD_LINES } from '../fixtures/import/generate.ts';
import { flavours, rowCounts, type TestDb } from '../support/db.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url));
/** The first n data rows of a CSV file (with its header). */
function firstRows(bytes: Buffer, n: number): Buffer {
  const lines = bytes.toString('utf8').split('\r\n');
  return Buffer.from(`${lines.slice(0, n + 1).join('\r\n')}\r\n`, 'utf8');
}

for (const flavour of flavours()) {
  const full = flavour.name === 'postgres' || process.env.NABIJ_IMPORT_FULL === '1';
  const rows = full ? 5000 : 500;
  describe(`waiting-list import on ${flavour.name} (${rows} rows)`, { timeout: 900_000 }, () => {
    let t: TestDb;
    let deskId: string;
    let coordinator: Actor;
    let worker: Actor;
    const good = firstRows(fixture('wachtlijst-5000.csv'), rows);
    const bad = firstRows(fixture('wachtlijst-5000-fouten.csv'), rows);
    const badLines = BAD_LINES.filter((l) => l <= rows + 1);

    before(async () => {
      t = await flavour.open();
      await seedDemo(t.ctx, 8);
      deskId = (await t.ctx.db.selectFrom('desk').select('id').executeTakeFirstOrThrow()).id;
      const user = await t.ctx.db.selectFrom('app_user').select(['id', 'role']).where('role', 'in', ['desk_coordinator', 'desk_worker']).execute();
      coordinator = { userId: user.find((u) => u.role === 'desk_coordinator')!.id, role: 'desk_coordinator', deskId, organiserId: null, channel: 'web' };
      worker = { userId: user.find((u) => u.role === 'desk_worker')!.id, role: 'desk_worker', deskId, organiserId: null, channel: 'web' };
    });
    after(() => t.close());

    it('previews the file with bad rows: exactly those rows, by line, in Dutch and English, and stores nothing', async () => {
      const before = await rowCounts(t.ctx);
      const p = await previewImport(t.ctx, worker, { content: bad, fileName: 'wachtlijst-fouten.csv' });
      assert.deepEqual(p.problemLines, badLines);
      assert.equal(p.totalRows, rows);
      assert.equal(p.toImport, rows - badLines.length);
      assert.ok(p.problems.every((x) => x.nl && x.en && x.code && badLines.includes(x.line)));
      assert.ok(p.columns.every((c) => c.field !== null), 'every column of the sample is recognised');
      assert.equal(p.sample.length, 10);
      assert.deepEqual(await rowCounts(t.ctx), before);
    });

    it('refuses to commit the file with bad rows and imports nothing', async () => {
      const before = await rowCounts(t.ctx);
      const o = await commitImport(t.ctx, coordinator, { content: bad, fileName: 'wachtlijst-fouten.csv' });
      assert.equal(o.status, 'refused');
      assert.deepEqual(o.problemLines, badLines);
      assert.equal(o.created, 0);
      assert.deepEqual(await rowCounts(t.ctx), before);
      const report = await getImportReport(t.ctx, coordinator, o.batchId);
      assert.equal(report.status, 'refused');
      assert.deepEqual([...new Set(report.problems.map((x) => x.line))], badLines);
    });

    it('imports every row of the fixed file, keeping registration dates, mailing no family, reporting progress', async () => {
      const before = await rowCounts(t.ctx);
      const seen: ImportProgress[] = [];
      const o = await commitImport(t.ctx, coordinator, { content: good, fileName: 'wachtlijst.csv' }, { onProgress: (p) => seen.push(p) });
      assert.equal(o.status, 'committed', JSON.stringify(o.problems.slice(0, 5)));
      assert.equal(o.created, rows);
      const after = await rowCounts(t.ctx);
      assert.equal(after.request! - before.request!, rows);
      assert.equal(after.outbox, before.outbox, 'an imported waiting list queues no mail to the families');
      assert.equal(after.import_row! - before.import_row!, rows);
      // Progress goes up to the total and ends committed.
      assert.ok(seen.length >= 3);
      assert.deepEqual(seen.map((s) => s.processed), [...seen.map((s) => s.processed)].sort((a, b) => a - b));
      assert.equal(seen.at(-1)?.status, 'committed');
      assert.equal((await getImportProgress(t.ctx, worker, o.batchId)).processed, rows);
      // The original registration dates and the import channel are on the requests; the facts were declared.
      const r = await sql<{ n: number; first: string; facts: number }>`
        select count(*)::int as n, min(registered_on)::text as first,
          (select count(*)::int from fact_declaration where channel = 'import') as facts
        from request where channel = 'import'`.execute(t.ctx.db);
      assert.equal(r.rows[0]?.n, rows);
      assert.ok((r.rows[0]?.first ?? '9999') < '2026-06-01', 'registration dates stay as in the file');
      assert.equal(r.rows[0]?.facts, rows);
      const line2 = await sql<{ registered_on: string; number: string }>`select r.registered_on::text, r.number from request r join child c on c.id = r.child_id join guardian g on g.id = r.applicant_id where g.email = 'stijn.geymans.0@wachtlijst.example'`.execute(t.ctx.db);
      assert.equal(line2.rows[0]?.registered_on, '2026-11-10');
      assert.match(line2.rows[0]?.number ?? '', /^NB-2026-/);
      assert.ok((await listImports(t.ctx, worker)).some((b) => b.batchId === o.batchId && b.status === 'committed'));
    });

    it('adds nothing when the same file is imported again, nor for the Excel copy of its first rows', async () => {
      const before = await rowCounts(t.ctx);
      const o = await commitImport(t.ctx, coordinator, { content: good, fileName: 'wachtlijst.csv' });
      assert.equal(o.status, 'committed');
      assert.equal(o.created, 0);
      assert.equal(o.alreadyImported, rows);
      const x = await commitImport(t.ctx, coordinator, { content: fixture('wachtlijst-500.xlsx'), fileName: 'wachtlijst.xlsx' });
      assert.equal(x.status, 'committed');
      assert.equal(x.created, 0);
      assert.equal(x.alreadyImported, 500, 'the Excel rows read exactly as the CSV rows');
      assert.deepEqual(await rowCounts(t.ctx), before);
    });

    it('lets desk workers check but only coordinators import, and keeps other desks out', async () => {
      await assert.rejects(commitImport(t.ctx, worker, { content: good }), (e: unknown) => e instanceof UserError && e.kind === 'forbidden');
      const provider: Actor = { userId: null, role: 'provider_staff', deskId: null, organiserId: null, channel: 'web' };
      await assert.rejects(previewImport(t.ctx, provider, { content: good }), (e: unknown) => e instanceof UserError && e.kind === 'forbidden');
      const admin: Actor = { ...systemActor('cli'), role: 'admin' };
      await assert.rejects(previewImport(t.ctx, admin, { content: good }), (e: unknown) => e instanceof UserError && e.field === 'deskId');
      const other: Actor = { ...worker, deskId: '00000000-0000-0000-0000-000000000001' };
      const batches = await listImports(t.ctx, other);
      assert.equal(batches.length, 0);
      const [first] = await listImports(t.ctx, worker);
      await assert.rejects(getImportProgress(t.ctx, other, first!.batchId), (e: unknown) => e instanceof UserError && e.kind === 'not_found');
    });

    it('says which columns it cannot find, and takes an explicit mapping', async () => {
      const odd = Buffer.from('Kindje;Wanneer;Ouder;Mail;Gemeente;Start;Dagen;Waar;Ingeschreven\r\nLore Peeters;15/03/2027;Sarah Peeters;lore.mapping@x.example;Leuven;01/09/2027;ma,di;1000101;01/10/2026\r\n');
      await assert.rejects(previewImport(t.ctx, worker, { content: odd }), (e: unknown) => e instanceof UserError && e.details.some((d) => d.field === 'mapping.child.birthDate'));
      const p = await previewImport(t.ctx, worker, { content: odd }, { mapping: { 'child.name': 'Kindje', 'child.bornOrDue': 'Wanneer', locations: 'Waar', registeredOn: 'Ingeschreven' } });
      assert.deepEqual(p.problems, []);
      assert.equal(p.toImport, 1);
      assert.equal(p.sample[0]?.child, 'Lore Peeters');
      assert.equal(p.sample[0]?.born, false);
    });
  });
}
