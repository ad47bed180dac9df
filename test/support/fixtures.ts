// Small installations built for the tests that use them: two desks in four municipalities, two organisers, staff tokens.
import { createUserWithToken } from '../../src/app/accounts.ts';
import type { AppContext } from '../../src/app/context.ts';
import { systemActor, type Actor, type Role } from '../../src/app/permissions.ts';
import { createLocation, createOrganiser } from '../../src/app/places.ts';
import type { RegistrationInput } from '../../src/domain/requests/registration.ts';
import { makeKbo } from '../../src/domain/identity/kbo.ts';

export interface World {
  deskA: string;
  deskB: string;
  organiser1: string;
  organiser2: string;
  /** Locations of organiser 1 in desk A's area. */
  loc1: string;
  loc2: string;
  /** Location of organiser 2 in desk B's area. */
  loc3: string;
  tokens: Record<string, string>;
  actors: Record<string, Actor>;
}

export async function buildWorld(ctx: AppContext): Promise<World> {
  const system = systemActor('cli');
  const ids = await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('municipality')
      .values([
        { nis_code: '24062', name: 'Leuven' },
        { nis_code: '24038', name: 'Herent' },
        { nis_code: '44021', name: 'Gent' },
        { nis_code: '11002', name: 'Antwerpen' },
      ])
      .execute();
    const a = await tx.insertInto('desk').values({ name: 'Loket A (Leuven-Herent)', email: null, phone: null, max_locations: 3 }).returning('id').executeTakeFirstOrThrow();
    const b = await tx.insertInto('desk').values({ name: 'Loket B (Gent)', email: null, phone: null, max_locations: null }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('desk_municipality').values([{ desk_id: a.id, nis_code: '24062' }, { desk_id: a.id, nis_code: '24038' }, { desk_id: b.id, nis_code: '44021' }]).execute();
    return { deskA: a.id, deskB: b.id };
  });
  const o1 = await createOrganiser(ctx, system, { kbo: makeKbo(4_100_301), name: 'Organisator Een' });
  const o2 = await createOrganiser(ctx, system, { kbo: makeKbo(2_070_112), name: 'Organisator Twee' });
  const base = { street: 'Straat 1', type: 'group' as const, subsidyStep: 'T2' as const, licensedCapacity: 20 };
  const loc1 = await createLocation(ctx, system, { ...base, organiserId: o1.id, name: 'Eén Leuven', postalCode: '3000', municipalityNis: '24062' });
  const loc2 = await createLocation(ctx, system, { ...base, organiserId: o1.id, name: 'Eén Herent', postalCode: '3020', municipalityNis: '24038' });
  const loc3 = await createLocation(ctx, system, { ...base, organiserId: o2.id, name: 'Twee Gent', postalCode: '9000', municipalityNis: '44021' });
  const people: Array<[string, Role, string | null, string | null]> = [
    ['deskA', 'desk_worker', ids.deskA, null],
    ['coordA', 'desk_coordinator', ids.deskA, null],
    ['deskB', 'desk_worker', ids.deskB, null],
    ['provider1', 'provider_staff', null, o1.id],
    ['provider2', 'provider_staff', null, o2.id],
    ['partner', 'partner', null, null],
    ['analyst', 'analyst', null, null],
    ['admin', 'admin', null, null],
  ];
  const tokens: Record<string, string> = {};
  const actors: Record<string, Actor> = {};
  for (const [key, role, deskId, organiserId] of people) {
    const { userId, token } = await createUserWithToken(ctx.db, { name: key, email: `${key}@test.example`, role, deskId, organiserId }, `tok-${key}`);
    tokens[key] = token;
    actors[key] = { userId, role, deskId, organiserId, channel: 'api' };
  }
  return { ...ids, organiser1: o1.id, organiser2: o2.id, loc1: loc1.id, loc2: loc2.id, loc3: loc3.id, tokens, actors };
}

/** A valid registration for an unborn child in Leuven; tests change one thing at a time. */
export function unbornRequest(world: World, overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    applicant: { givenName: 'Sarah', familyName: 'Peeters', email: 'sarah.peeters@mail.example', preferredLanguage: 'nl' },
    residence: { municipalityNis: '24062', street: 'Tiensestraat 1', postalCode: '3000' },
    child: { familyName: 'Peeters', dueDate: '2027-03-10' },
    desiredStartDate: '2027-09-01',
    flexibilityWeeks: 4,
    careDays: [1, 2, 4].map((weekday) => ({ weekday, part: 'full' as const })),
    locationIds: [world.loc1, world.loc2],
    urgent: false,
    consent: { processing: true },
    ...overrides,
  };
}
