// Reporting speed: small report tables, the family's municipality on each request and a placement's seats per week, kept in step by triggers.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per open request (registered, active, offered) with what the real-demand dashboard counts, so that it
    -- does not scan all requests, children and families. The database allows one open request per child. No foreign
    -- keys: the triggers below own these rows, and a key check per row would slow bulk imports.
    create table report_open_request (
      child_id uuid primary key,
      request_id uuid not null unique,
      family_id uuid not null,
      desk_id uuid not null,
      registered_on date not null,
      desired_start_date date not null,
      born_on date not null,
      residence_nis text not null,
      days_per_week smallint not null,
      chosen_nis text[] not null,
      -- The declaration in force on the registration date (else the family's first), and the family's latest one;
      -- the keys (md5 of the facts) let the dashboard judge each pattern of facts once.
      facts_at_registration uuid,
      facts_at_registration_key uuid,
      facts_latest uuid,
      facts_latest_key uuid,
      facts_latest_on date
    );
    create index report_open_request_desk on report_open_request(desk_id);
    create index report_open_request_family on report_open_request(family_id);

    -- Per child, registration year and desk: its requests that count (not merged). One row per child and year has
    -- first_desk, so counting those counts unique children over all desks.
    create table report_registration_year (
      child_id uuid not null,
      year smallint not null,
      desk_id uuid not null,
      requests integer not null,
      first_desk boolean not null,
      primary key (child_id, year, desk_id)
    );
    create index report_registration_year_desk on report_registration_year(desk_id, year);

    -- The municipality the request's family lives in, for the yearly figures per municipality without reading every
    -- child and family. Set when the request is made or moves to another child, and kept by report_refresh below
    -- when the family moves.
    alter table request add column residence_nis text;
    update request r set residence_nis = f.municipality_nis from child c join family f on f.id = c.family_id where c.id = r.child_id;
    alter table request alter column residence_nis set not null;
    create function report_request_residence() returns trigger language plpgsql as $fn$
    begin
      new.residence_nis := (select f.municipality_nis from child c join family f on f.id = c.family_id where c.id = new.child_id);
      return new;
    end
    $fn$;
    create trigger report_request_residence before insert or update of child_id on request
      for each row execute function report_request_residence();

    -- A placement's seats per week (a half day is half a seat), so the free places need not unpack every placement's
    -- days each time. Null when the days are not a list, as the sum over no days was.
    alter table placement add column seat_days numeric generated always as (
      case when jsonb_typeof(care_days) = 'array' and jsonb_array_length(care_days) > 0 then
        jsonb_array_length(care_days) - 0.5 * (jsonb_array_length(care_days) - jsonb_array_length(jsonb_path_query_array(care_days, '$[*] ? (@.part == "full")')))
      end) stored;

    -- What the two tables must hold, computed from the source tables (the tests compare both ways).
    create view report_open_request_source as
    select r.child_id, r.id as request_id, c.family_id, r.desk_id, r.registered_on, r.desired_start_date,
           coalesce(c.birth_date, c.due_date) as born_on, f.municipality_nis as residence_nis,
           (select count(distinct d->>'weekday') from jsonb_array_elements(r.care_days) d)::smallint as days_per_week,
           array(select distinct l.municipality_nis from request_location rl join location l on l.id = rl.location_id where rl.request_id = r.id order by 1) as chosen_nis,
           a.id as facts_at_registration, md5(a.facts::text)::uuid as facts_at_registration_key,
           z.id as facts_latest, md5(z.facts::text)::uuid as facts_latest_key, z.declared_on as facts_latest_on
    from request r
    join child c on c.id = r.child_id
    join family f on f.id = c.family_id
    left join lateral (select coalesce(
      (select d.id from fact_declaration d where d.family_id = c.family_id and d.declared_on <= r.registered_on order by d.declared_on desc, d.created_at desc, d.id desc limit 1),
      (select d.id from fact_declaration d where d.family_id = c.family_id order by d.declared_on, d.created_at, d.id limit 1)) as id) ar on true
    left join fact_declaration a on a.id = ar.id
    left join lateral (select d.id, d.facts, d.declared_on from fact_declaration d where d.family_id = c.family_id order by d.declared_on desc, d.created_at desc, d.id desc limit 1) z on true
    where r.status in ('registered', 'active', 'offered');

    create view report_registration_year_source as
    select child_id, year, desk_id, requests, row_number() over (partition by child_id, year order by desk_id) = 1 as first_desk
    from (select r.child_id, extract(year from r.registered_on)::smallint as year, r.desk_id, count(*)::int as requests
          from request r where r.status <> 'merged' group by 1, 2, 3) x;

    -- Recounts the rows of these families' children. A lock per family makes two transactions that change the same
    -- family recount one after the other, the second seeing what the first committed. A bulk change takes one lock
    -- for everything instead of thousands, and recounts in a few set-wide statements; a few families are recounted
    -- child by child, with statements whose plans stay cached (a registration should not pay for planning).
    create function report_refresh(families uuid[], with_years boolean) returns void language plpgsql as $fn$
    declare
      children uuid[];
      f uuid;
      c uuid;
    begin
      if families is null or cardinality(families) = 0 then
        return;
      end if;
      if cardinality(families) > 100 then
        perform pg_advisory_xact_lock(20100, 0);
        -- Read after the lock: each statement here sees what was committed while waiting.
        children := array(select x.id from child x where x.family_id in (select unnest(families)));
        -- Also repairs a residence read before a move of the family committed.
        update request r set residence_nis = y.municipality_nis from child x join family y on y.id = x.family_id
        where x.id in (select unnest(children)) and r.child_id = x.id and r.residence_nis is distinct from y.municipality_nis;
        delete from report_open_request where family_id in (select unnest(families));
        delete from report_open_request where child_id in (select unnest(children));
        insert into report_open_request select * from report_open_request_source where child_id in (select unnest(children));
        if with_years then
          delete from report_registration_year where child_id in (select unnest(children));
          -- The view's query, with the children picked before counting (the planner cannot push a join through the window).
          insert into report_registration_year
          select child_id, year, desk_id, requests, row_number() over (partition by child_id, year order by desk_id) = 1
          from (select r.child_id, extract(year from r.registered_on)::smallint as year, r.desk_id, count(*)::int as requests
                from request r where r.status <> 'merged' and r.child_id in (select unnest(children)) group by 1, 2, 3) x;
        end if;
        return;
      end if;
      perform pg_advisory_xact_lock_shared(20100, 0);
      perform pg_advisory_xact_lock(20101, k) from (select distinct hashtext(u::text) as k from unnest(families) u order by 1) x;
      foreach f in array families loop
        if exists (select from request r join child x on x.id = r.child_id join family y on y.id = x.family_id where y.id = f and r.residence_nis <> y.municipality_nis) then
          update request r set residence_nis = y.municipality_nis from child x join family y on y.id = x.family_id
          where y.id = f and r.child_id = x.id and r.residence_nis <> y.municipality_nis;
        end if;
        delete from report_open_request where family_id = f;
        for c in select x.id from child x where x.family_id = f loop
          delete from report_open_request where child_id = c;
          insert into report_open_request select * from report_open_request_source where child_id = c;
          if with_years then
            delete from report_registration_year where child_id = c;
            insert into report_registration_year select * from report_registration_year_source where child_id = c;
          end if;
        end loop;
      end loop;
    end
    $fn$;

    -- The triggers pass the families whose rows may have changed. They run once per statement, so bulk imports
    -- recount once.
    create function report_request_changed() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'INSERT' then
        perform report_refresh(array(select distinct c.family_id from new_rows n join child c on c.id = n.child_id), true);
      elsif tg_op = 'DELETE' then
        perform report_refresh(array(select distinct c.family_id from old_rows o join child c on c.id = o.child_id), true);
      else
        perform report_refresh(array(
          select distinct c.family_id
          from old_rows o join new_rows n on n.id = o.id join child c on c.id in (o.child_id, n.child_id)
          where (o.status, o.child_id, o.desk_id, o.registered_on, o.desired_start_date, o.care_days)
                is distinct from (n.status, n.child_id, n.desk_id, n.registered_on, n.desired_start_date, n.care_days)), true);
      end if;
      return null;
    end
    $fn$;
    create trigger report_request_inserted after insert on request referencing new table as new_rows
      for each statement execute function report_request_changed();
    create trigger report_request_updated after update on request referencing old table as old_rows new table as new_rows
      for each statement execute function report_request_changed();
    create trigger report_request_deleted after delete on request referencing old table as old_rows
      for each statement execute function report_request_changed();

    -- A birth recorded, a due date corrected, or a child moved to another family (old and new family both).
    create function report_child_changed() returns trigger language plpgsql as $fn$
    begin
      perform report_refresh(array(
        select distinct x.family_id
        from old_rows o join new_rows n on n.id = o.id, lateral (values (o.family_id), (n.family_id)) x(family_id)
        where (o.family_id, o.birth_date, o.due_date) is distinct from (n.family_id, n.birth_date, n.due_date)), false);
      return null;
    end
    $fn$;
    create trigger report_child_updated after update on child referencing old table as old_rows new table as new_rows
      for each statement execute function report_child_changed();

    -- A family that moves to another municipality.
    create function report_family_changed() returns trigger language plpgsql as $fn$
    begin
      perform report_refresh(array(
        select n.id from old_rows o join new_rows n on n.id = o.id where o.municipality_nis is distinct from n.municipality_nis), false);
      return null;
    end
    $fn$;
    create trigger report_family_updated after update on family referencing old table as old_rows new table as new_rows
      for each statement execute function report_family_changed();

    -- New, corrected or removed declarations of facts.
    create function report_facts_changed() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'INSERT' then
        perform report_refresh(array(select distinct family_id from new_rows), false);
      elsif tg_op = 'DELETE' then
        perform report_refresh(array(select distinct family_id from old_rows), false);
      else
        perform report_refresh(array(select family_id from old_rows union select family_id from new_rows), false);
      end if;
      return null;
    end
    $fn$;
    create trigger report_facts_inserted after insert on fact_declaration referencing new table as new_rows
      for each statement execute function report_facts_changed();
    create trigger report_facts_updated after update on fact_declaration referencing old table as old_rows new table as new_rows
      for each statement execute function report_facts_changed();
    create trigger report_facts_deleted after delete on fact_declaration referencing old table as old_rows
      for each statement execute function report_facts_changed();

    -- The chosen locations of a request.
    create function report_choice_changed() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'INSERT' then
        perform report_refresh(array(select distinct c.family_id from new_rows n join request r on r.id = n.request_id join child c on c.id = r.child_id), false);
      elsif tg_op = 'DELETE' then
        perform report_refresh(array(select distinct c.family_id from old_rows o join request r on r.id = o.request_id join child c on c.id = r.child_id), false);
      else
        perform report_refresh(array(
          select distinct c.family_id from (select request_id from old_rows union select request_id from new_rows) x
          join request r on r.id = x.request_id join child c on c.id = r.child_id), false);
      end if;
      return null;
    end
    $fn$;
    create trigger report_choice_inserted after insert on request_location referencing new table as new_rows
      for each statement execute function report_choice_changed();
    create trigger report_choice_updated after update on request_location referencing old table as old_rows new table as new_rows
      for each statement execute function report_choice_changed();
    create trigger report_choice_deleted after delete on request_location referencing old table as old_rows
      for each statement execute function report_choice_changed();

    -- A location whose municipality is corrected: the families that chose it.
    create function report_location_changed() returns trigger language plpgsql as $fn$
    begin
      perform report_refresh(array(
        select distinct o.family_id from report_open_request o join request_location rl on rl.request_id = o.request_id
        where rl.location_id in (select n.id from old_rows x join new_rows n on n.id = x.id where x.municipality_nis is distinct from n.municipality_nis)), false);
      return null;
    end
    $fn$;
    create trigger report_location_updated after update on location referencing old table as old_rows new table as new_rows
      for each statement execute function report_location_changed();

    insert into report_open_request select * from report_open_request_source;
    insert into report_registration_year select * from report_registration_year_source;
    analyze report_open_request;
    analyze report_registration_year;
  `.execute(db);
}
