// The nabij command as an operator uses it: migrate, seed and serve on an embedded database folder.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'nabij-cli-'));
const env = { ...process.env, NABIJ_DATA_DIR: dir, DATABASE_URL: '' };
const nabij = (...args: string[]) => spawnSync(process.execPath, ['bin/nabij.js', ...args], { env, encoding: 'utf8', timeout: 120_000 });

describe('nabij CLI', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its usage and fails on an unknown command', () => {
    const r = nabij('frobnicate');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Unknown command 'frobnicate'/);
    assert.match(r.stderr, /migrate/);
  });

  it('combines keyed exports of two installations without a database, and says why when it cannot', () => {
    const row = (k: string) => ({ k: k.repeat(32), m: '24062', o: 'unanswered', u: false, v: false });
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, JSON.stringify({ format: 'nabij.keyed-aggregates/1', installation: 'a', year: 2026, keyAlgorithm: 'HMAC-SHA256/128', rows: [row('1'), row('2')] }));
    writeFileSync(b, JSON.stringify({ format: 'nabij.keyed-aggregates/1', installation: 'b', year: 2026, keyAlgorithm: 'HMAC-SHA256/128', rows: [row('1')] }));
    const r = nabij('combine-figures', a, b);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual([out.rawSum.registered, out.unique.registered, out.sharedChildren], [3, 2, 1]);
    writeFileSync(b, JSON.stringify({ format: 'nabij.keyed-aggregates/1', installation: 'b', year: 2025, keyAlgorithm: 'HMAC-SHA256/128', rows: [] }));
    const bad = nabij('combine-figures', a, b);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /different years/);
  });

  it('migrates, then says the database is up to date', () => {
    assert.match(nabij('migrate').stdout, /Migrated PGlite .*0001_foundation/);
    assert.match(nabij('migrate').stdout, /is up to date/);
  });

  it('seeds a demo once and refuses to seed over existing data', () => {
    const first = nabij('seed', '--families', '12');
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /Demo loaded .*: 1\d requests/);
    assert.match(nabij('seed').stdout, /already holds data/);
  });

  it('checks and imports a waiting list into the demo desk, refusing a file with a bad row', () => {
    // Dates relative to the real today: the CLI runs on the real clock.
    const day = (offset: number) => {
      const d = new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      return `${d.slice(8)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
    };
    const header = 'Inschrijvingsdatum;Voornaam kind;Familienaam kind;Verwachte geboortedatum;Voornaam ouder;Familienaam ouder;E-mail;Gemeente;Gewenste startdatum;Dagen;Voorkeur 1';
    const row = (i: number, place = 'Zonnetje Centrum') => `${day(-30 - i)};Kind${i};Cli;${day(100 + i)};Ouder;Cli;cli.${i}@wachtlijst.example;Leuven;${day(250)};ma,di;${place}`;
    const good = join(dir, 'lijst.csv');
    const bad = join(dir, 'lijst-fout.csv');
    writeFileSync(good, [header, row(1), row(2), row(3)].join('\r\n'));
    writeFileSync(bad, [header, row(1), row(2, 'Nergenshuis'), row(3)].join('\r\n'));
    const desk = ['--desk', 'Lokaal Loket Kinderopvang Leuven-Herent'];
    const check = nabij('import', bad, ...desk, '--dry-run');
    assert.equal(check.status, 2, check.stderr);
    assert.match(check.stdout, /rij\/line 3 \[Voorkeur 1\]: De opvanglocatie 'Nergenshuis' kennen we niet/);
    const refused = nabij('import', bad, ...desk);
    assert.equal(refused.status, 2);
    assert.match(refused.stdout, /Nothing imported: 1 row/);
    const done = nabij('import', good, ...desk);
    assert.equal(done.status, 0, done.stderr);
    assert.match(done.stdout, /3 new request\(s\)/);
    assert.match(nabij('import', good, ...desk).stdout, /0 new request\(s\), 3 imported before/);
    assert.equal(nabij('import', good, '--desk', 'Geen loket').status, 1);
  });

  it('asks for an SMTP server before sending mail', () => {
    const r = nabij('send-mail');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Set SMTP_HOST/);
  });

  it('lets overdue offers lapse from the command line', () => {
    const r = nabij('expire-offers');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\d+ offer\(s\) lapsed\.$/m);
  });

  it('queues referral reminders from the command line', () => {
    const r = nabij('remind-referrals');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\d+ referral reminder\(s\) queued\.$/m);
  });

  it('generates an instance and matches it, quietly when piped, with a clean verifier report', () => {
    const file = join(dir, 'instance.json');
    const gen = nabij('generate-instance', '--requests', '300', '--locations', '12', '--seed', '3', '--out', file);
    assert.equal(gen.status, 0, gen.stderr);
    assert.equal(gen.stderr.includes('['), false, 'no progress bar when not on a terminal');
    const run = nabij('match', '--in', file, '--seed', '3');
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.verifier.capacityViolations.length, 0);
    assert.ok(result.proposals.some((p: { location: string | null }) => p.location !== null));
    assert.match(run.stderr, /requests placed; (verifier clean|\d+ requests have justified envy, [\d.]+ seat-days wasted)/);
    assert.equal(nabij('match', '--in', file, '--seed', '3').stdout, run.stdout, 'same seed, same result');
    const optimal = nabij('match', '--in', file, '--mode', 'optimal', '--time-limit', '60');
    assert.equal(optimal.status, 0, optimal.stderr);
    const o = JSON.parse(optimal.stdout);
    assert.ok(o.optimal.placedChildren >= o.optimal.daPlacedChildren);
    assert.equal(nabij('match', '--in', file, '--mode', 'best').status, 1);
    const bad = nabij('match', '--in', join(dir, 'missing.json'));
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /not readable JSON/);
  });

  it('serves the API on the seeded database', async () => {
    const child = spawn(process.execPath, ['bin/nabij.js', 'serve'], { env: { ...env, PORT: '0', LOG_LEVEL: 'warn' } });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /runs on (http:\/\/\S+)/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`server stopped (${code}): ${out}`)));
      });
      const desks = await (await fetch(`${base}/api/v1/desks`)).json();
      assert.equal(desks[0].name, 'Lokaal Loket Kinderopvang Leuven-Herent');
      const requests = await (await fetch(`${base}/api/v1/requests`, { headers: { authorization: 'Bearer demo-desk-worker' } })).json();
      assert.ok(requests.total >= 12);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
