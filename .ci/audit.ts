// Dependency audit gate for CI: `npm audit` must find no high or critical advisory beyond the documented allowlist.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** One documented exception (see docs/security.md): the advisory, the package, why it is acceptable, until when. */
export interface AllowedAdvisory {
  id: string;
  package: string;
  reason: string;
  expires: string;
}

interface Via {
  source?: number;
  name?: string;
  title?: string;
  url?: string;
  severity?: string;
}

export interface AuditReport {
  vulnerabilities?: Record<string, { name: string; severity: string; via: Array<Via | string> }>;
  error?: { code?: string; summary?: string };
  /** Set instead of the report when the audit service refused the request. */
  message?: string;
}

const SERIOUS = new Set(['high', 'critical']);

/** The advisory id npm reports: the GHSA id at the end of its address, else the numeric source. */
function advisoryId(v: Via): string {
  return v.url?.split('/').pop() ?? String(v.source ?? v.title ?? 'unknown');
}

/** Pure decision: the serious advisories not on the allowlist, plus allowlist entries past their date. */
export function judge(report: AuditReport, allowlist: AllowedAdvisory[], today: string): { failures: string[]; allowed: string[] } {
  const failures: string[] = [];
  const allowed: string[] = [];
  const valid = new Map(allowlist.filter((a) => a.expires >= today).map((a) => [a.id, a]));
  for (const a of allowlist) if (a.expires < today) failures.push(`allowlist entry ${a.id} (${a.package}) expired on ${a.expires}: review it`);
  for (const vuln of Object.values(report.vulnerabilities ?? {})) {
    for (const via of vuln.via) {
      if (typeof via === 'string' || !SERIOUS.has(via.severity ?? '')) continue;
      const id = advisoryId(via);
      if (valid.has(id)) allowed.push(`${id} in ${via.name ?? vuln.name} (allowed: ${valid.get(id)!.reason})`);
      else failures.push(`${via.severity} advisory ${id} in ${via.name ?? vuln.name}: ${via.title ?? ''}`);
    }
  }
  return { failures: [...new Set(failures)], allowed: [...new Set(allowed)] };
}

if (import.meta.main) {
  const allowlist = JSON.parse(readFileSync(new URL('./audit-allowlist.json', import.meta.url), 'utf8')) as AllowedAdvisory[];
  let out: string;
  try {
    out = execFileSync('npm', ['audit', '--json', '--audit-level=high'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (err) {
    // npm audit exits non-zero when it finds something; the JSON is still on stdout.
    out = String((err as { stdout?: string }).stdout ?? '');
  }
  let report: AuditReport;
  try {
    report = JSON.parse(out) as AuditReport;
  } catch {
    report = { error: { summary: out.slice(0, 200) || 'no output' } };
  }
  if (!report.vulnerabilities) {
    // The registry's audit service is unreachable from this machine: say so loudly; fail only where it is required.
    console.log(`ci: npm audit could not run: ${report.message ?? `${report.error?.code ?? ''} ${report.error?.summary ?? ''}`}`.trim());
    process.exit(process.env.NABIJ_AUDIT_REQUIRED === '1' ? 1 : 0);
  }
  const { failures, allowed } = judge(report, allowlist, new Date().toISOString().slice(0, 10));
  for (const a of allowed) console.log(`ci: audit exception ${a}`);
  for (const f of failures) console.log(`ci: audit FAIL ${f}`);
  console.log(`ci: npm audit: ${failures.length ? 'failed' : 'no high or critical advisory outside the allowlist'}`);
  process.exit(failures.length ? 1 : 0);
}
