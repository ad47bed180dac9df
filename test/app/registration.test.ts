// One registration per child, end to end through the use cases, on PGlite and (in CI) PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getChild, recordBirth } from '../../src/app/children.ts';
import { dismissDuplicate, listDuplicates, mergeDuplicate } from '../../src/app/duplicates.ts';
import { getRequest, listRequests, registerRequest, transitionRequest } from '../../src/app/requests.ts';
import { UserError } from '../../src/domain/errors.ts';
import { makeInsz } from '../../src/domain/identity/insz.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';
import { flavours, rowCounts, type TestDb } from '../support/db.ts';

async function rejects(p: Promise<unknown>, code: string): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof UserError, `expected a UserError, got ${e}`);
    assert.equal(e.code, code, `${e.code}: ${e.en} ${JSON.stringify(e.details)}`);
    return e;
  }
  assert.fail(`expected ${code}`);
}

for (const flavour of flavours()) {
  describe(`registration on ${flavour.name}`, () => {
    let t: TestDb;
    let w: World;
    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
    });
    after(() => t.close());

    it('registers an unborn child with ranked locations, history and consent', async () => {
      const r = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w));
      assert.equal(r.created, true);
      const req = r.request!;
      assert.match(req.number, /^NB-2026-\d{6}$/);
      assert.equal(req.status, 'registered');
      assert.equal(req.child.born, false);
      assert.deepEqual(req.locations.map((l) => l.id), [w.loc1, w.loc2]);
      assert.deepEqual(req.history.map((h) => h.to), ['registered']);
      const child = await getChild(t.ctx, w.actors.deskA!, req.child.id);
      assert.equal(child.consents[0]?.subject, 'registration_processing');
    });

    it('returns the open request instead of a second one for the same unborn child of the same parent', async () => {
      const first = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { applicant: { givenName: 'Fatima', familyName: 'El Amrani', email: 'fatima@mail.example' }, child: { familyName: 'El Amrani', dueDate: '2027-04-01' } }));
      // The due date moved by two weeks and the e-mail is typed in capitals: still the same child.
      const again = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { applicant: { givenName: 'Fatima', familyName: 'El Amrani', email: 'FATIMA@mail.example' }, child: { familyName: 'El Amrani', dueDate: '2027-04-15' } }));
      assert.equal(again.created, false);
      assert.equal(again.request?.id, first.request?.id);
      assert.match(again.message!.nl, /al een lopende aanvraag/);
    });

    it('counts twins as two requests', async () => {
      const twin = (order: number) => unbornRequest(w, { applicant: { givenName: 'Els', familyName: 'Maes', email: 'els.maes@mail.example' }, child: { familyName: 'Maes', dueDate: '2027-02-01', birthOrder: order } });
      const a = await registerRequest(t.ctx, w.actors.deskA!, twin(1));
      const b = await registerRequest(t.ctx, w.actors.deskA!, twin(2));
      assert.equal(a.created && b.created, true);
      assert.notEqual(a.request!.child.id, b.request!.child.id);
    });

    it('recognises a child by national number for a desk that works with its family, and keeps it apart without proof', async () => {
      const insz = makeInsz('2026-06-15', 41);
      const byMother = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { child: { familyName: 'Jacobs', givenName: 'Noor', birthDate: '2026-06-15', insz }, applicant: { givenName: 'Anke', familyName: 'Jacobs', email: 'anke@mail.example' } }));
      // The father at the same desk: same child, so no second request.
      const atDesk = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { child: { familyName: 'Jacobs', givenName: 'Noor', insz }, applicant: { givenName: 'Pieter', familyName: 'Jacobs', phone: '0470 11 22 33' } }));
      assert.equal(atDesk.created, false);
      assert.equal(atDesk.request?.id, byMother.request!.id);
      // The father through a partner in Gent: a typed number is no proof. A new record, the number kept apart, and
      // the pair waits in the queue for the desk to check; the partner learns nothing about the first registration.
      const byFather = await registerRequest(t.ctx, w.actors.partner!, unbornRequest(w, { residence: { municipalityNis: '44021' }, locationIds: [w.loc3], child: { familyName: 'Jacobs', givenName: 'Noor', insz }, applicant: { givenName: 'Pieter', familyName: 'Jacobs', phone: '0470 11 22 34' } }));
      assert.equal(byFather.created, true);
      assert.equal(byFather.existing, null);
      assert.notEqual(byFather.request!.child.id, byMother.request!.child.id);
      assert.notEqual(byFather.request!.child.familyId, byMother.request!.child.familyId);
      const pair = await t.ctx.db.selectFrom('duplicate_candidate').select(['proof_pending', 'reasons']).where((eb) => eb.or([eb('child_a', '=', byFather.request!.child.id), eb('child_b', '=', byFather.request!.child.id)])).execute();
      assert.equal(pair.length, 1);
      assert.equal(pair[0]!.proof_pending, true);
      assert.deepEqual(pair[0]!.reasons, ['same_national_number']);
    });

    it('refuses what a review found risky: a blank national number without dates, a partner backdating; another desk using a known e-mail gets its own family', async () => {
      await rejects(registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { child: { familyName: 'Leeg', insz: ' ' } })), 'child.date_required');
      await rejects(registerRequest(t.ctx, w.actors.partner!, unbornRequest(w, { registeredOn: '1990-01-01' })), 'registered_on.not_allowed');
      // Sarah Peeters lives in Leuven (desk A); desk B's registration with her e-mail does not reach her family.
      const sarah = await t.ctx.db.selectFrom('guardian').select('family_id').where('email', '=', 'sarah.peeters@mail.example').orderBy('created_at').executeTakeFirstOrThrow();
      const r = await registerRequest(t.ctx, w.actors.deskB!, unbornRequest(w, { residence: { municipalityNis: '44021' }, locationIds: [w.loc3], child: { familyName: 'Peeters', dueDate: '2027-08-01' } }));
      assert.equal(r.created, true);
      assert.notEqual(r.request!.child.familyId, sarah.family_id);
    });

    it('stores nothing when a request is refused', async () => {
      const before = await rowCounts(t.ctx);
      await rejects(registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { desiredStartDate: '2027-01-01' })), 'start.before_birth');
      await rejects(registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { locationIds: [w.loc1, w.loc2, w.loc3, w.loc1] })), 'validation');
      await rejects(registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { residence: { municipalityNis: '11002' } })), 'residence.no_desk');
      await rejects(registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { locationIds: ['00000000-0000-4000-8000-000000000000'] })), 'locations.unknown');
      await rejects(registerRequest(t.ctx, w.actors.analyst!, unbornRequest(w)), 'auth.forbidden');
      assert.deepEqual(await rowCounts(t.ctx), before);
    });

    it('records every status change with who and why, refuses invalid ones, and allows a new request after a lapse', async () => {
      const input = unbornRequest(w, { applicant: { givenName: 'Ines', familyName: 'Claes', email: 'ines@mail.example' }, child: { familyName: 'Claes', dueDate: '2027-05-01' } });
      const r = (await registerRequest(t.ctx, w.actors.deskA!, input)).request!;
      await transitionRequest(t.ctx, w.actors.deskA!, r.id, { to: 'active' });
      await rejects(transitionRequest(t.ctx, w.actors.deskA!, r.id, { to: 'placed' }), 'request.transition_not_allowed');
      await rejects(transitionRequest(t.ctx, w.actors.deskA!, r.id, { to: 'offered' }), 'request.transition_needs_offer');
      await rejects(transitionRequest(t.ctx, w.actors.deskA!, r.id, { to: 'lapsed' }), 'request.reason_required');
      await rejects(transitionRequest(t.ctx, w.actors.deskB!, r.id, { to: 'withdrawn' }), 'not_found');
      const lapsed = await transitionRequest(t.ctx, w.actors.deskA!, r.id, { to: 'lapsed', reason: 'Miskraam' });
      assert.deepEqual(lapsed.history.map((h) => [h.from, h.to, h.reason]), [[null, 'registered', null], ['registered', 'active', null], ['active', 'lapsed', 'Miskraam']]);
      await rejects(transitionRequest(t.ctx, w.actors.deskA!, r.id, { to: 'active' }), 'request.transition_not_allowed');
      const renewed = await registerRequest(t.ctx, w.actors.deskA!, input);
      assert.equal(renewed.created, true);
      assert.equal(renewed.request!.child.id, r.child.id);
    });

    it('limits who sees a request: its desk, providers of a chosen location, the partner who registered it', async () => {
      const r = (await registerRequest(t.ctx, w.actors.partner!, unbornRequest(w, { applicant: { givenName: 'Karim', familyName: 'Diallo', email: 'karim@mail.example' }, child: { familyName: 'Diallo', dueDate: '2027-06-01' }, locationIds: [w.loc1] }))).request!;
      assert.equal((await getRequest(t.ctx, w.actors.deskA!, r.id)).id, r.id);
      assert.equal((await getRequest(t.ctx, w.actors.provider1!, r.id)).child.inszMasked, null);
      assert.equal((await getRequest(t.ctx, w.actors.partner!, r.id)).id, r.id);
      await rejects(getRequest(t.ctx, w.actors.provider2!, r.id), 'not_found');
      await rejects(getRequest(t.ctx, w.actors.deskB!, r.id), 'not_found');
      const seenByProvider2 = await listRequests(t.ctx, w.actors.provider2!);
      assert.ok(seenByProvider2.items.every((x) => x.locations.some((l) => l.id === w.loc3)));
      const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'subject_ids']).where('action', '=', 'request.read').execute();
      assert.ok(audit.some((a) => a.subject_ids.includes(r.child.id)), 'reads are audited with the child id');
    });

    it('queues the same unborn child registered by the other parent, and merges it: requests, history and consents follow', async () => {
      const mother = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { registeredOn: '2026-10-01', applicant: { givenName: 'Leen', familyName: 'Wouters', email: 'leen@mail.example' }, child: { familyName: 'Wouters', dueDate: '2027-03-01' }, locationIds: [w.loc1] }));
      const father = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { applicant: { givenName: 'Bart', familyName: 'Wouters', phone: '0471 00 00 01' }, child: { familyName: 'Wouters', dueDate: '2027-03-12' }, locationIds: [w.loc2, w.loc1] }));
      assert.equal(father.created, true, 'a different parent without shared contact data creates a second record first');
      const queue = await listDuplicates(t.ctx, w.actors.deskA!);
      const pair = queue.find((d) => d.children.some((c) => c.id === mother.request!.child.id) && d.children.some((c) => c.id === father.request!.child.id));
      assert.ok(pair, 'the pair is in the queue');
      assert.deepEqual(pair.reasons.map((r) => r.code), ['due_date_close', 'same_family_name']);
      await rejects(listDuplicates(t.ctx, w.actors.provider1!), 'auth.forbidden');

      const merged = await mergeDuplicate(t.ctx, w.actors.deskA!, pair.id, mother.request!.child.id);
      assert.equal(merged.foldedRequest?.into, mother.request!.id, 'the request registered first stays');
      const kept = await getRequest(t.ctx, w.actors.deskA!, mother.request!.id);
      assert.deepEqual(kept.locations.map((l) => l.id), [w.loc1, w.loc2], 'the other request’s extra wish is added at the end');
      const folded = await getRequest(t.ctx, w.actors.deskA!, father.request!.id);
      assert.equal(folded.status, 'merged');
      assert.equal(folded.child.id, mother.request!.child.id);
      const survivor = await getChild(t.ctx, w.actors.deskA!, mother.request!.child.id);
      assert.equal(survivor.requests.length, 2);
      assert.equal(survivor.consents.length, 1, 'family consents stay with their family; the child-level one moved');
      const trace = await t.ctx.db.selectFrom('child_merge').selectAll().where('merged_child', '=', father.request!.child.id).executeTakeFirstOrThrow();
      assert.equal(trace.surviving_child, mother.request!.child.id);
      await rejects(mergeDuplicate(t.ctx, w.actors.deskA!, pair.id, mother.request!.child.id), 'duplicate.already_resolved');
      // Another open pair that still names the merged child cannot be merged onto it.
      const [x, y] = [father.request!.child.id, mother.request!.child.id].sort() as [string, string];
      const ghost = await t.ctx.db.insertInto('duplicate_candidate').values({ child_a: x, child_b: y, score: 2, reasons: '[]' }).onConflict((oc) => oc.columns(['child_a', 'child_b']).doUpdateSet({ status: 'open' })).returning('id').executeTakeFirstOrThrow();
      await rejects(mergeDuplicate(t.ctx, w.actors.deskA!, ghost.id, father.request!.child.id), 'duplicate.child_already_merged');
    });

    it('lets the desk mark a pair as two different children', async () => {
      const a = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { applicant: { givenName: 'Tom', familyName: 'Goossens', email: 'tom.g@mail.example' }, child: { familyName: 'Goossens', dueDate: '2027-07-01' } }));
      const b = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { applicant: { givenName: 'Lies', familyName: 'Goossens', email: 'lies.g@mail.example' }, child: { familyName: 'Goossens', dueDate: '2027-07-05' } }));
      const pair = (await listDuplicates(t.ctx, w.actors.deskA!)).find((d) => d.children.some((c) => c.id === a.request!.child.id) && d.children.some((c) => c.id === b.request!.child.id));
      assert.ok(pair);
      await dismissDuplicate(t.ctx, w.actors.deskA!, pair.id);
      assert.equal((await listDuplicates(t.ctx, w.actors.deskA!)).some((d) => d.id === pair.id), false);
      assert.equal((await listDuplicates(t.ctx, w.actors.deskA!, 'not_duplicate')).some((d) => d.id === pair.id), true);
    });

    it('records the birth of an unborn child: due date stays, birth date and national number are added', async () => {
      const r = (await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { applicant: { givenName: 'An', familyName: 'Mertens', email: 'an.m@mail.example' }, child: { familyName: 'Mertens', dueDate: '2026-11-30' }, desiredStartDate: '2027-03-01' }))).request!;
      await rejects(recordBirth(t.ctx, w.actors.deskA!, r.child.id, { birthDate: '2026-11-20', insz: makeInsz('2026-11-21', 55) }), 'insz.birth_date_mismatch');
      const born = await recordBirth(t.ctx, w.actors.deskA!, r.child.id, { birthDate: '2026-11-20', insz: makeInsz('2026-11-20', 55), givenName: 'Mila' });
      assert.equal(born.born, true);
      assert.equal(born.dueDate, '2026-11-30');
      assert.equal(born.inszMasked, '26.11.20-***.**');
      await rejects(recordBirth(t.ctx, w.actors.deskA!, r.child.id, { birthDate: '2026-11-20' }), 'child.already_born');
      // Registering again with the national number finds the same child and its open request.
      const again = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { applicant: { givenName: 'Jan', familyName: 'Mertens', phone: '0499 99 99 99' }, child: { familyName: 'Mertens', insz: makeInsz('2026-11-20', 55) }, desiredStartDate: '2027-03-01' }));
      assert.equal(again.created, false);
      assert.equal(again.request?.id, r.id);
    });
  });
}
