// The report recount clears every family it was given before it fills any of them again.
import { sql, type Kysely } from 'kysely';

// A request that moves from one child to another (a merge that keeps the later record) changes two families. The
// recount of 0010 filled family by family: when the receiving family came first, the moved request was still listed
// under the other family and its insert failed on the unique request_id. Clearing all of them first removes that order.
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s;
  await sql`
    create or replace function report_refresh(families uuid[], with_years boolean) returns void language plpgsql as $fn$
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
          insert into report_registration_year
          select child_id, year, desk_id, requests, row_number() over (partition by child_id, year order by desk_id) = 1
          from (select r.child_id, extract(year from r.registered_on)::smallint as year, r.desk_id, count(*)::int as requests
                from request r where r.status <> 'merged' and r.child_id in (select unnest(children)) group by 1, 2, 3) x;
        end if;
        return;
      end if;
      perform pg_advisory_xact_lock_shared(20100, 0);
      perform pg_advisory_xact_lock(20101, k) from (select distinct hashtext(u::text) as k from unnest(families) u order by 1) x;
      -- First clear every family and child given, then fill them: a row may move between two of them.
      foreach f in array families loop
        if exists (select from request r join child x on x.id = r.child_id join family y on y.id = x.family_id where y.id = f and r.residence_nis <> y.municipality_nis) then
          update request r set residence_nis = y.municipality_nis from child x join family y on y.id = x.family_id
          where y.id = f and r.child_id = x.id and r.residence_nis <> y.municipality_nis;
        end if;
        delete from report_open_request where family_id = f;
        for c in select x.id from child x where x.family_id = f loop
          delete from report_open_request where child_id = c;
          if with_years then
            delete from report_registration_year where child_id = c;
          end if;
        end loop;
      end loop;
      foreach f in array families loop
        for c in select x.id from child x where x.family_id = f loop
          insert into report_open_request select * from report_open_request_source where child_id = c;
          if with_years then
            insert into report_registration_year select * from report_registration_year_source where child_id = c;
          end if;
        end loop;
      end loop;
    end
    $fn$;
  `.execute(db);
  // Replacing a function resets its attributes: keep it running as the owner, as 0011 set (it must see every row).
  await sql`alter function report_refresh(uuid[], boolean) security definer set search_path = ${sql.id(schema)}`.execute(db);
}
