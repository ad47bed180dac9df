// Append-only audit log (no update, delete or truncate, for anyone), its search indexes, and the retention settings.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    revoke update, delete, truncate on audit_log from nabij_app;
    -- The trigger also binds the owner: the log is corrected by appending, never by rewriting.
    create function audit_log_append_only() returns trigger language plpgsql as $fn$
    begin
      raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end
    $fn$;
    create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_log_append_only();
    create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only();

    -- The coordinator's search: by person, by actor, by action, each within a period.
    create index audit_log_subjects on audit_log using gin (subject_ids);
    create index audit_log_actor on audit_log(actor_id, at);
    create index audit_log_action on audit_log(action, at);

    -- When a family was anonymised (on request or by the retention job); the rows stay for the yearly figures.
    alter table family add column anonymised_at timestamptz;
  `.execute(db);
}
