// The `nabij` command: migrate, seed and serve (later issues add more commands here).
import { loggerOptions } from '../http/logging.ts';
import { parseArgs } from 'node:util';
import type { AppContext } from '../app/context.ts';
import { loadConfig } from '../config.ts';
import { connect } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { setStaffPassword } from '../app/accounts.ts';
import { DEMO_PARENT, DEMO_STAFF_PASSWORD, DEMO_TOKENS, isSeeded, seedDemo } from '../demo/seed.ts';
import { buildServer } from '../http/server.ts';
import { loadRuleSets, readRuleSetFile } from '../app/rule-set-files.ts';
import { generateCommand, matchCommand } from './matching.ts';
import { expireOffers } from '../app/offers.ts';
import { deliverAccountMail, deliverMail, deliverProviderNotices, type SendMail } from '../jobs/outbox-mail.ts';
import { governmentLogin } from '../web/oidc.ts';
import { smtpSender } from '../jobs/smtp.ts';
import { startScheduler } from '../jobs/scheduler.ts';
import { readFileSync } from 'node:fs';
import { combineKeyed, type KeyedExport } from '../domain/reporting/pseudonym.ts';
import { deliverWebhooks } from '../jobs/webhooks.ts';
import { remindReferrals } from '../app/family-support/referrals.ts';
import { deliverReferralNotices } from '../jobs/referral-mail.ts';
import { importCommand } from './import.ts';

const USAGE = `Gebruik / usage: nabij <command> [options]

  migrate            bring the database schema up to date
  seed [--families N] load the demo installation (only into an empty database)
  serve [--demo]     start the web server; --demo migrates and seeds an empty database first
  match --in FILE [--out FILE] [--seed N] [--mode da|optimal] [--time-limit S] [--node-limit N]
                     match an instance file, JSON (docs/matching-instance.schema.json) or compact (.nbm):
                     deferred acceptance, or the integer program that places most children without justified
                     envy (DA as floor). Exit 0: valid (envy and waste are reported); 1: bad input; 2: hard violation
  generate-instance --requests N --locations M [--seed N] [--out FILE]
                     write a synthetic, realistic instance (FILE.nbm: the compact format)
  expire-offers      let offers past their deadline lapse (run it from cron or a scheduler)
  remind-referrals   remind organisations of referrals nobody picked up in time (mail goes via the outbox)
  staff-password     set a staff member's workspace password: NABIJ_PASSWORD=… nabij staff-password <e-mail>
  send-mail          send pending mail from the outbox (SMTP_HOST, SMTP_PORT, SMTP_FROM, …)
  deliver-webhooks   deliver pending events to the provider software's webhooks once
  rules list         the priority-rule sets in use (Flemish sets plus NABIJ_RULES_DIR)
  rules check FILE…  check local rule-set files against the schema
  import FILE --desk ID|NAME [--dry-run] [--mapping "field=Column;…"]
                     import an existing waiting list (.xlsx or .csv) into a desk, all or nothing, keeping the
                     original registration dates; --dry-run only checks it (docs/import.md)
  combine-figures FILE…
                     combine keyed exports of several installations (GET /api/v1/reports/keyed-export):
                     unique children next to the raw sum; reads no database

Database: DATABASE_URL (PostgreSQL) or, without it, embedded PGlite in NABIJ_DATA_DIR (default ./data).
Server: PORT (default 3000), HOST (default 127.0.0.1). Local rule sets: NABIJ_RULES_DIR.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({ args: rest, options: {
      demo: { type: 'boolean' },
      families: { type: 'string' },
      in: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      requests: { type: 'string' },
      locations: { type: 'string' },
      mode: { type: 'string' },
      'time-limit': { type: 'string' },
      'node-limit': { type: 'string' },
      desk: { type: 'string' },
      'dry-run': { type: 'boolean' },
      mapping: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    }, allowPositionals: true });
  if (!command || values.help || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  if (command === 'rules') return rulesCommand(positionals, config.rulesDir);
  if (command === 'match') return matchCommand(values);
  if (command === 'combine-figures') return combineCommand(positionals);
  if (command === 'generate-instance') return generateCommand(values);
  const sets = loadRuleSets(config.rulesDir);
  const handle = await connect({ url: config.databaseUrl, dataDir: config.dataDir });
  const ctx: AppContext = { db: handle.db, now: () => new Date(), ruleSets: sets, kindergartenEntryDates: config.kindergartenEntryDates, pseudonymSecret: config.pseudonymSecret, installation: config.installation, retentionYears: config.retentionYears, webhookAllowLocal: config.webhookAllowLocal, importMaxBytes: config.importMaxBytes, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) };
  const where = handle.driver === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL';
  switch (command) {
    case 'migrate': {
      const done = await migrateToLatest(handle.db);
      console.log(done.length ? `Migrated ${where}: ${done.join(', ')}` : `${where} is up to date.`);
      await handle.close();
      return 0;
    }
    case 'seed': {
      await migrateToLatest(handle.db);
      if (await isSeeded(ctx)) {
        console.log(`${where} already holds data; the demo is only loaded into an empty database.`);
      } else {
        const families = values.families ? Number(values.families) : 200;
        if (!Number.isInteger(families) || families < 1) throw new Error('--families takes a whole number above 0');
        const r = await seedDemo(ctx, families);
        console.log(`Demo loaded into ${where}: ${r.requests} requests.`);
      }
      await handle.close();
      return 0;
    }
    case 'import': {
      await migrateToLatest(handle.db);
      const code = await importCommand(ctx, positionals[0], values);
      await handle.close();
      return code;
    }
    case 'expire-offers': {
      await migrateToLatest(handle.db);
      let total = 0;
      for (let n = await expireOffers(ctx); n > 0; n = await expireOffers(ctx)) total += n;
      console.log(`${total} offer(s) lapsed.`);
      await handle.close();
      return 0;
    }
    case 'staff-password': {
      // The password comes from the environment, never from the command line (which other users can see).
      const email = positionals[1];
      const password = process.env.NABIJ_PASSWORD;
      if (!email || !password) throw new Error('Usage: NABIJ_PASSWORD=… nabij staff-password <e-mail>');
      await migrateToLatest(handle.db);
      await setStaffPassword(handle.db, email, password);
      console.log(`Password set for ${email}; that person's open workspace sessions have ended.`);
      await handle.close();
      return 0;
    }
    case 'remind-referrals': {
      await migrateToLatest(handle.db);
      let total = 0;
      for (let n = await remindReferrals(ctx); n > 0; n = await remindReferrals(ctx)) total += n;
      console.log(`${total} referral reminder(s) queued.`);
      await handle.close();
      return 0;
    }
    case 'send-mail': {
      if (!config.smtp) throw new Error('Set SMTP_HOST (and SMTP_PORT, SMTP_FROM, SMTP_USER, SMTP_PASSWORD as needed) to send mail.');
      await migrateToLatest(handle.db);
      const send = smtpSender(config.smtp);
      let sent = 0;
      let failed = 0;
      for (const deliver of [deliverMail, deliverAccountMail, deliverProviderNotices, deliverReferralNotices]) {
        for (;;) {
          const r = await deliver(ctx, send);
          sent += r.sent;
          failed += r.failed;
          if (r.sent === 0) break;
        }
      }
      console.log(`${sent} mail(s) sent, ${failed} failed (tried again later).`);
      await handle.close();
      return failed > 0 && sent === 0 ? 2 : 0;
    }
    case 'deliver-webhooks': {
      await migrateToLatest(handle.db);
      const r = await deliverWebhooks(ctx);
      console.log(`${r.delivered} event(s) delivered, ${r.failed} webhook(s) failed (tried again later).`);
      await handle.close();
      return 0;
    }
    case 'serve': {
      // The demo has a secret of its own for keyed exports; a real installation sets NABIJ_PSEUDONYM_SECRET.
      if (values.demo) ctx.pseudonymSecret ??= 'demo-only-pseudonym-secret-not-for-production';
      if (values.demo) {
        await migrateToLatest(handle.db);
        if (!(await isSeeded(ctx))) {
          console.log('Loading the demo data (first start only)…');
          const r = await seedDemo(ctx);
          console.log(`Demo loaded: ${r.requests} requests.`);
        }
      }
      const portal = { governmentLogin: config.oidc ? governmentLogin(config.oidc) : null, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) };
      const app = await buildServer(ctx, { logger: loggerOptions(config.logLevel), portal, trustProxy: config.trustProxy });
      // The demo without SMTP prints its mail (such as the link that confirms a new account) instead of sending it.
      const printMail: SendMail = async (m) => console.log(`\n[demo mail to ${m.to}] ${m.subject}\n${m.text}\n`);
      const send = config.smtp ? smtpSender(config.smtp) : values.demo ? printMail : null;
      // Jobs run in every instance; rows are claimed one instance at a time. NABIJ_JOBS=off leaves them to another process.
      const jobs = process.env.NABIJ_JOBS === 'off' ? null : startScheduler(ctx, { everyMs: values.demo ? 5_000 : 60_000, ...(send ? { send } : {}), onError: (job, err) => app.log.error({ err, job }, 'job failed') });
      const stop = async () => {
        await jobs?.stop();
        await app.close();
        await handle.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const base = `http://${config.host === '127.0.0.1' ? 'localhost' : config.host}:${port}`;
      console.log(`\nNabij runs on ${base} (${where}). API documentation: ${base}/api/docs`);
      if (values.demo) {
        console.log('Demo tokens (Authorization: Bearer <token>):');
        for (const [token, u] of Object.entries(DEMO_TOKENS)) console.log(`  ${token.padEnd(24)} ${u.role}`);
        console.log(`Parent portal: ${base}/portaal (log in as ${DEMO_PARENT.email} / ${DEMO_PARENT.password})`);
        console.log(`Staff workspace: ${base}/werkplek (log in as ${Object.values(DEMO_TOKENS).map((u) => u.email).join(', ')}; password ${DEMO_STAFF_PASSWORD})`);
      }
      return -1;
    }
    default:
      console.error(`Unknown command '${command}'.\n\n${USAGE}`);
      await handle.close();
      return 1;
  }
}

function rulesCommand(args: string[], rulesDir: string | undefined): number {
  const [sub, ...files] = args;
  if (sub === 'check' && files.length) {
    let bad = 0;
    for (const f of files) {
      const { problems } = readRuleSetFile(f);
      if (problems.length) {
        bad++;
        console.error(problems.join('\n'));
      } else console.log(`${f}: valid`);
    }
    return bad ? 1 : 0;
  }
  if (sub === 'list') {
    for (const s of loadRuleSets(rulesDir)) {
      const periods = s.effective.map((p) => `${p.from ?? '…'} – ${p.to ?? '…'} (${p.judges})`).join(', ');
      console.log(`${s.id} v${s.version}: ${s.title.nl}\n  steps ${s.scope.subsidySteps.join(',')}${s.scope.municipalities ? `, municipalities ${s.scope.municipalities.join(',')}` : ''}; ${periods}`);
    }
    return 0;
  }
  console.error(`Use 'nabij rules list' or 'nabij rules check FILE…'.\n\n${USAGE}`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

function combineCommand(files: string[]): number {
  if (files.length < 1) {
    console.error('combine-figures needs one or more keyed export files (JSON).');
    return 1;
  }
  try {
    const exports = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as KeyedExport);
    console.log(JSON.stringify(combineKeyed(exports), null, 2));
    return 0;
  } catch (e) {
    console.error(`These files cannot be combined: ${(e as Error).message}`);
    return 2;
  }
}
