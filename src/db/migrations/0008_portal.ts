// The parent portal: family accounts (password or government login), web sessions, one-time mail links,
// login attempts for rate limits, call-back requests, desk contact details and map coordinates.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A parent's own login. Either a verified e-mail address with a password (argon2id), or a government login
    -- (OpenID Connect issuer + subject). The family is linked at the first registration.
    create table portal_account (
      id uuid primary key default gen_random_uuid(),
      email text,
      email_verified_at timestamptz,
      password_hash text,
      oidc_issuer text,
      oidc_subject text,
      given_name text,
      family_name text,
      -- From the government login only; prefills the guardian, never shown in full.
      insz text check (insz is null or insz ~ '^[0-9]{11}$'),
      language text not null default 'nl' check (language in ('nl', 'en', 'fr', 'ar')),
      family_id uuid references family(id),
      guardian_id uuid references guardian(id),
      created_at timestamptz not null default now(),
      check (email is not null or oidc_subject is not null),
      check ((oidc_issuer is null) = (oidc_subject is null))
    );
    create unique index portal_account_email on portal_account(lower(email)) where email is not null;
    create unique index portal_account_oidc on portal_account(oidc_issuer, oidc_subject) where oidc_subject is not null;

    -- Browser sessions, in the database so that any app instance serves any request. Only a hash of the cookie is kept.
    create table web_session (
      id_hash text primary key,
      account_id uuid references portal_account(id) on delete cascade,
      csrf_token text not null,
      language text not null default 'nl',
      -- The registration form's answers between its steps (no personal data is stored elsewhere until the end).
      draft jsonb,
      -- The state and PKCE verifier of a government login that is under way.
      oidc jsonb,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index web_session_expiry on web_session(expires_at);

    -- One-time links sent by mail: confirm the address, or set a new password. Only a hash is kept.
    create table account_token (
      token_hash text primary key,
      account_id uuid not null references portal_account(id) on delete cascade,
      purpose text not null check (purpose in ('verify_email', 'reset_password')),
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );

    -- Failed logins and sign-ups per key (an address or a client), for rate limits shared by every instance.
    create table login_attempt (
      id bigint generated always as identity primary key,
      key text not null,
      at timestamptz not null default now()
    );
    create index login_attempt_key on login_attempt(key, at);

    -- A family asks the desk to call back.
    create table callback_request (
      id uuid primary key default gen_random_uuid(),
      desk_id uuid not null references desk(id),
      account_id uuid references portal_account(id),
      family_id uuid references family(id),
      name text not null check (length(name) between 1 and 200),
      phone text not null check (length(phone) between 6 and 40),
      topic text not null check (topic in ('registration', 'offer', 'priority', 'other')),
      message text check (message is null or length(message) <= 1000),
      language text not null default 'nl',
      created_at timestamptz not null default now(),
      handled_at timestamptz,
      handled_by uuid
    );
    create index callback_request_open on callback_request(desk_id, created_at) where handled_at is null;

    -- What the help page shows: where the desk and the Huis van het Kind are, and when they are open.
    alter table desk add column address text;
    alter table desk add column opening_hours text;
    alter table desk add column family_centre_name text;
    alter table desk add column family_centre_address text;
    alter table desk add column family_centre_phone text;
    alter table desk add column family_centre_email text;

    -- Coordinates for "distance from home" in the location search (WGS84).
    alter table municipality add column latitude double precision check (latitude between -90 and 90);
    alter table municipality add column longitude double precision check (longitude between -180 and 180);
    alter table location add column latitude double precision check (latitude between -90 and 90);
    alter table location add column longitude double precision check (longitude between -180 and 180);
  `.execute(db);
}
