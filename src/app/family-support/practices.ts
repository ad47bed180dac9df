// Use cases for the desks' practice library (intervision): short practices and tips, searchable, staff only.
import { sql } from 'kysely';
import { invalidFields, UserError, type FieldProblem } from '../../domain/errors.ts';
import { audit, runUseCase, type AppContext } from '../context.ts';
import type { Actor } from '../permissions.ts';

export interface PracticeInput {
  title: string;
  problem: string;
  whatWorked: string;
  tips?: string;
  municipalityNis: string;
}

export async function addPractice(ctx: AppContext, actor: Actor, input: PracticeInput) {
  return runUseCase(ctx, actor, 'practice.write', async (tx) => {
    const problems: FieldProblem[] = [];
    for (const f of ['title', 'problem', 'whatWorked'] as const) if (!input[f].trim()) problems.push({ field: f, code: 'required', nl: 'Dit veld mag niet leeg zijn.', en: 'This field may not be empty.' });
    if (problems.length) throw invalidFields(problems);
    const m = await tx.selectFrom('municipality').select('name').where('nis_code', '=', input.municipalityNis).executeTakeFirst();
    if (!m) throw new UserError('unprocessable', 'municipality.unknown', 'municipalityNis', { nl: 'Deze gemeente kennen we niet.', en: 'This municipality is unknown.' });
    const row = await tx
      .insertInto('practice')
      .values({ title: input.title.trim(), problem: input.problem.trim(), what_worked: input.whatWorked.trim(), tips: input.tips?.trim() || null, municipality_nis: input.municipalityNis, author_id: actor.userId, created_at: ctx.now() })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await audit(tx, actor, 'practice.write', []);
    return { id: row.id, title: input.title.trim(), problem: input.problem.trim(), whatWorked: input.whatWorked.trim(), tips: input.tips?.trim() || null, municipality: { nisCode: input.municipalityNis, name: m.name }, author: null as string | null, createdAt: row.created_at.toISOString() };
  });
}

/** Searches title, problem, what worked and tips (every word must occur), optionally in one municipality. */
export async function searchPractices(ctx: AppContext, actor: Actor, query: { q?: string; municipalityNis?: string; limit?: number; offset?: number }) {
  return runUseCase(ctx, actor, 'practice.read', async (tx) => {
    const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
    const text = sql`lower(p.title || ' ' || p.problem || ' ' || p.what_worked || ' ' || coalesce(p.tips, ''))`;
    const rows = await sql<{ id: string; title: string; problem: string; what_worked: string; tips: string | null; municipality_nis: string; municipality: string; author: string | null; created_at: Date }>`
      select p.id, p.title, p.problem, p.what_worked, p.tips, p.municipality_nis, m.name as municipality, u.name as author, p.created_at
      from practice p join municipality m on m.nis_code = p.municipality_nis left join app_user u on u.id = p.author_id
      where (${query.municipalityNis ?? null}::text is null or p.municipality_nis = ${query.municipalityNis ?? null}::text)
        ${sql.join(words.map((w) => sql`and position(${w}::text in ${text}) > 0`), sql` `)}
      order by p.created_at desc, p.id limit ${query.limit ?? 50} offset ${query.offset ?? 0}`.execute(tx);
    return rows.rows.map((r) => ({ id: r.id, title: r.title, problem: r.problem, whatWorked: r.what_worked, tips: r.tips, municipality: { nisCode: r.municipality_nis, name: r.municipality }, author: r.author, createdAt: r.created_at.toISOString() }));
  });
}
