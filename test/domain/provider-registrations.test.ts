// Opgroeien's yearly provider files: hand-counted fixtures, and the XML validated against the published schemas with xmllint.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countLocation, foRe19Xml, foRe30Xml, type CaredForChild, type SubsidyGroupFile } from '../../src/domain/reporting/provider-registrations.ts';
import type { Facts } from '../../src/domain/rules/types.ts';
import { validateXml as validate } from '../support/xml.ts';

const none: Facts = { guardians: [], singleParent: false, lowIncome: false, fosterChild: false, healthOrCareSituation: false, noSecondaryDiploma: false, siblings: [] };
const working = [{ activities: [{ kind: 'employed' as const, fraction: 1 }] }];
const child = (childId: string, facts: Partial<Facts>, socialPedagogical = false): CaredForChild => ({ childId, facts: { ...none, ...facts }, socialPedagogical });

// 5 children: a working family; a vulnerable single mother with low income; a foster child; a child placed on advice; no group.
const children = [
  child('work', { guardians: [...working, ...working] }),
  child('vulnerable', { guardians: working, singleParent: true, lowIncome: true }),
  child('foster', { fosterChild: true }),
  child('advice', {}, true),
  child('none', { guardians: [...working, { activities: [] }] }),
  child('work', { guardians: [...working, ...working] }),
];

const file = (over: Partial<SubsidyGroupFile> = {}): SubsidyGroupFile => ({
  year: 2025, groupId: 1234567, groupName: 'Subsidiegroep De Rups & Co', organiserName: 'vzw De Rups', incomeTariff: { from: '2025-01-01', until: '2025-12-31' }, plusSubsidy: true,
  locations: [{ opgroeienId: '40001', name: 'De Rups <Leuven>', counts: countLocation(children) }, { opgroeienId: '40002', name: 'De Vlinder', counts: countLocation([]) }],
  software: 'Nabij test', ...over,
});

describe('provider yearly registrations (hand-counted)', () => {
  it('counts each child once, and the children of vulnerable families among the priority groups', () => {
    const c = countLocation(children);
    assert.deepEqual([c.total, c.fromPriorityGroups, c.fromVulnerableFamilies], [5, 4, 1]);
    assert.equal(c.priorityDetails.WerkOpleiding, 2);
    assert.equal(c.priorityDetails.Alleenstaanden, 1);
    assert.equal(c.priorityDetails.Pleegkinderen, 1);
    assert.equal(c.priorityDetails.SociaalPedagogisch, 1);
    assert.equal(c.vulnerableDetails.LaagInkomen, 1);
    assert.equal(c.vulnerableDetails.Pleegkinderen, 0);
  });
});

describe('FO-RE-19 and FO-RE-30 as XML', () => {
  it('both files validate against Opgroeien’s schemas with xmllint --schema', () => {
    const r19 = validate(foRe19Xml(file()), 'FO-RE-19.xsd');
    assert.ok(r19.ok, r19.output);
    const r30 = validate(foRe30Xml(file()), 'FO-RE-30.xsd');
    assert.ok(r30.ok, r30.output);
    assert.match(foRe19Xml(file()), /<UitVoorrangsgroepen>4<\/UitVoorrangsgroepen>/);
    assert.match(foRe30Xml(file()), /<UitKwetsbareGezinnen>1<\/UitKwetsbareGezinnen>/);
  });
  it('the validation would catch a broken file (a name over 50 characters is cut, an invented element is not allowed)', () => {
    const long = foRe19Xml(file({ groupName: 'x'.repeat(80) }));
    assert.ok(validate(long, 'FO-RE-19.xsd').ok);
    const broken = foRe19Xml(file()).replace('<FormulierGecontroleerd>', '<Extra/><FormulierGecontroleerd>');
    assert.equal(validate(broken, 'FO-RE-19.xsd').ok, false);
  });
  it('refuses FO-RE-30 without a plus subsidy, and locations without an Opgroeien id, with the names in the message', () => {
    assert.throws(() => foRe30Xml(file({ plusSubsidy: false })), (e: Error & { code?: string }) => e.code === 'report.no_plus_subsidy');
    assert.throws(() => foRe19Xml(file({ locations: [{ opgroeienId: null, name: 'Zonder nummer', counts: countLocation([]) }] })), /Zonder nummer/);
  });
});
