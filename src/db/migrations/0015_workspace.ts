// The staff workspace: staff passwords and single sign-on ids, staff browser sessions, and the desk's contact register.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table app_user add column password_hash text;
    alter table app_user add column oidc_issuer text;
    alter table app_user add column oidc_subject text;
    create unique index app_user_oidc on app_user(oidc_issuer, oidc_subject) where oidc_subject is not null;
    create unique index app_user_email on app_user(lower(email));

    -- A browser session belongs to a parent's portal account or to a staff member, never both.
    alter table web_session add column user_id uuid references app_user(id) on delete cascade;
    alter table web_session add constraint web_session_one_owner check (account_id is null or user_id is null);

    -- Any question at the desk (the broad desk function): who asked, how, about what, and what follows.
    create table contact (
      id uuid primary key default gen_random_uuid(),
      desk_id uuid not null references desk(id),
      channel text not null check (channel in ('walk_in', 'phone', 'mail', 'partner', 'portal')),
      topic text not null check (topic in ('childcare', 'parenting', 'health', 'finances', 'other')),
      summary text not null,
      contact_name text,
      family_id uuid references family(id),
      request_id uuid references request(id),
      follow_up text,
      follow_up_due date,
      status text not null default 'open' check (status in ('open', 'done')),
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      closed_at timestamptz
    );
    create index contact_desk on contact(desk_id, status, created_at desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table contact;
    alter table web_session drop constraint web_session_one_owner;
    alter table web_session drop column user_id;
    drop index app_user_email;
    drop index app_user_oidc;
    alter table app_user drop column oidc_subject;
    alter table app_user drop column oidc_issuer;
    alter table app_user drop column password_hash;
  `.execute(db);
}
