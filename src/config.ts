// Settings from the environment: the only place the process reads them.
import { isCalendarDate } from './domain/dates.ts';
export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  logLevel: string;
  /** Folder with a desk's local rule-set variants (JSON); none by default. */
  rulesDir: string | undefined;
  /** NABIJ_KINDERGARTEN_ENTRY_DATES: comma-separated kindergarten entry dates (instapdata), YYYY-MM-DD. */
  kindergartenEntryDates: string[];
  /** SMTP_HOST, SMTP_PORT, SMTP_FROM, SMTP_USER, SMTP_PASSWORD, SMTP_SECURE: where family mail goes; none by default. */
  smtp: { host: string; port: number; from: string; user?: string; password?: string; secure: boolean } | null;
  /** NABIJ_PSEUDONYM_SECRET: keys children in cross-desk aggregates; installations that combine figures share it. */
  pseudonymSecret: string | undefined;
  /** NABIJ_INSTALLATION: this installation's name in keyed exports (e.g. the city or region). */
  installation: string;
  /** NABIJ_PUBLIC_URL: the address families use, for links in mail and the login return address; https turns on secure cookies. */
  publicUrl: string | undefined;
  /** NABIJ_OIDC_ISSUER, NABIJ_OIDC_CLIENT_ID, NABIJ_OIDC_CLIENT_SECRET, NABIJ_OIDC_SCOPE: the government login; none by default. */
  oidc: OidcSettings | null;
  /** NABIJ_RETENTION_YEARS: years after a family's last request closed before it is anonymised; default 2. */
  retentionYears: number;
  /** NABIJ_TRUST_PROXY: which proxies may tell the client address (X-Forwarded-For); off by default. See docs/security.md. */
  trustProxy: boolean | number | string;
  /** NABIJ_WEBHOOKS_ALLOW_LOCAL=true, for tests and local development only: webhooks to http and loopback receivers. */
  webhookAllowLocal: boolean;
  /** NABIJ_IMPORT_MAX_MB: the largest waiting-list upload in MB (1–20); default 10. */
  importMaxBytes: number;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string;
}

function parseDates(value: string | undefined): string[] {
  if (!value?.trim()) return [];
  const dates = value.split(',').map((d) => d.trim());
  const bad = dates.filter((d) => !isCalendarDate(d));
  if (bad.length) throw new Error(`NABIJ_KINDERGARTEN_ENTRY_DATES: not a date: ${bad.join(', ')}`);
  return dates.sort();
}

/** 'true' trusts any proxy, a number that many hops, anything else is a comma-separated list of addresses or subnets. */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  const v = value?.trim() ?? '';
  if (!v || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const retentionYears = Number(env.NABIJ_RETENTION_YEARS ?? 2);
  if (!Number.isInteger(retentionYears) || retentionYears < 1 || retentionYears > 30) throw new Error(`NABIJ_RETENTION_YEARS must be a whole number of years (1–30), got '${env.NABIJ_RETENTION_YEARS}'`);
  const importMb = Number(env.NABIJ_IMPORT_MAX_MB ?? 10);
  if (!Number.isFinite(importMb) || importMb < 1 || importMb > 20) throw new Error(`NABIJ_IMPORT_MAX_MB must be a size in MB (1–20), got '${env.NABIJ_IMPORT_MAX_MB}'`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got '${env.PORT}'`);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.NABIJ_DATA_DIR ?? './data',
    port,
    host: env.HOST ?? '127.0.0.1',
    logLevel: env.LOG_LEVEL ?? 'info',
    rulesDir: env.NABIJ_RULES_DIR || undefined,
    kindergartenEntryDates: parseDates(env.NABIJ_KINDERGARTEN_ENTRY_DATES),
    smtp: env.SMTP_HOST
      ? { host: env.SMTP_HOST, port: Number(env.SMTP_PORT ?? 587), from: env.SMTP_FROM ?? 'Nabij <no-reply@localhost>', user: env.SMTP_USER || undefined, password: env.SMTP_PASSWORD || undefined, secure: env.SMTP_SECURE === 'true' }
      : null,
    pseudonymSecret: env.NABIJ_PSEUDONYM_SECRET || undefined,
    installation: env.NABIJ_INSTALLATION || 'nabij',
    retentionYears,
    trustProxy: parseTrustProxy(env.NABIJ_TRUST_PROXY),
    webhookAllowLocal: env.NABIJ_WEBHOOKS_ALLOW_LOCAL === 'true',
    importMaxBytes: Math.round(importMb * 1_048_576),
    publicUrl: env.NABIJ_PUBLIC_URL?.replace(/\/$/, '') || undefined,
    oidc:
      env.NABIJ_OIDC_ISSUER && env.NABIJ_OIDC_CLIENT_ID && env.NABIJ_OIDC_CLIENT_SECRET
        ? { issuer: env.NABIJ_OIDC_ISSUER, clientId: env.NABIJ_OIDC_CLIENT_ID, clientSecret: env.NABIJ_OIDC_CLIENT_SECRET, scope: env.NABIJ_OIDC_SCOPE || 'openid profile rrn' }
        : null,
  };
}
