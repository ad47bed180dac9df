// Use cases for importing an existing waiting list: preview, commit all or nothing, and progress a page can poll.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { ImportField } from '../../domain/import/columns.ts';
import type { ImportRow, ImportSetting, RowProblem } from '../../domain/import/rows.ts';
import { invalidFields, notFound, UserError, type Message } from '../../domain/errors.ts';
import { audit, lockKey, runUseCase, today, type AppContext, type Tx } from '../context.ts';
import { APP_ROLE } from '../tenancy.ts';
import { flushEvents } from '../integration/events.ts';
import { authorise, systemActor, type Actor } from '../permissions.ts';
import { staffActor } from '../accounts.ts';
import { declareFactsInTransaction } from '../priority.ts';
import { registerInTransaction } from '../requests.ts';
import { parseInWorker, type Parsed } from './parse.ts';
import { MAX_IMPORT_BYTES, type ImportFormat } from './read.ts';

export interface ImportFile {
  content: Uint8Array;
  fileName?: string;
  /** Detected from the bytes when left out. */
  format?: ImportFormat;
}

export interface ImportOptions {
  /** The desk to import into; desk staff may leave it out (their own desk), an administrator must give it. */
  deskId?: string;
  /** Field → header name or 1-based column number, on top of the mapping found from the headers. */
  mapping?: Record<string, string>;
}

export interface ImportPreview {
  deskId: string;
  deskName: string;
  fileName: string | null;
  format: ImportFormat;
  totalRows: number;
  /** Every column and the field it fills (null: ignored). */
  columns: Array<{ column: string; field: ImportField | null }>;
  warnings: Message[];
  problems: RowProblem[];
  problemLines: number[];
  /** Problems left out of `problems` (the first 1000 are given; problemLines lists every line). */
  problemsOmitted: number;
  /** Rows that would register a request (some may still turn out to be a child with an open request). */
  toImport: number;
  /** Rows this desk imported before, unchanged: skipped. */
  alreadyImported: number;
  /** The first rows as they would be registered, to check the mapping by eye. */
  sample: Array<{ line: number; child: string; bornOrDue: string | null; born: boolean; registeredOn: string | null; desiredStartDate: string; days: string; locations: string[] }>;
}

export type ImportStatus = 'running' | 'committed' | 'refused' | 'failed';

export interface ImportProgress {
  batchId: string;
  deskId: string;
  status: ImportStatus;
  /** 'checking' while the rows are read and checked, 'registering' while requests are written. */
  phase: 'checking' | 'registering' | 'done';
  total: number;
  processed: number;
  created: number;
  skipped: number;
  problemCount: number;
  startedAt: string;
  finishedAt: string | null;
}

export interface ImportOutcome extends ImportProgress {
  /** Children who already had an open request: their request is left as it is. */
  existing: number;
  alreadyImported: number;
  problems: RowProblem[];
  problemLines: number[];
  error: Message | null;
}

const WEEKDAY_NL = ['', 'ma', 'di', 'wo', 'do', 'vr'];
const PART_NL: Record<string, string> = { full: '', morning: '-vm', afternoon: '-nm' };
/** How often progress is reported (rows). */
const PROGRESS_EVERY = 50;
/**
 * Table statistics are refreshed inside the import every so many rows: the planner otherwise keeps plans made for
 * the near-empty tables of a new installation, and the per-row look-ups (duplicates, guardians) slow down as rows grow.
 * ANALYZE inside the transaction counts the rows it inserted itself.
 */
const ANALYZE_EVERY = Number(process.env.NABIJ_IMPORT_ANALYZE_EVERY ?? 500);
const ANALYZED = ['child', 'guardian', 'family', 'request', 'request_location', 'fact_declaration', 'consent', 'duplicate_candidate'];
/** Events go to the feed in slices, so a big import never builds one insert with too many parameters. */
const EVENT_FLUSH_EVERY = 200;

/** Imports running in this process, for polling without a database read (PGlite has one session, held by the import). */
const running = new Map<string, ImportProgress>();
/** Batches this process resumed and is still importing. */
const resuming = new Set<string>();

function deskOf(actor: Actor, deskId: string | undefined): string {
  if (actor.role === 'admin' || actor.role === 'system') {
    if (!deskId) throw invalidFields([{ field: 'deskId', code: 'required', nl: 'Kies het loket waarin u importeert.', en: 'Choose the desk to import into.' }]);
    return deskId;
  }
  if (!actor.deskId || (deskId && deskId !== actor.deskId)) throw notFound({ nl: 'Dit loket', en: 'This desk' }, 'deskId');
  return actor.deskId;
}

type Action = 'import.preview' | 'import.commit';

/** What a file's rows are checked against: the desk, its municipalities, every municipality and location. */
async function loadSetting(ctx: AppContext, actor: Actor, action: Action, deskId: string): Promise<{ desk: { id: string; name: string }; setting: ImportSetting }> {
  return runUseCase(ctx, actor, action, async (tx) => {
    const desk = await tx.selectFrom('desk').select(['id', 'name', 'max_locations']).where('id', '=', deskId).executeTakeFirst();
    if (!desk) throw notFound({ nl: 'Dit loket', en: 'This desk' }, 'deskId');
    const deskMunicipalities = await tx.selectFrom('desk_municipality').innerJoin('municipality', 'municipality.nis_code', 'desk_municipality.nis_code').select(['municipality.nis_code as nis', 'municipality.name']).where('desk_municipality.desk_id', '=', deskId).execute();
    const municipalities = await tx.selectFrom('municipality').select(['nis_code as nis', 'name']).execute();
    const locations = await tx.selectFrom('location').select(['id', 'name', 'opgroeien_id as opgroeienId']).execute();
    return { desk: { id: desk.id, name: desk.name }, setting: { today: today(ctx), maxLocations: desk.max_locations, deskMunicipalities, municipalities, locations } };
  });
}

/**
 * Reads, maps and checks the file in a worker thread (see parse.ts): file and mapping problems are thrown, row
 * problems come back in the report.
 */
async function readAndCheck(ctx: AppContext, actor: Actor, action: Action, deskId: string, file: ImportFile, options: ImportOptions, want: 'preview' | 'rows'): Promise<Parsed & { desk: { id: string; name: string } }> {
  const { desk, setting } = await loadSetting(ctx, actor, action, deskId);
  const parsed = await parseInWorker({ content: file.content, ...(file.format ? { format: file.format } : {}), ...(file.fileName ? { fileName: file.fileName } : {}), ...(options.mapping ? { mapping: options.mapping } : {}), setting, maxBytes: ctx.importMaxBytes ?? MAX_IMPORT_BYTES, want });
  return { ...parsed, desk };
}

/** Fingerprints this desk imported before. */
async function importedBefore(tx: Tx, deskId: string, prints: string[]): Promise<Set<string>> {
  const imported = new Set<string>();
  for (let i = 0; i < prints.length; i += 1000) {
    const found = await tx.selectFrom('import_row').select('fingerprint').where('desk_id', '=', deskId).where('fingerprint', 'in', prints.slice(i, i + 1000)).execute();
    for (const f of found) imported.add(f.fingerprint);
  }
  return imported;
}

function describe(sample: ImportRow[], locationNames: Map<string, string>): ImportPreview['sample'] {
  return sample.slice(0, 10).map((r) => {
    const c = r.registration.child;
    return {
      line: r.line,
      child: [c.givenName, c.familyName].filter(Boolean).join(' '),
      bornOrDue: c.birthDate ?? c.dueDate ?? null,
      born: Boolean(c.birthDate),
      registeredOn: r.registration.registeredOn ?? null,
      desiredStartDate: r.registration.desiredStartDate,
      days: r.registration.careDays.map((d) => `${WEEKDAY_NL[d.weekday]}${PART_NL[d.part]}`).join(', '),
      locations: r.registration.locationIds.map((id) => locationNames.get(id) ?? id),
    };
  });
}

/**
 * Reads and checks a waiting list without storing anything: every problem row with its line, column and reason in
 * Dutch and English, the mapping used, and what an import would create.
 */
export async function previewImport(ctx: AppContext, actor: Actor, file: ImportFile, options: ImportOptions = {}): Promise<ImportPreview> {
  authorise(actor, 'import.preview');
  const deskId = deskOf(actor, options.deskId);
  const p = await readAndCheck(ctx, actor, 'import.preview', deskId, file, options, 'preview');
  return runUseCase(ctx, actor, 'import.preview', async (tx) => {
    const imported = await importedBefore(tx, deskId, p.fingerprints);
    const names = new Map((await tx.selectFrom('location').select(['id', 'name']).execute()).map((l) => [l.id, l.name]));
    await audit(tx, actor, 'import.preview', [deskId]);
    const known = p.fingerprints.filter((f) => imported.has(f)).length;
    return {
      deskId,
      deskName: p.desk.name,
      fileName: file.fileName ?? null,
      format: p.format,
      totalRows: p.totalRows,
      columns: p.headers.map((column, i) => ({ column, field: p.mapping[i] ?? null })),
      warnings: p.warnings,
      problems: p.problems,
      problemLines: p.problemLines,
      problemsOmitted: p.problemsOmitted,
      toImport: p.fingerprints.length - known,
      alreadyImported: known,
      sample: describe(p.sample, names),
    };
  });
}

/** Thrown inside the import's transaction when the batch is no longer running: nothing to do. */
class Finished extends Error {}

/** Thrown inside the import's transaction to roll it back, carrying the report out. */
class Refused extends Error {
  readonly problems: RowProblem[];
  readonly total: number;
  readonly lines: number[];
  constructor(problems: RowProblem[], total: number, lines?: number[]) {
    super('import refused');
    this.problems = problems;
    this.total = total;
    this.lines = lines ?? [...new Set(problems.map((x) => x.line))].sort((a, b) => a - b);
  }
}

function progressOf(row: { id: string; desk_id: string; status: ImportStatus; total: number; processed: number; created: number; skipped: number; problem_count: number; started_at: Date; finished_at: Date | null }): ImportProgress {
  return {
    batchId: row.id,
    deskId: row.desk_id,
    status: row.status,
    phase: row.status === 'running' ? 'registering' : 'done',
    total: row.total,
    processed: row.processed,
    created: row.created,
    skipped: row.skipped,
    problemCount: row.problem_count,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

export interface CommitOptions extends ImportOptions {
  /** Called every few rows and at the end; the CLI draws its progress line with it. */
  onProgress?: (p: ImportProgress) => void;
  /** Set by startImport, which made the batch row already. */
  batchId?: string;
}

/**
 * Writes the import's batch row, committed at once, so that its progress can be followed from the start. A
 * background import also keeps its file there until it ends, so that another instance can resume it after a crash.
 */
async function openBatch(ctx: AppContext, actor: Actor, deskId: string, file: ImportFile, resumable?: ImportOptions): Promise<string> {
  const desk = await ctx.db.selectFrom('desk').select('id').where('id', '=', deskId).executeTakeFirst();
  if (!desk) throw notFound({ nl: 'Dit loket', en: 'This desk' }, 'deskId');
  const keep = resumable ? { file: file.content, file_format: file.format ?? null, mapping: resumable.mapping ? JSON.stringify(resumable.mapping) : null } : {};
  const row = await ctx.db
    .insertInto('import_batch')
    .values({ desk_id: deskId, created_by: actor.userId, channel: actor.channel, file_name: file.fileName?.slice(0, 200) ?? null, file_sha256: createHash('sha256').update(file.content).digest('hex'), report: null, error: null, ...keep })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Imports a waiting list into a desk in one transaction: all rows or none. Rows are checked as in the preview; any
 * problem refuses the whole file (status 'refused', with the same report). Each good row is registered through the
 * ordinary registration path with its original registration date, and its declared facts recorded; rows imported
 * before (same fingerprint) and children with an open request are skipped, so a second import adds nothing.
 * Imported requests queue no confirmation mail to the family: see docs/import.md.
 */
export async function commitImport(ctx: AppContext, actor: Actor, file: ImportFile, options: CommitOptions = {}): Promise<ImportOutcome> {
  authorise(actor, 'import.commit');
  const deskId = deskOf(actor, options.deskId);
  const p = await readAndCheck(ctx, actor, 'import.commit', deskId, file, options, 'rows');
  const batchId = options.batchId ?? (await openBatch(ctx, actor, deskId, file));
  const startedAt = new Date(ctx.now()).toISOString();
  const state: ImportProgress = { batchId, deskId, status: 'running', phase: 'checking', total: p.totalRows, processed: 0, created: 0, skipped: 0, problemCount: 0, startedAt, finishedAt: null };
  running.set(batchId, state);
  const pendingWrites: Array<Promise<unknown>> = [];
  const report = (final = false) => {
    const snapshot = { ...state };
    options.onProgress?.(snapshot);
    if (final) return;
    // Outside the import's transaction, so another instance's page sees it on PostgreSQL. PGlite has one session:
    // the write waits for the import to end and then changes nothing, as the row is no longer 'running'.
    pendingWrites.push(
      ctx.db.updateTable('import_batch').set({ total: snapshot.total, processed: snapshot.processed }).where('id', '=', batchId).where('status', '=', 'running').where('processed', '<=', snapshot.processed).execute().catch(() => undefined),
    );
  };
  const importer: Actor = { ...actor, channel: 'import' };
  let existing = 0;
  let alreadyImported = 0;
  try {
    await runUseCase(ctx, actor, 'import.commit', async (tx) => {
      // One import per desk at a time: a second one waits, then finds the first one's rows already imported.
      await lockKey(tx, `import:${deskId}`);
      // A resumed batch may have been finished meanwhile by another instance that resumed it too. The desk lock
      // orders this (no row lock: the progress writes from outside this transaction must not wait for it).
      const batch = await tx.selectFrom('import_batch').select('status').where('id', '=', batchId).executeTakeFirst();
      if (batch?.status !== 'running') throw new Finished();
      if (p.problems.length) throw new Refused(p.problems, p.totalRows, p.problemLines);
      // After the desk lock: a second import of the same file finds the first one's rows.
      const imported = await importedBefore(tx, deskId, p.fingerprints);
      state.phase = 'registering';
      state.total = p.rows.length;
      report();
      const problems: RowProblem[] = [];
      const done: Array<{ desk_id: string; fingerprint: string; batch_id: string; line: number; request_id: string | null }> = [];
      for (const [i, row] of p.rows.entries()) {
        if (imported.has(row.fingerprint)) {
          alreadyImported++;
          state.skipped++;
        } else {
          try {
            const r = await registerInTransaction(tx, ctx, importer, row.registration, { view: false, notifyFamily: false, lockIdentities: false });
            if (r.created) {
              state.created++;
              if (row.facts && r.ids) await declareFactsInTransaction(tx, ctx, importer, r.ids.familyId, row.facts);
            } else {
              existing++;
              state.skipped++;
            }
            done.push({ desk_id: deskId, fingerprint: row.fingerprint, batch_id: batchId, line: row.line, request_id: r.ids?.requestId ?? null });
          } catch (e) {
            // A user error leaves the transaction usable: note the row and go on, so the report lists every row.
            if (!(e instanceof UserError)) throw e;
            const found = e.details.length ? e.details : [{ field: e.field ?? 'row', code: e.code, nl: e.nl, en: e.en }];
            for (const d of found) problems.push({ line: row.line, column: null, field: d.field, code: d.code, nl: d.nl, en: d.en });
            state.problemCount++;
          }
        }
        state.processed = i + 1;
        if ((i + 1) % EVENT_FLUSH_EVERY === 0) await flushEvents(tx);
        if (ANALYZE_EVERY > 0 && (i + 1) % ANALYZE_EVERY === 0) {
          // Only the tables' owner may ANALYZE: step out of the app role for it (row security does not apply to
          // statistics), then back in for the next rows.
          await sql`select set_config('role', 'none', true)`.execute(tx);
          await sql`analyze ${sql.join(ANALYZED.map((t) => sql.table(t)))}`.execute(tx);
          await sql`select set_config('role', ${APP_ROLE}, true)`.execute(tx);
        }
        if ((i + 1) % PROGRESS_EVERY === 0) report();
      }
      if (problems.length) throw new Refused(problems, p.totalRows);
      for (let i = 0; i < done.length; i += 1000) await tx.insertInto('import_row').values(done.slice(i, i + 1000)).execute();
      await tx
        .updateTable('import_batch')
        .set({ status: 'committed', total: state.total, processed: state.processed, created: state.created, skipped: state.skipped, problem_count: 0, report: JSON.stringify({ existing, alreadyImported }), finished_at: ctx.now(), file: null })
        .where('id', '=', batchId)
        .execute();
      await audit(tx, actor, 'import.commit', [batchId, deskId]);
    });
    // Only now: a page polling the live progress must not read 'committed' before the rows are there to read.
    state.status = 'committed';
    state.phase = 'done';
    state.finishedAt = new Date(ctx.now()).toISOString();
    report(true);
    return { ...state, existing, alreadyImported, problems: [], problemLines: [], error: null };
  } catch (e) {
    if (e instanceof Finished) {
      const row = await ctx.db.selectFrom('import_batch').select(BATCH_COLUMNS).where('id', '=', batchId).executeTakeFirstOrThrow();
      return { ...progressOf(row), existing: 0, alreadyImported: 0, problems: [], problemLines: [], error: null };
    }
    state.phase = 'done';
    state.finishedAt = new Date(ctx.now()).toISOString();
    if (e instanceof Refused) {
      state.status = 'refused';
      state.problemCount = e.lines.length;
      state.created = 0;
      await ctx.db.transaction().execute(async (tx) => {
        await tx.updateTable('import_batch').set({ status: 'refused', problem_count: state.problemCount, report: JSON.stringify({ problems: e.problems }), finished_at: ctx.now(), file: null }).where('id', '=', batchId).execute();
        await audit(tx, actor, 'import.refused', [batchId, deskId]);
      });
      report(true);
      return { ...state, existing: 0, alreadyImported: 0, problems: e.problems, problemLines: e.lines, error: null };
    }
    state.status = 'failed';
    await ctx.db.updateTable('import_batch').set({ status: 'failed', error: String(e instanceof Error ? e.message : e).slice(0, 500), finished_at: ctx.now(), file: null }).where('id', '=', batchId).execute().catch(() => undefined);
    report(true);
    throw e;
  } finally {
    await Promise.allSettled(pendingWrites);
    running.delete(batchId);
  }
}

/**
 * For a page: makes the batch, answers its id at once and imports in the background. Follow it with
 * getImportProgress; the outcome (with every problem row) is then read with getImportReport.
 * On PGlite the import holds the only database session, so other requests wait until it ends.
 */
export async function startImport(ctx: AppContext, actor: Actor, file: ImportFile, options: ImportOptions = {}): Promise<{ batchId: string; done: Promise<ImportOutcome | null> }> {
  authorise(actor, 'import.commit');
  const deskId = deskOf(actor, options.deskId);
  // File and mapping problems come back at once, before any batch exists.
  await readAndCheck(ctx, actor, 'import.commit', deskId, file, options, 'preview');
  const batchId = await openBatch(ctx, actor, deskId, file, options);
  const done = commitImport(ctx, actor, file, { ...options, deskId, batchId }).catch(() => null);
  return { batchId, done };
}

const BATCH_COLUMNS = ['id', 'desk_id', 'status', 'total', 'processed', 'created', 'skipped', 'problem_count', 'started_at', 'finished_at'] as const;

function reachBatch(actor: Actor, deskId: string): boolean {
  return actor.role === 'admin' || actor.role === 'system' || actor.deskId === deskId;
}

/** Where an import stands: from memory while it runs in this process (no database read), else from its batch row. */
export async function getImportProgress(ctx: AppContext, actor: Actor, batchId: string): Promise<ImportProgress> {
  authorise(actor, 'import.read');
  const live = running.get(batchId);
  if (live) {
    if (!reachBatch(actor, live.deskId)) throw notFound({ nl: 'Deze import', en: 'This import' });
    return { ...live };
  }
  return runUseCase(ctx, actor, 'import.read', async (tx) => {
    const row = /^[0-9a-f-]{36}$/i.test(batchId) ? await tx.selectFrom('import_batch').select(BATCH_COLUMNS).where('id', '=', batchId).executeTakeFirst() : undefined;
    if (!row || !reachBatch(actor, row.desk_id)) throw notFound({ nl: 'Deze import', en: 'This import' });
    return progressOf(row);
  });
}

/** A finished import's outcome, with the problem rows of a refused one. */
export async function getImportReport(ctx: AppContext, actor: Actor, batchId: string): Promise<ImportProgress & { fileName: string | null; problems: RowProblem[]; error: string | null }> {
  return runUseCase(ctx, actor, 'import.read', async (tx) => {
    const row = /^[0-9a-f-]{36}$/i.test(batchId) ? await tx.selectFrom('import_batch').select([...BATCH_COLUMNS, 'file_name', 'report', 'error']).where('id', '=', batchId).executeTakeFirst() : undefined;
    if (!row || !reachBatch(actor, row.desk_id)) throw notFound({ nl: 'Deze import', en: 'This import' });
    const report = (row.report ?? {}) as { problems?: RowProblem[] };
    await audit(tx, actor, 'import.read', [batchId]);
    return { ...progressOf(row), fileName: row.file_name, problems: report.problems ?? [], error: row.status === 'failed' ? 'failed' : null };
  });
}

/** The desk's imports, newest first. */
export async function listImports(ctx: AppContext, actor: Actor, q: { deskId?: string; limit?: number } = {}): Promise<Array<ImportProgress & { fileName: string | null }>> {
  return runUseCase(ctx, actor, 'import.read', async (tx) => {
    let query = tx.selectFrom('import_batch').select([...BATCH_COLUMNS, 'file_name']);
    if (actor.role === 'admin' || actor.role === 'system') {
      if (q.deskId) query = query.where('desk_id', '=', q.deskId);
    } else query = query.where('desk_id', '=', actor.deskId ?? '00000000-0000-0000-0000-000000000000');
    const rows = await query.orderBy('started_at', 'desc').limit(q.limit ?? 20).execute();
    return rows.map((r) => ({ ...progressOf(r), fileName: r.file_name }));
  });
}

/** How often a background import is started again after its instance died, before it is given up. */
export const MAX_IMPORT_ATTEMPTS = 3;

/**
 * For the job scheduler: finds imports left 'running' by an instance that died (no transaction holds the desk's
 * import lock, and the batch is older than `staleMs`) and runs each again. Nothing of the dead attempt was stored,
 * as the import is one transaction. A batch without its file (an import that answered in the same request) or one
 * that failed too often is closed as failed, so the desk sees that it must import the file again.
 */
export async function resumeImports(ctx: AppContext, options: { staleMs: number }): Promise<Array<{ batchId: string; done: Promise<ImportOutcome | null> }>> {
  // started_at is the database's clock: compare with that, not with ctx.now() (fixed in tests and demos).
  const cutoff = sql<Date>`now() - make_interval(secs => ${options.staleMs / 1000})`;
  const candidates = await ctx.db.selectFrom('import_batch').select(['id', 'desk_id']).where('status', '=', 'running').where('started_at', '<=', cutoff).orderBy('started_at').execute();
  const started: Array<{ batchId: string; done: Promise<ImportOutcome | null> }> = [];
  for (const c of candidates) {
    if (running.has(c.id) || resuming.has(c.id)) continue;
    const claim = await ctx.db.transaction().execute(async (tx) => {
      const free = (await sql<{ free: boolean }>`select pg_try_advisory_xact_lock(hashtextextended(${`import:${c.desk_id}`}, 0)) as free`.execute(tx)).rows[0]?.free;
      if (!free) return null;
      const b = await tx.selectFrom('import_batch').select(['status', 'attempts', 'created_by', 'file', 'file_format', 'file_name', 'mapping']).where('id', '=', c.id).forUpdate().executeTakeFirst();
      if (b?.status !== 'running') return null;
      const actor = b.created_by ? await staffActor(tx, b.created_by, 'job') : null;
      const why = !b.file ? 'interrupted' : b.attempts >= MAX_IMPORT_ATTEMPTS ? 'too_many_attempts' : !actor ? 'no_actor' : null;
      if (why) {
        await tx.updateTable('import_batch').set({ status: 'failed', error: why, finished_at: ctx.now(), file: null }).where('id', '=', c.id).execute();
        await audit(tx, systemActor('job'), 'import.interrupted', [c.id, c.desk_id]);
        return null;
      }
      await tx.updateTable('import_batch').set({ attempts: b.attempts + 1 }).where('id', '=', c.id).execute();
      await audit(tx, systemActor('job'), 'import.resumed', [c.id, c.desk_id]);
      const file: ImportFile = { content: b.file as Uint8Array, ...(b.file_name ? { fileName: b.file_name } : {}), ...(b.file_format ? { format: b.file_format as ImportFormat } : {}) };
      return { actor: actor as Actor, file, mapping: (b.mapping ?? undefined) as Record<string, string> | undefined };
    });
    if (!claim) continue;
    // Claimed here until it ends: the file is read in a worker before the import takes its desk lock.
    resuming.add(c.id);
    const done = commitImport(ctx, claim.actor, claim.file, { deskId: c.desk_id, batchId: c.id, ...(claim.mapping ? { mapping: claim.mapping } : {}) })
      .catch(() => null)
      .finally(() => resuming.delete(c.id));
    started.push({ batchId: c.id, done });
  }
  return started;
}
