// Child process for the registration bench: serves either the real app or a bare one-INSERT route on PostgreSQL.
import Fastify from 'fastify';
import { sql } from 'kysely';
import { connect } from '../src/db/connect.ts';
import { buildServer } from '../src/http/server.ts';
import { serveUntilTerm } from './child-server.ts';

const [mode, url, schema] = process.argv.slice(2) as ['app' | 'bare' | 'rows', string, string];
const handle = await connect({ url, schema, poolSize: 10 });
const ctx = { db: handle.db, now: () => new Date('2026-11-24T09:00:00Z') };

let app;
if (mode === 'app') {
  app = await buildServer(ctx);
} else if (mode === 'rows') {
  // Second baseline: the same rows a registration writes (family, guardian, child, request, wishes, history, consent,
  // the family's mail, the feed event, audit) in one transaction of plain SQL, with no checks, look-ups, locks or
  // duplicate search: the database work alone.
  app = Fastify();
  app.post('/api/v1/requests', async (req, reply) => {
    const b = req.body as { applicant: { givenName: string; familyName: string; email: string }; child: { familyName: string; dueDate: string }; desiredStartDate: string; careDays: unknown; locationIds: string[] };
    await handle.db.transaction().execute(async (tx) => {
      await sql`
        with f as (insert into family (municipality_nis) values ('24062') returning id),
        g as (insert into guardian (family_id, given_name, family_name, family_name_key, email, email_key) select f.id, ${b.applicant.givenName}, ${b.applicant.familyName}, lower(${b.applicant.familyName}), ${b.applicant.email}, lower(${b.applicant.email}) from f returning id, family_id),
        c as (insert into child (family_id, family_name, family_name_key, due_date) select f.id, ${b.child.familyName}, lower(${b.child.familyName}), ${b.child.dueDate}::date from f returning id, family_id),
        r as (insert into request (number, child_id, applicant_id, desk_id, desired_start_date, care_days, status, registered_on, channel)
              select 'NB-2026-' || lpad(nextval('request_number_seq')::text, 6, '0'), c.id, g.id, (select id from desk limit 1), ${b.desiredStartDate}::date, ${JSON.stringify(b.careDays)}::jsonb, 'registered', current_date, 'api' from c, g returning id, child_id),
        l as (insert into request_location (request_id, rank, location_id) select r.id, o.n, o.loc::uuid from r, unnest(${b.locationIds}::text[]) with ordinality as o(loc, n)),
        e as (insert into request_event (request_id, to_status, actor_role, channel) select r.id, 'registered', 'desk_worker', 'api' from r),
        k as (insert into consent (family_id, child_id, subject, purpose, channel) select c.family_id, c.id, 'registration_processing', 'x', 'api' from c),
        m as (insert into outbox (topic, recipient, payload) select 'request.registered', jsonb_build_object('guardianId', g.id), jsonb_build_object('requestId', r.id) from g, r),
        v as (insert into event (type, source, subject, organiser_id, data, time) select 'request.registered', 'urn:nabij:bench', r.id::text, l.organiser_id, '{}'::jsonb, now()
              from r, location l where l.id = ${b.locationIds[0]}::uuid)
        insert into audit_log (actor_role, action, channel, subject_ids) select 'desk_worker', 'request.register', 'api', array[r.child_id] from r`.execute(tx);
    });
    return reply.status(201).send({ ok: true });
  });
} else {
  // The baseline: same framework, same JSON body, one INSERT of it, nothing else.
  app = Fastify();
  app.post('/api/v1/requests', async (req, reply) => {
    await sql`insert into bench_bare (body) values (${JSON.stringify(req.body)}::jsonb)`.execute(handle.db);
    return reply.status(201).send({ ok: true });
  });
}
await serveUntilTerm(app, () => handle.close());
