// Waiting-list import on PostgreSQL: the 5,000-row sample through preview checks and the all-or-nothing commit, next to
// the same rows registered one by one through the ordinary registration use case (same run, fresh schemas).
import { readFileSync } from 'node:fs';
import { commitImport } from '../src/app/import/waiting-list.ts';
import { registerRequest } from '../src/app/requests.ts';
import { systemActor } from '../src/app/permissions.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { detectMapping } from '../src/domain/import/columns.ts';
import { parseCsv } from '../src/domain/import/csv.ts';
import { checkImport } from '../src/domain/import/rows.ts';
import { target, withBenchSchema, type Figure } from './lib.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 5000);
/** One-by-one registration is measured on a slice: its rate does not depend on the slice's size. */
const BASELINE_ROWS = Number(process.env.BENCH_IMPORT_BASELINE_ROWS ?? 1000);
const NOW = new Date('2026-11-24T09:00:00Z');

function sample(rows: number): Buffer {
  const lines = readFileSync(new URL('../test/fixtures/import/wachtlijst-5000.csv', import.meta.url), 'utf8').split('\r\n');
  return Buffer.from(`${lines.slice(0, rows + 1).join('\r\n')}\r\n`);
}

export async function benchImport(): Promise<Figure[]> {
  const file = sample(ROWS);
  const actor = { ...systemActor('cli'), role: 'admin' as const };

  // Reading and checking alone: what the preview costs before it touches the database.
  const table = parseCsv(file.toString('utf8'));
  const t0 = performance.now();
  const checked = checkImport(table, detectMapping(table.headers), {
    today: '2026-11-24',
    maxLocations: 5,
    deskMunicipalities: [{ nis: '24062', name: 'Leuven' }, { nis: '24038', name: 'Herent' }],
    municipalities: [{ nis: '24062', name: 'Leuven' }, { nis: '24038', name: 'Herent' }],
    locations: [['1000101', 'Zonnetje Centrum'], ['1000102', 'Zonnetje Kessel-Lo'], ['1000103', 'Zonnetje Herent'], ['2000201', 'Stedelijk Kinderdagverblijf Heverlee'], ['2000203', 'Stedelijk Kinderdagverblijf Wijgmaal'], ['3000301', 'Onthaalouder Marleen'], [null, 'Onthaalouder Rachid']].map(([code, name], i) => ({ id: `l${i}`, name: name as string, opgroeienId: (code ?? null) as string | null })),
  });
  const checkSeconds = (performance.now() - t0) / 1000;
  if (checked.problems.length) throw new Error(`the sample has problems: ${JSON.stringify(checked.problems.slice(0, 3))}`);

  const imported = await withBenchSchema(4, async (h) => {
    const ctx = { db: h.db, now: () => NOW };
    await seedDemo(ctx, 1);
    const desk = await h.db.selectFrom('desk').select('id').executeTakeFirstOrThrow();
    const start = performance.now();
    const o = await commitImport(ctx, actor, { content: file, fileName: 'wachtlijst.csv' }, { deskId: desk.id });
    const seconds = (performance.now() - start) / 1000;
    if (o.status !== 'committed' || o.created !== ROWS) throw new Error(`import ${o.status}: ${o.created} created, ${JSON.stringify(o.problems.slice(0, 3))}`);
    const again = performance.now();
    const second = await commitImport(ctx, actor, { content: file, fileName: 'wachtlijst.csv' }, { deskId: desk.id });
    if (second.created !== 0) throw new Error('the second import added rows');
    return { seconds, againSeconds: (performance.now() - again) / 1000 };
  });

  const oneByOne = await withBenchSchema(4, async (h) => {
    const ctx = { db: h.db, now: () => NOW };
    await seedDemo(ctx, 1);
    const rows = checked.rows.slice(0, BASELINE_ROWS);
    // The ids of this schema's locations replace the placeholders of the pure check.
    const ids = new Map((await h.db.selectFrom('location').select(['id', 'name']).execute()).map((l) => [l.name, l.id]));
    const byPlaceholder = new Map(['Zonnetje Centrum', 'Zonnetje Kessel-Lo', 'Zonnetje Herent', 'Stedelijk Kinderdagverblijf Heverlee', 'Stedelijk Kinderdagverblijf Wijgmaal', 'Onthaalouder Marleen', 'Onthaalouder Rachid'].map((n, i) => [`l${i}`, ids.get(n) as string]));
    const start = performance.now();
    for (const r of rows) {
      await registerRequest(ctx, actor, { ...r.registration, locationIds: r.registration.locationIds.map((id) => byPlaceholder.get(id) as string) });
    }
    return { seconds: (performance.now() - start) / 1000, rows: rows.length };
  });

  const importRate = ROWS / imported.seconds;
  const baselineRate = oneByOne.rows / oneByOne.seconds;
  return [
    { name: `check ${ROWS} rows (read, map, validate; no database)`, value: ROWS / checkSeconds, unit: 'rows/s' },
    {
      name: `import ${ROWS} rows in one transaction`,
      value: importRate,
      unit: 'rows/s',
      baseline: { name: `registerRequest one by one (${oneByOne.rows} rows)`, value: baselineRate, unit: 'rows/s' },
      ratio: importRate / baselineRate,
      ratioMeaning: 'import rate / one-by-one rate (higher is better)',
      note: 'each row goes through the ordinary registration and facts path; no family mail is queued',
    },
    { name: `import ${ROWS} rows: total time`, value: imported.seconds, unit: 's', ...target('under 10 minutes for a desk’s whole list', '<', 600) },
    { name: `same file again (every row skipped)`, value: imported.againSeconds, unit: 's' },
  ];
}
