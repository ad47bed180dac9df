// A family with a request at Zonnetje Centrum (Ilse's organiser in the demo), registered by the desk through the API:
// seedDemo(ctx, 0) makes no families, and the referral pages need one the childcare staff works with.
import assert from 'node:assert/strict';
import type { App } from '../../src/http/server.ts';
import type { AppContext } from '../../src/app/context.ts';

export interface DemoFamily {
  familyId: string;
  childId: string;
  guardianId: string;
}

export async function familyAtZonnetje(app: App, ctx: AppContext, who = { givenName: 'Fatima', familyName: 'El Amrani', child: 'Amir' }): Promise<DemoFamily> {
  const loc = await ctx.db.selectFrom('location').select('id').where('name', '=', 'Zonnetje Centrum').executeTakeFirstOrThrow();
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: { authorization: 'Bearer demo-desk-worker' },
    payload: {
      applicant: { givenName: who.givenName, familyName: who.familyName, phone: '0470 12 34 56', email: 'fatima@voorbeeld.be' },
      residence: { municipalityNis: '24062', street: 'Naamsestraat 5', postalCode: '3000' },
      child: { givenName: who.child, familyName: who.familyName, birthDate: '2026-03-02' },
      desiredStartDate: '2027-02-01',
      flexibilityWeeks: 2,
      careDays: [{ weekday: 1, part: 'full' }, { weekday: 3, part: 'full' }],
      locationIds: [loc.id],
      urgent: false,
      consent: { processing: true },
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  const child = res.json().request.child as { id: string; familyId: string };
  const g = await ctx.db.selectFrom('guardian').select('id').where('family_id', '=', child.familyId).executeTakeFirstOrThrow();
  return { familyId: child.familyId, childId: child.id, guardianId: g.id };
}
