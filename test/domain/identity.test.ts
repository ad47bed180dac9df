// Property tests for national numbers (INSZ, BIS) and KBO enterprise numbers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatInsz, makeInsz, maskInsz, parseInsz } from '../../src/domain/identity/insz.ts';
import { formatKbo, isValidKbo, makeKbo, normaliseKbo } from '../../src/domain/identity/kbo.ts';

const TODAY = '2026-11-24';

/** Any real birth date between 1930 and today. */
const birthDate = fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const childBirthDate = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const sequence = fc.integer({ min: 1, max: 998 });
const bis = fc.constantFrom('none', 'sex-known', 'sex-unknown') as fc.Arbitrary<'none' | 'sex-known' | 'sex-unknown'>;

function singleDigitChanges(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) !== value[i]) out.push(value.slice(0, i) + d + value.slice(i + 1));
    }
  }
  return out;
}

describe('INSZ and BIS numbers', () => {
  it('accepts every number built by the check formula, with its birth date and sex', () => {
    fc.assert(
      fc.property(birthDate, sequence, bis, (date, seq, kind) => {
        const r = parseInsz(makeInsz(date, seq, kind), { today: TODAY });
        assert.ok(r.ok, `${makeInsz(date, seq, kind)} should be valid`);
        assert.equal(r.insz.birthDate, date);
        assert.equal(r.insz.kind, kind === 'none' ? 'rijksregister' : 'bis');
        assert.equal(r.insz.sex, kind === 'sex-unknown' ? null : seq % 2 === 1 ? 'M' : 'F');
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects every single-digit change of a young child’s number', () => {
    fc.assert(
      fc.property(childBirthDate, sequence, bis, (date, seq, kind) => {
        const valid = makeInsz(date, seq, kind);
        for (const changed of singleDigitChanges(valid)) {
          assert.equal(parseInsz(changed, { today: TODAY, birthYearFrom: 2014 }).ok, false, `${valid} → ${changed} must be refused`);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('rejects every single-digit change of any number, except the one century shift the formula cannot see', () => {
    // 2·10⁹ − 6·10⁷ ≡ 0 (mod 97): raising the second year digit of a 20xx number by 6 gives a valid 19xx number.
    fc.assert(
      fc.property(birthDate, sequence, (date, seq) => {
        const valid = makeInsz(date, seq);
        for (const changed of singleDigitChanges(valid)) {
          const r = parseInsz(changed, { today: TODAY });
          if (!r.ok) continue;
          const centuryShift = date >= '2000' && changed[1] === String(Number(valid[1]) + 6) && changed.slice(0, 1) === valid.slice(0, 1) && changed.slice(2) === valid.slice(2);
          assert.ok(centuryShift, `${valid} → ${changed} accepted as ${r.insz.birthYear}`);
          assert.equal(r.insz.birthYear, 1900 + Number(changed.slice(0, 2)));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('computes check digits on 2YYMMDDSSS for births from 2000 on', () => {
    // 25.02.03-101: base 250203101; 2250203101 mod 97 = 11, so the check is 97 - 11 = 86
    assert.equal(makeInsz('2025-02-03', 101), '25020310186');
    const r = parseInsz('25.02.03-101.86', { today: TODAY });
    assert.ok(r.ok);
    assert.equal(r.insz.birthDate, '2025-02-03');
    assert.equal(r.insz.birthYear, 2025);
  });

  it('knows an unknown month or day (00) and still checks the digits', () => {
    const base = '850000123';
    const cc = String(97 - (Number(base) % 97)).padStart(2, '0');
    const r = parseInsz(base + cc, { today: TODAY });
    assert.ok(r.ok);
    assert.equal(r.insz.birthDate, null);
    assert.equal(r.insz.birthYear, 1985);
  });

  it('refuses birth dates in the future and impossible dates', () => {
    assert.deepEqual(parseInsz(makeInsz('2026-12-01', 11), { today: TODAY }), { ok: false, problem: 'future' });
    const base = '250230101'; // 30 February
    const cc = String(97 - ((2_000_000_000 + Number(base)) % 97)).padStart(2, '0');
    assert.deepEqual(parseInsz(base + cc, { today: TODAY }), { ok: false, problem: 'date' });
    assert.deepEqual(parseInsz('1234', { today: TODAY }), { ok: false, problem: 'format' });
  });

  it('formats and masks: the number is never shown in full', () => {
    assert.equal(formatInsz('25020310186'), '25.02.03-101.86');
    assert.equal(maskInsz('25020310186'), '25.02.03-***.**');
  });
});

describe('KBO enterprise numbers', () => {
  const first8 = fc.integer({ min: 2_000_000, max: 19_999_999 });

  it('accepts every number built by the check formula, written in any usual way', () => {
    fc.assert(
      fc.property(first8, (n) => {
        const kbo = makeKbo(n);
        assert.ok(isValidKbo(kbo));
        assert.ok(isValidKbo(formatKbo(kbo)));
        assert.ok(isValidKbo(`BE ${formatKbo(kbo)}`));
        assert.equal(normaliseKbo(formatKbo(kbo)), kbo);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects every single-digit change', () => {
    fc.assert(
      fc.property(first8, (n) => {
        const kbo = makeKbo(n);
        for (const changed of singleDigitChanges(kbo)) assert.equal(isValidKbo(changed), false, `${kbo} → ${changed}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts old 9-digit numbers by adding the leading zero', () => {
    const kbo = makeKbo(4_100_301);
    assert.ok(isValidKbo(kbo.slice(1)));
  });
});
