// Demo installation: one inter-municipal desk, 3 organisers, 8 locations, about 200 families with requests in every state, and family support.
import { createUserWithToken } from '../app/accounts.ts';
import { hashPassword } from '../domain/accounts/passwords.ts';
import { runUseCase, type AppContext } from '../app/context.ts';
import { systemActor, type Actor, type Role } from '../app/permissions.ts';
import { createLocation, createOrganiser, type LocationInput } from '../app/places.ts';
import { loadBirths, saveSubsidyGroup } from '../app/reporting.ts';
import { moveRequest, registerRequest } from '../app/requests.ts';
import { declareFacts } from '../app/priority.ts';
import type { ActivityKind } from '../domain/rules/types.ts';
import { addDays, addMonths, brusselsDate } from '../domain/dates.ts';
import { makeInsz } from '../domain/identity/insz.ts';
import { makeKbo } from '../domain/identity/kbo.ts';
import type { CareDay, RegistrationInput } from '../domain/requests/registration.ts';
import { seedFamilySupport } from './family-support.ts';

/** Small seeded generator so the demo is the same on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number) => next() < p,
  };
}

export const DEMO_MUNICIPALITIES = [
  { nis: '24062', name: 'Leuven', lat: 50.8798, lon: 4.7005 },
  { nis: '24038', name: 'Herent', lat: 50.9086, lon: 4.6715 },
  { nis: '24055', name: 'Kortenberg', lat: 50.8833, lon: 4.5431 },
  { nis: '11002', name: 'Antwerpen', lat: 51.2194, lon: 4.4025 },
];

/** The demo parent's portal login (e-mail and password), printed at start-up in demo mode only. */
export const DEMO_PARENT = { email: 'ouder@nabij.example', password: 'demo-wachtwoord-2026' };

/** Demo API tokens, printed at start-up in demo mode only. */
export const DEMO_TOKENS: Record<string, { role: Role; name: string; email: string }> = {
  'demo-desk-worker': { role: 'desk_worker', name: 'Sara Loketmedewerker', email: 'sara@nabij.example' },
  'demo-desk-coordinator': { role: 'desk_coordinator', name: 'Koen Coördinator', email: 'koen@nabij.example' },
  'demo-provider-1': { role: 'provider_staff', name: 'Ilse Kinderdagverblijf Zonnetje', email: 'ilse@nabij.example' },
  'demo-provider-2': { role: 'provider_staff', name: 'Tom Stad Leuven Opvang', email: 'tom@nabij.example' },
  'demo-partner': { role: 'partner', name: 'Nadia OCMW-maatschappelijk werker', email: 'nadia@nabij.example' },
  'demo-analyst': { role: 'analyst', name: 'An Analist', email: 'an@nabij.example' },
  'demo-admin': { role: 'admin', name: 'Beheerder', email: 'beheer@nabij.example' },
};

/** Every demo staff member logs in to the workspace with this password (demo mode only). */
export const DEMO_STAFF_PASSWORD = 'demo-wachtwoord-2026';

const GIVEN = ['Lina', 'Noah', 'Emma', 'Adam', 'Olivia', 'Liam', 'Mila', 'Amir', 'Louise', 'Finn', 'Nora', 'Yusuf', 'Elena', 'Jules', 'Sofia', 'Milan', 'Aya', 'Lucas', 'Hanne', 'Mohamed'];
const FAMILY = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'El Amrani', 'Yilmaz', 'Van den Broeck', 'Dubois', 'Nowak', 'Vermeulen', 'Öztürk', 'Diallo'];
const ADULT = ['Sarah', 'Tom', 'Fatima', 'Pieter', 'Anke', 'Youssef', 'Els', 'Kevin', 'Leen', 'Karim', 'Ines', 'Bart'];

export async function isSeeded(ctx: AppContext): Promise<boolean> {
  return (await ctx.db.selectFrom('desk').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function seedDemo(ctx: AppContext, families = 200): Promise<{ requests: number }> {
  const system = systemActor('cli');
  const today = brusselsDate(ctx.now());
  const rnd = prng(20261124);

  const deskId = await runUseCase(ctx, system, 'organiser.create', async (tx) => {
    await tx.insertInto('municipality').values(DEMO_MUNICIPALITIES.map((m) => ({ nis_code: m.nis, name: m.name, latitude: m.lat, longitude: m.lon }))).execute();
    const desk = await tx
      .insertInto('desk')
      .values({
        name: 'Lokaal Loket Kinderopvang Leuven-Herent', email: 'kinderopvang@loket.example', phone: '016 00 00 00', max_locations: 5,
        address: 'Professor Van Overstraetenplein 1, 3000 Leuven', opening_hours: 'maandag tot vrijdag 9–12 uur, woensdag ook 13–16 uur',
        family_centre_name: 'Huis van het Kind Leuven', family_centre_address: 'Brusselsestraat 63, 3000 Leuven', family_centre_phone: '016 00 00 10', family_centre_email: 'huisvanhetkind@loket.example',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('desk_municipality').values([{ desk_id: desk.id, nis_code: '24062' }, { desk_id: desk.id, nis_code: '24038' }]).execute();
    return desk.id;
  });

  const organisers = [
    await createOrganiser(ctx, system, { kbo: makeKbo(4_100_301), name: 'vzw Kinderdagverblijf Zonnetje' }),
    await createOrganiser(ctx, system, { kbo: makeKbo(2_070_112), name: 'Stad Leuven – Stedelijke Kinderopvang' }),
    await createOrganiser(ctx, system, { kbo: makeKbo(8_650_244), name: 'Gezinsopvang De Kleine Wereld' }),
  ];
  const [o1, o2, o3] = organisers as [(typeof organisers)[0], (typeof organisers)[0], (typeof organisers)[0]];
  const specs: LocationInput[] = [
    { organiserId: o1.id, name: 'Zonnetje Centrum', street: 'Bondgenotenlaan 12', postalCode: '3000', municipalityNis: '24062', type: 'group', subsidyStep: 'T2', licensedCapacity: 28, opgroeienId: '1000101' },
    { organiserId: o1.id, name: 'Zonnetje Kessel-Lo', street: 'Diestsesteenweg 201', postalCode: '3010', municipalityNis: '24062', type: 'group', subsidyStep: 'T3', licensedCapacity: 42, opgroeienId: '1000102' },
    { organiserId: o1.id, name: 'Zonnetje Herent', street: 'Wijgmaalsesteenweg 5', postalCode: '3020', municipalityNis: '24038', type: 'group', subsidyStep: 'T1', licensedCapacity: 18, opgroeienId: '1000103' },
    { organiserId: o2.id, name: 'Stedelijk Kinderdagverblijf Heverlee', street: 'Naamsesteenweg 100', postalCode: '3001', municipalityNis: '24062', type: 'group', subsidyStep: 'T2', licensedCapacity: 56, opgroeienId: '2000201' },
    { organiserId: o2.id, name: 'Stedelijke Kleuteropvang Wilsele', street: 'Aarschotsesteenweg 300', postalCode: '3012', municipalityNis: '24062', type: 'kleuteropvang', subsidyStep: 'T0', licensedCapacity: 60, minAgeMonths: 30, maxAgeMonths: 144 },
    { organiserId: o2.id, name: 'Stedelijk Kinderdagverblijf Wijgmaal', street: 'Wijgmaalsesteenweg 80', postalCode: '3018', municipalityNis: '24062', type: 'group', subsidyStep: 'T2', licensedCapacity: 35, opgroeienId: '2000203' },
    { organiserId: o3.id, name: 'Onthaalouder Marleen', street: 'Kerkstraat 4', postalCode: '3020', municipalityNis: '24038', type: 'family', subsidyStep: 'T2', licensedCapacity: 8, opgroeienId: '3000301', openingWeekdays: [1, 2, 3, 4] },
    { organiserId: o3.id, name: 'Onthaalouder Rachid', street: 'Stationsstraat 9', postalCode: '3020', municipalityNis: '24038', type: 'family', subsidyStep: 'T0', licensedCapacity: 7 },
  ];
  const locations = [];
  for (const spec of specs) locations.push(await createLocation(ctx, system, spec));
  // Map positions for "distance from home" in the portal's search.
  const positions: Array<[number, number]> = [[50.8812, 4.7028], [50.8883, 4.7301], [50.9060, 4.6802], [50.8633, 4.6880], [50.9178, 4.6960], [50.9380, 4.6580], [50.9101, 4.6650], [50.9032, 4.6755]];
  for (const [i, l] of locations.entries()) {
    const [lat, lon] = positions[i] as [number, number];
    await ctx.db.updateTable('location').set({ latitude: lat, longitude: lon }).where('id', '=', l.id).execute();
  }
  // A subsidy group for the provider files, and birth numbers for places per 100 children on the dashboard.
  await saveSubsidyGroup(ctx, system, { organiserId: o1.id, opgroeienId: 510001, name: 'Zonnetje subsidiegroep Leuven', incomeTariffFrom: '2020-01-01', plusSubsidy: true, locationIds: [locations[0]!.id, locations[1]!.id] });
  const year = Number(today.slice(0, 4));
  await loadBirths(ctx, system, [1, 2, 3].flatMap((back) => [{ nisCode: '24062', year: year - back, births: 1050 }, { nisCode: '24038', year: year - back, births: 220 }]));

  const staffHash = await hashPassword(DEMO_STAFF_PASSWORD);
  for (const [token, u] of Object.entries(DEMO_TOKENS)) {
    const organiserId = token === 'demo-provider-1' ? o1.id : token === 'demo-provider-2' ? o2.id : null;
    const desk = u.role === 'desk_worker' || u.role === 'desk_coordinator' ? deskId : null;
    const { userId } = await createUserWithToken(ctx.db, { name: u.name, email: u.email, role: u.role, deskId: desk, organiserId }, token);
    await ctx.db.updateTable('app_user').set({ password_hash: staffHash }).where('id', '=', userId).execute();
  }

  const desk: Actor = { userId: null, role: 'system', deskId, organiserId: null, channel: 'cli' };
  let count = 0;
  const register = async (input: RegistrationInput) => {
    const r = await registerRequest(ctx, desk, input);
    if (r.created) count++;
    return r.request;
  };
  const patterns: CareDay[][] = [
    [1, 2, 3, 4, 5].map((weekday) => ({ weekday, part: 'full' as const })),
    [1, 2, 4, 5].map((weekday) => ({ weekday, part: 'full' as const })),
    [1, 2, 3].map((weekday) => ({ weekday, part: 'full' as const })),
    [{ weekday: 1, part: 'full' }, { weekday: 3, part: 'morning' }, { weekday: 4, part: 'full' }],
    [2, 4].map((weekday) => ({ weekday, part: 'full' as const, from: '08:00', to: '16:30' })),
  ];
  const infantLocations = locations.filter((l) => l.type !== 'kleuteropvang');

  for (let i = 0; i < families; i++) {
    const familyName = rnd.pick(FAMILY);
    const municipality = rnd.chance(0.7) ? '24062' : '24038';
    const registeredOn = addDays(today, -rnd.int(0, 420));
    const unborn = rnd.chance(0.45);
    const twins = rnd.chance(0.03);
    const dueDate = addDays(today, rnd.int(20, 280));
    const birthDate = addDays(today, -rnd.int(10, 700));
    const childBase = unborn ? dueDate : birthDate;
    const start = addMonths(childBase, rnd.int(3, 10));
    const chosen = [...infantLocations].sort(() => rnd.next() - 0.5).slice(0, rnd.int(1, 5));
    const applicant = {
      givenName: rnd.pick(ADULT),
      familyName,
      ...(rnd.chance(0.85) ? { email: `gezin${i}@mail.example` } : { phone: `0470 ${String(100000 + i).slice(0, 2)} ${String(100000 + i).slice(2, 4)} ${String(100000 + i).slice(4)}` }),
      preferredLanguage: rnd.pick(['nl', 'nl', 'nl', 'en', 'fr', 'ar'] as const),
    };
    const base: RegistrationInput = {
      applicant,
      ...(rnd.chance(0.6) ? { otherGuardian: { givenName: rnd.pick(ADULT), familyName: rnd.pick(FAMILY) } } : {}),
      residence: { municipalityNis: municipality, street: `Demostraat ${i + 1}`, postalCode: municipality === '24062' ? '3000' : '3020' },
      child: unborn
        ? { familyName, dueDate }
        : { familyName, givenName: rnd.pick(GIVEN), birthDate, ...(rnd.chance(0.7) ? { insz: makeInsz(birthDate, 100 + i * 2 + 1) } : {}) },
      desiredStartDate: start < registeredOn ? addDays(registeredOn, 30) : start,
      flexibilityWeeks: rnd.pick([0, 2, 4, 8]),
      careDays: rnd.pick(patterns),
      locationIds: chosen.map((l) => l.id),
      urgent: rnd.chance(0.08),
      registeredOn: registeredOn < addDays(today, -50) && unborn ? addDays(today, -50) : registeredOn,
      consent: { processing: true },
    };
    const requests = [await register(base)];
    if (twins) requests.push(await register({ ...base, child: { ...base.child, birthOrder: 2, ...(base.child.insz ? { insz: makeInsz(birthDate, 100 + i * 2 + 2) } : {}) } }));
    // Every 25th family is also registered by the other parent with a phone number: a duplicate for the desk's queue.
    if (i % 25 === 7 && unborn) {
      await register({ ...base, applicant: { givenName: rnd.pick(ADULT), familyName, phone: `0480 11 ${String(i).padStart(2, '0')} 00` }, child: { familyName, dueDate: addDays(dueDate, 9) } });
    }
    // Most families also declare the facts the priority rules use (a sworn statement at registration).
    const first = requests[0];
    if (first && rnd.chance(0.75)) {
      const single = rnd.chance(0.2);
      const activity = (): Array<{ kind: ActivityKind; fraction: number }> =>
        rnd.chance(0.75) ? [{ kind: rnd.pick(['employed', 'employed', 'self_employed', 'training_intensive', 'job_seeking'] as const), fraction: rnd.pick([0.5, 0.6, 0.8, 1, 1]) }] : [];
      await declareFacts(ctx, desk, first.child.familyId, {
        guardians: single ? [{ activities: activity() }] : [{ activities: activity() }, { activities: activity() }],
        singleParent: single,
        lowIncome: rnd.chance(0.2),
        fosterChild: rnd.chance(0.03),
        healthOrCareSituation: rnd.chance(0.08),
        noSecondaryDiploma: rnd.chance(0.12),
        siblings: rnd.chance(0.1) ? [{ locationId: first.locations[0]!.id, from: addMonths(today, -10), to: null }] : [],
        declaredOn: first.registeredOn,
      });
    }
    const roll = rnd.next();
    for (const r of requests) {
      if (!r) continue;
      const steps: Array<[string, string | null, boolean]> =
        roll < 0.15 ? [] :
        roll < 0.55 ? [['active', null, false]] :
        roll < 0.65 ? [['active', null, false], ['offered', 'Aanbod demo', true]] :
        roll < 0.8 ? [['active', null, false], ['offered', 'Aanbod demo', true], ['placed', 'Aanbod aanvaard', true]] :
        roll < 0.88 ? [['active', null, false], ['withdrawn', 'Gezin verhuist', false]] :
        roll < 0.94 ? [['active', null, false], ['found_elsewhere', 'Opvang in Brussel gevonden', false]] :
        [['lapsed', 'Geen reactie op twee herinneringen', false]];
      for (const [to, reason, workflow] of steps) {
        await runUseCase(ctx, desk, 'request.transition', (tx) => moveRequest(tx, ctx, desk, r.id, to, reason, workflow));
      }
      if (steps.some(([to]) => to === 'placed')) {
        // Placed children occupy their first choice until the day before kindergarten age (2.5 years).
        const born = r.child.birthDate ?? r.child.dueDate ?? r.desiredStartDate;
        const end = addDays(addMonths(born, 30), -1);
        await ctx.db
          .insertInto('placement')
          .values({ child_id: r.child.id, location_id: r.locations[0]!.id, request_id: r.id, start_date: r.desiredStartDate, end_date: end < r.desiredStartDate ? r.desiredStartDate : end, care_days: JSON.stringify(r.careDays) })
          .execute();
      }
    }
  }
  await seedFamilySupport(ctx, deskId, locations, today);
  // A parent with a confirmed portal account and no request yet, to try the portal.
  await ctx.db.insertInto('portal_account').values({ email: DEMO_PARENT.email, password_hash: await hashPassword(DEMO_PARENT.password), email_verified_at: ctx.now(), given_name: 'Noor', family_name: 'Demo' }).execute();
  return { requests: count };
}
