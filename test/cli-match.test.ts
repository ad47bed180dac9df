// `nabij match` at scale and its exit codes: 130k requests through the JSON path (it crashed there on argument
// spreading), the compact format, envy and waste named in the summary, and hard violations or bad input refused.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'nabij-match-'));
const nabij = (...args: string[]) => spawnSync(process.execPath, ['bin/nabij.js', ...args], { env: { ...process.env, DATABASE_URL: '' }, encoding: 'utf8', timeout: 300_000, maxBuffer: 1 << 26 });

describe('nabij match', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('matches 130,000 requests from JSON and from the compact format, with the same placements', () => {
    const json = join(dir, 'big.json');
    const nbm = join(dir, 'big.nbm');
    assert.equal(nabij('generate-instance', '--requests', '130000', '--locations', '1300', '--seed', '5', '--out', json).status, 0);
    assert.equal(nabij('generate-instance', '--requests', '130000', '--locations', '1300', '--seed', '5', '--out', nbm).status, 0);
    const fromJson = nabij('match', '--in', json, '--seed', '5', '--out', join(dir, 'big-result.json'));
    assert.equal(fromJson.status, 0, fromJson.stderr);
    assert.match(fromJson.stderr, /of 13\d,\d*|of 13\d\d\d\d requests placed; /);
    const fromCompact = nabij('match', '--in', nbm, '--seed', '5', '--out', join(dir, 'big.tsv'));
    assert.equal(fromCompact.status, 0, fromCompact.stderr);
    // The same engine on the same instance: the same summary line.
    assert.equal(fromCompact.stderr, fromJson.stderr);
    const lines = readFileSync(join(dir, 'big.tsv'), 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'request\tlocation\twish\treasons');
    assert.ok(lines.length > 130_000);
    assert.match(lines.find((l) => l.split('\t')[1] === '')!, /^R\d+(-\d)?\t\t\t(L\d+:(taken_by_higher|taken_by_draw|no_seat_free|too_few_seats):\d:(day|morning|afternoon)(:\d+:\d+)?\|?)+$/);
    const verifier = JSON.parse(readFileSync(join(dir, 'big.tsv.verifier.json'), 'utf8'));
    assert.equal(verifier.verifier.waste.count, 0);
    assert.ok(statSync(join(dir, 'big-result.json')).size > 1000);
  });

  it('reports envy or waste in the summary and still exits 0; bad input exits 1 and names the path', () => {
    // Exit 2 (a hard violation) needs a wrong engine: the verifier's own tests cover that case.
    const envy = join(dir, 'envy.json');
    writeFileSync(envy, JSON.stringify({
      locations: [{ id: 'A', capacity: [1, 1, 0, 0, 0] }],
      requests: [
        { id: 'X', days: [0, 1, 0, 0, 0], preferences: [{ location: 'A', priority: 2 }] },
        { id: 'Y', days: [1, 1, 0, 0, 0], preferences: [{ location: 'A', priority: 1 }] },
        { id: 'R', days: [1, 0, 0, 0, 0], preferences: [{ location: 'A', priority: 3 }] },
      ],
    }));
    const r = nabij('match', '--in', envy);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /(verifier clean|\d+ requests have justified envy, [\d.]+ seat-days wasted)/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ locations: [{ id: 'A', capacity: [1, 1, 1, 1, 1] }], requests: [{ id: 'r', days: [1, 0, 0, 0, 0], preferences: [{ location: 'A', priority: 'x' }] }, { id: 'r', days: [1, 0, 0, 0, 0], preferences: [] }] }));
    const refused = nabij('match', '--in', bad);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /requests\[0\]\.preferences\[0\]\.priority: must be a number; requests\[1\]\.id: 'r' appears twice/);
  });
});
