// The `nabij import` command: check or import a waiting list into a desk, with a progress line.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AppContext } from '../app/context.ts';
import { commitImport, previewImport } from '../app/import/waiting-list.ts';
import { systemActor } from '../app/permissions.ts';
import { UserError } from '../domain/errors.ts';
import type { RowProblem } from '../domain/import/rows.ts';
import { progress } from './progress.ts';

function mapping(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  return Object.fromEntries(
    text.split(';').filter(Boolean).map((pair) => {
      const i = pair.indexOf('=');
      if (i <= 0) throw new Error(`--mapping takes field=Column pairs separated by semicolons, not '${pair}'.`);
      return [pair.slice(0, i).trim(), pair.slice(i + 1).trim()];
    }),
  );
}

function printProblems(problems: RowProblem[]) {
  for (const p of problems) console.log(`  rij/line ${p.line}${p.column ? ` [${p.column}]` : ''}: ${p.nl} / ${p.en}`);
}

/** Exit codes: 0 imported (or the check found nothing), 2 refused or problems found, 1 a usage error. */
export async function importCommand(ctx: AppContext, file: string | undefined, values: { desk?: string; 'dry-run'?: boolean; mapping?: string }): Promise<number> {
  if (!file || !values.desk) {
    console.error('Usage: nabij import FILE --desk ID|NAME [--dry-run] [--mapping "field=Column;…"]');
    return 1;
  }
  const ref = values.desk;
  const desk = await ctx.db.selectFrom('desk').select(['id', 'name']).where((eb) => (/^[0-9a-f-]{36}$/i.test(ref) ? eb('id', '=', ref) : eb(eb.fn('lower', ['name']), '=', ref.toLowerCase()))).executeTakeFirst();
  if (!desk) {
    console.error(`No desk '${ref}'. Give its id or its full name.`);
    return 1;
  }
  const content = readFileSync(file);
  const options = { deskId: desk.id, ...(mapping(values.mapping) ? { mapping: mapping(values.mapping) as Record<string, string> } : {}) };
  const actor = systemActor('import');
  try {
    if (values['dry-run']) {
      const p = await previewImport(ctx, actor, { content, fileName: basename(file) }, options);
      console.log(`${p.fileName} → ${p.deskName}: ${p.totalRows} rows, ${p.toImport} to import, ${p.alreadyImported} imported before, ${p.problemLines.length} with problems.`);
      for (const c of p.columns) console.log(`  ${c.column.padEnd(32)} → ${c.field ?? '(ignored)'}`);
      for (const w of p.warnings) console.log(`  ! ${w.nl} / ${w.en}`);
      printProblems(p.problems);
      return p.problems.length ? 2 : 0;
    }
    const bar = progress();
    const started = Date.now();
    const o = await commitImport(ctx, actor, { content, fileName: basename(file) }, { ...options, onProgress: (s) => bar.step(s.phase === 'checking' ? 'Checking rows' : 'Importing rows', s.processed, s.total) });
    bar.end();
    if (o.status === 'refused') {
      console.log(`Nothing imported: ${o.problemLines.length} row(s) with problems. / Niets geïmporteerd: ${o.problemLines.length} rij(en) met problemen.`);
      printProblems(o.problems);
      return 2;
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`Imported into ${desk.name}: ${o.created} new request(s), ${o.alreadyImported} imported before, ${o.existing} child(ren) with an open request already; ${Math.round(o.processed / Math.max(seconds, 0.001))} rows/s.`);
    return 0;
  } catch (e) {
    if (e instanceof UserError) {
      console.error(`${e.nl} / ${e.en}`);
      for (const d of e.details) console.error(`  ${d.field}: ${d.nl} / ${d.en}`);
      return 2;
    }
    throw e;
  }
}
