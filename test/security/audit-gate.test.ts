// The CI dependency-audit gate: serious advisories fail unless documented on the allowlist, and entries expire.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judge, type AuditReport } from '../../.ci/audit.ts';

const report: AuditReport = {
  vulnerabilities: {
    a: { name: 'a', severity: 'high', via: [{ source: 1, name: 'a', title: 'Prototype pollution', url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', severity: 'high' }] },
    b: { name: 'b', severity: 'moderate', via: [{ source: 2, name: 'b', title: 'ReDoS', url: 'https://github.com/advisories/GHSA-dddd-eeee-ffff', severity: 'moderate' }] },
    c: { name: 'c', severity: 'high', via: ['a'] },
  },
};

describe('dependency audit gate', () => {
  it('fails on a high advisory that is not on the allowlist, ignores moderate ones and transitive mentions', () => {
    assert.deepEqual(judge(report, [], '2026-11-24').failures, ['high advisory GHSA-aaaa-bbbb-cccc in a: Prototype pollution']);
  });
  it('passes a documented exception until its date, then fails again', () => {
    const allow = [{ id: 'GHSA-aaaa-bbbb-cccc', package: 'a', reason: 'only reached by a dev tool', expires: '2027-01-31' }];
    assert.deepEqual(judge(report, allow, '2026-11-24'), { failures: [], allowed: ['GHSA-aaaa-bbbb-cccc in a (allowed: only reached by a dev tool)'] });
    assert.equal(judge(report, allow, '2027-02-01').failures.length, 2);
  });
});
