// One DA run on a compact instance in its own process, so peak memory belongs to that run alone; writes the assignment.
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeCompact } from '../src/domain/matching/compact.ts';
import { deferredAcceptance } from '../src/domain/matching/deferred-acceptance.ts';

const [file, seed, out] = process.argv.slice(2) as [string, string, string];
const { compiled } = decodeCompact(readFileSync(file));
const t0 = performance.now();
const m = deferredAcceptance(compiled.instance, Number(seed));
const ms = performance.now() - t0;
writeFileSync(out, new Uint8Array(m.assignment.buffer, m.assignment.byteOffset, m.assignment.byteLength));
process.stdout.write(JSON.stringify({ ms, proposals: m.proposals, refills: m.refills, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
