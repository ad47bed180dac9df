// `npx node bench/check.ts [suite …]`: compares bench/results/*.json with each figure's target; exit 1 when one is missed.
// Run it after `npm run bench` (or one suite of it) before a commit: a figure that falls behind its target shows here
// the day it happens, as the candidate list's fifty-fold slowdown should have.
import { readdirSync, readFileSync } from 'node:fs';
import { commit, meets, type Figure } from './lib.ts';

interface Result {
  suite: string;
  at: string;
  commit: string;
  figures: Figure[];
  error?: string;
}

const dir = 'bench/results';
const only = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && (only.length === 0 || only.includes(f.replace(/\.json$/, ''))));
const head = commit();
const missed: string[] = [];
const rows: string[][] = [];
for (const file of files.sort()) {
  const r = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as Result;
  const when = `${r.at.slice(0, 16).replace('T', ' ')}, ${r.commit}${r.commit === head ? '' : ` (HEAD is ${head})`}`;
  if (r.error) {
    missed.push(`${r.suite}: did not run (${r.error})`);
    rows.push([r.suite, 'did not run', '', '', 'FAILED', when]);
    continue;
  }
  for (const f of r.figures) {
    if (!f.target) continue;
    // A target in words only cannot be checked, so it cannot pass either.
    if (!f.limit) {
      missed.push(`${r.suite}: '${f.name}' has a target without a limit`);
      rows.push([r.suite, f.name, '', f.target, 'NO LIMIT', when]);
      continue;
    }
    const ok = meets(f);
    const shown = f.limit.of === 'ratio' ? `${f.ratio?.toFixed(2)}×` : `${Number(f.value.toFixed(2))} ${f.unit}`;
    const verdict = ok ? 'met' : f.limit.goal ? 'goal missed' : 'MISSED';
    if (!ok && !f.limit.goal) missed.push(`${r.suite}: '${f.name}' is ${shown}, target ${f.target}`);
    rows.push([r.suite, f.name, shown, `${f.limit.goal ? 'goal ' : ''}${f.target}`, verdict, when]);
  }
}

const header = ['suite', 'figure', 'value', 'target', 'verdict', 'measured'];
const widths = header.map((h, i) => Math.min(70, Math.max(h.length, ...rows.map((r) => (r[i] as string).length))));
const line = (r: string[]) => r.map((c, i) => c.slice(0, widths[i]).padEnd(widths[i] as number)).join(' | ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line(r));
if (files.length === 0) {
  console.error(`no results in ${dir}: run npm run bench first`);
  process.exit(1);
}
if (missed.length) {
  console.error(`\n${missed.length} target(s) missed:\n- ${missed.join('\n- ')}`);
  process.exit(1);
}
console.log(`\nall ${rows.length} targets met`);
