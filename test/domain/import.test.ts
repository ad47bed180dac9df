// The waiting-list import without a database: CSV reading, header mapping, cell values, row checks and the export guard.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { guardCell, toCsv } from '../../src/domain/export/cells.ts';
import { applyOverride, detectMapping, missingFields } from '../../src/domain/import/columns.ts';
import { parseCsv } from '../../src/domain/import/csv.ts';
import { checkImport, type ImportSetting } from '../../src/domain/import/rows.ts';
import { parseActivity, parseCareDays, parseDate, parseDayCell, splitName } from '../../src/domain/import/values.ts';
import { makeInsz } from '../../src/domain/identity/insz.ts';
import { BAD_LINES, HEADER } from '../fixtures/import/generate.ts';

const TODAY = '2026-11-24';

/** The demo desk (Leuven-Herent) and its locations, as the sample files reference them. */
const DEMO: ImportSetting = {
  today: TODAY,
  maxLocations: 5,
  deskMunicipalities: [{ nis: '24062', name: 'Leuven' }, { nis: '24038', name: 'Herent' }],
  municipalities: [{ nis: '24062', name: 'Leuven' }, { nis: '24038', name: 'Herent' }, { nis: '24055', name: 'Kortenberg' }, { nis: '11002', name: 'Antwerpen' }],
  locations: [
    { id: 'l-101', name: 'Zonnetje Centrum', opgroeienId: '1000101' },
    { id: 'l-102', name: 'Zonnetje Kessel-Lo', opgroeienId: '1000102' },
    { id: 'l-103', name: 'Zonnetje Herent', opgroeienId: '1000103' },
    { id: 'l-201', name: 'Stedelijk Kinderdagverblijf Heverlee', opgroeienId: '2000201' },
    { id: 'l-wil', name: 'Stedelijke Kleuteropvang Wilsele', opgroeienId: null },
    { id: 'l-203', name: 'Stedelijk Kinderdagverblijf Wijgmaal', opgroeienId: '2000203' },
    { id: 'l-301', name: 'Onthaalouder Marleen', opgroeienId: '3000301' },
    { id: 'l-rach', name: 'Onthaalouder Rachid', opgroeienId: null },
  ],
};

const csv = (...lines: string[]) => parseCsv(lines.join('\r\n'));
const HEAD = 'Inschrijvingsdatum;Voornaam kind;Familienaam kind;Verwachte geboortedatum;Geboortedatum;Voornaam ouder 1;Familienaam ouder 1;E-mail;Gemeente;Gewenste startdatum;Dagen;Voorkeur 1;Voorkeur 2';

describe('reading CSV', () => {
  it('finds the separator, drops the BOM and keeps the line each record starts on', () => {
    const t = parseCsv('\uFEFFa;b;c\r\n1;"x;y";3\r\n\r\n;;\r\n4;"two\nlines";6\n7;8;9');
    assert.deepEqual(t.headers, ['a', 'b', 'c']);
    assert.deepEqual(t.rows.map((r) => r.line), [2, 5, 7]);
    assert.deepEqual(t.rows[1]?.cells, ['4', 'two\nlines', '6']);
    assert.deepEqual(parseCsv('a,b\n"1,5",2').rows[0]?.cells, ['1,5', '2']);
    assert.deepEqual(parseCsv('a\tb\n1\t2').rows[0]?.cells, ['1', '2']);
  });

  it('reads back whatever the export writes, text cells guarded (property)', () => {
    const text = fc.string({ maxLength: 12 }).filter((s) => !s.startsWith(' '));
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const back = parseCsv(toCsv(['a', 'b', 'c'], rows));
        const expected = rows.filter((r) => r.some((c) => String(guardCell(c) ?? '').trim() !== '')).map((r) => r.map((c) => String(guardCell(c) ?? '')));
        assert.deepEqual(back.rows.map((r) => r.cells), expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('export guard against formula injection', () => {
  it('puts an apostrophe before text a spreadsheet would run, and leaves the rest alone (property)', () => {
    for (const bad of ['=1+1', '+32 470', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")']) assert.equal(guardCell(bad), `'${bad}`);
    assert.equal(guardCell(-2), -2);
    assert.equal(guardCell('Peeters'), 'Peeters');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const g = guardCell(s) as string;
        if (/^[=+\-@\t\r\n]/.test(s)) assert.equal(g, `'${s}`);
        else assert.equal(g, s);
        assert.ok(!/^[=+\-@\t\r\n]/.test(g));
      }),
    );
    assert.match(toCsv(['naam'], [['=cmd|" /C calc"!A0']]), /\r\n"'=cmd\|"" \/C calc""!A0"\r\n$/);
  });
});

describe('cell values', () => {
  it('reads Dutch and ISO dates and refuses dates that do not exist', () => {
    assert.equal(parseDate('31/01/2027'), '2027-01-31');
    assert.equal(parseDate('1-2-2027'), '2027-02-01');
    assert.equal(parseDate('01.02.2027'), '2027-02-01');
    assert.equal(parseDate('2027-02-01'), '2027-02-01');
    assert.equal(parseDate('46418'), '2027-01-31');
    assert.equal(parseDate(''), null);
    for (const bad of ['31/02/2027', '01/02/27', 'morgen', '2027-13-01']) assert.equal(parseDate(bad), 'invalid', bad);
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        assert.equal(parseDate(`${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`), iso);
        assert.equal(parseDate(iso), iso);
      }),
    );
  });

  it('reads days and half days in the ways desks write them', () => {
    const days = (s: string) => parseCareDays(s)?.map((d) => `${d.weekday}${d.part[0]}`).join(' ');
    assert.equal(days('ma,di,do'), '1f 2f 4f');
    assert.equal(days('ma-vm, wo-nm'), '1m 3a');
    assert.equal(days('maandag en dinsdag'), '1f 2f');
    assert.equal(days('ma-vr'), '1f 2f 3f 4f 5f');
    assert.equal(days('voltijds'), '1f 2f 3f 4f 5f');
    assert.equal(days('1, 2, 4'), '1f 2f 4f');
    assert.equal(days('mon, tue pm'), '1f 2a');
    assert.equal(days(''), '');
    assert.equal(parseCareDays('maandagochtend misschien'), null);
    assert.equal(parseDayCell('x'), 'full');
    assert.equal(parseDayCell('VM'), 'morning');
    assert.equal(parseDayCell(''), null);
    assert.equal(parseDayCell('soms'), 'invalid');
  });

  it('reads work situations as activity and fraction', () => {
    assert.deepEqual(parseActivity('4/5'), [{ kind: 'employed', fraction: 0.8 }]);
    assert.deepEqual(parseActivity('80%'), [{ kind: 'employed', fraction: 0.8 }]);
    assert.deepEqual(parseActivity('halftijds'), [{ kind: 'employed', fraction: 0.5 }]);
    assert.deepEqual(parseActivity('VDAB-opleiding'), [{ kind: 'training_intensive', fraction: 1 }]);
    assert.deepEqual(parseActivity('werkzoekend'), [{ kind: 'job_seeking', fraction: 1 }]);
    assert.deepEqual(parseActivity(''), []);
    assert.equal(parseActivity('soms wat'), null);
    assert.deepEqual(splitName('Peeters, Sarah'), { givenName: 'Sarah', familyName: 'Peeters' });
    assert.deepEqual(splitName('Sarah Van den Broeck'), { givenName: 'Sarah', familyName: 'Van den Broeck' });
  });
});

describe('column mapping', () => {
  it('recognises Dutch and English header names, and the sample file entirely', () => {
    const m = detectMapping(['Naam kind', 'Date of birth', 'Due date', 'E-mailadres', 'GSM', 'Gewenste start', 'Opvangdagen', 'Voorkeur 1', 'Keuze 2', 'Registration date', 'Iets anders']);
    assert.deepEqual(m, ['child.name', 'child.birthDate', 'child.dueDate', 'parent1.email', 'parent1.phone', 'desiredStartDate', 'careDays', 'location.1', 'location.2', 'registeredOn', null]);
    const sample = detectMapping(HEADER);
    assert.equal(sample.filter((f) => f === null).length, 0, `unmapped: ${HEADER.filter((_, i) => sample[i] === null)}`);
  });

  it('takes an explicit mapping over the detected one and says what is missing', () => {
    const headers = ['Kindje', 'Wanneer', 'Ouder', 'Start', 'Dagen', 'Waar'];
    assert.deepEqual(missingFields(detectMapping(headers)).map((p) => p.field), ['mapping.child.birthDate', 'mapping.locations']);
    const { mapping, problems } = applyOverride(headers, detectMapping(headers), { 'child.name': 'kindje', 'child.bornOrDue': '2', locations: 'Waar', 'parent1.name': 'Ouder', nonsense: 'x', desiredStartDate: 'Nergens' });
    assert.deepEqual(problems.map((p) => p.code), ['mapping.unknown_field', 'mapping.unknown_column']);
    assert.deepEqual(mapping, ['child.name', 'child.bornOrDue', 'parent1.name', 'desiredStartDate', 'careDays', 'locations']);
    assert.deepEqual(missingFields(mapping), []);
  });
});

describe('checking rows', () => {
  const check = (...rows: string[]) => {
    const t = csv(HEAD, ...rows);
    return checkImport(t, detectMapping(t.headers), DEMO);
  };

  it('turns a good row into a registration with the original registration date and ranked locations', () => {
    const r = check('01/03/2026;Lina;Peeters;15/03/2027;;Sarah;Peeters;sarah@x.example;Leuven;01/09/2027;ma-vm, di, do;1000101;Onthaalouder Rachid');
    assert.deepEqual(r.problems, []);
    const reg = r.rows[0]?.registration;
    assert.equal(reg?.registeredOn, '2026-03-01');
    assert.deepEqual(reg?.locationIds, ['l-101', 'l-rach']);
    assert.deepEqual(reg?.careDays, [{ weekday: 1, part: 'morning' }, { weekday: 2, part: 'full' }, { weekday: 4, part: 'full' }]);
    assert.equal(reg?.residence.municipalityNis, '24062');
  });

  it('reports every problem of every row with its line and column, in Dutch and English', () => {
    const r = check(
      '01/03/2026;Lina;Peeters;15/03/2027;;Sarah;Peeters;sarah@x.example;Leuven;01/09/2027;ma,di;1000101;',
      '01/03/2026;Noor;Maes;;;Els;Maes;els@x.example;Kortenberg;01/09/2027;;Nergenshuis;',
      '01/03/2026;Adam;Claes;30/02/2027;;Tom;Claes;tom@x.example;Herent;01/02/2027;ma;1000103;',
    );
    assert.deepEqual(r.problemLines, [3, 4]);
    const codes = (line: number) => r.problems.filter((p) => p.line === line).map((p) => p.code).sort();
    assert.deepEqual(codes(3), ['care_days.required', 'child.date_required', 'location.unknown', 'residence.other_desk']);
    assert.deepEqual(codes(4), ['date.invalid']);
    const p = r.problems.find((x) => x.code === 'location.unknown');
    assert.equal(p?.column, 'Voorkeur 1');
    assert.match(p?.nl ?? '', /Nergenshuis/);
    assert.match(p?.en ?? '', /unknown/);
    assert.equal(r.rows.length, 1);
  });

  it('numbers twins of the same parent and due date, and refuses the same child twice', () => {
    const twin = (name: string) => `01/03/2026;${name};Peeters;15/03/2027;;Sarah;Peeters;sarah@x.example;Leuven;01/09/2027;ma;1000101;`;
    const r = check(twin('Lina'), twin('Mila'), twin('Lina'));
    assert.deepEqual(r.rows.map((x) => x.registration.child.birthOrder), [undefined, 2]);
    assert.deepEqual(r.problems.map((p) => [p.line, p.code]), [[4, 'row.duplicate']]);
  });

  it('validates national numbers with their check digits', () => {
    const t = csv(`${HEAD};Rijksregisternummer kind`, `01/03/2026;Lina;Peeters;;01/02/2026;Sarah;Peeters;s@x.example;Leuven;01/09/2026;ma;1000101;;${makeInsz('2026-02-01', 3)}`, `01/03/2026;Mila;Peeters;;01/02/2026;Sarah;Peeters;t@x.example;Leuven;01/09/2026;ma;1000101;;26020100399`);
    const r = checkImport(t, detectMapping(t.headers), DEMO);
    assert.deepEqual(r.problems.map((p) => [p.line, p.code]), [[3, 'insz.checksum']]);
  });

  it('finds exactly the 50 bad rows of the sample file, and none in the fixed file', () => {
    const read = (name: string) => parseCsv(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8'));
    const bad = read('wachtlijst-5000-fouten.csv');
    const r = checkImport(bad, detectMapping(bad.headers), DEMO);
    assert.deepEqual(r.problemLines, BAD_LINES);
    assert.equal(r.rows.length, 4950);
    const good = read('wachtlijst-5000.csv');
    const g = checkImport(good, detectMapping(good.headers), DEMO);
    assert.deepEqual(g.problems, []);
    assert.equal(g.rows.length, 5000);
    assert.equal(new Set(g.rows.map((x) => x.fingerprint)).size, 5000);
  });
});
