// Runs the periodic jobs inside an app instance: lapse overdue offers, send reminders (offers, referrals), deliver mail,
// resume imports a dead instance left.
// All state is in the database (rows claimed with SKIP LOCKED), so a restart loses nothing and two instances never do a row twice.
import type { AppContext } from '../app/context.ts';
import { expireOffers, remindOffers } from '../app/offers.ts';
import { deliverAccountMail, deliverMail, deliverProviderNotices, type SendMail } from './outbox-mail.ts';
import { purgeSessions } from '../web/sessions.ts';
import { deliverWebhooks } from './webhooks.ts';
import { remindReferrals } from '../app/family-support/referrals.ts';
import { deliverReferralNotices } from './referral-mail.ts';
import { runRetention } from '../app/privacy.ts';
import { resumeImports } from '../app/import/waiting-list.ts';

export interface SchedulerOptions {
  everyMs: number;
  send?: SendMail;
  onError?: (job: string, err: unknown) => void;
  /** A running import no instance works on is resumed once it is this old (default one minute). */
  importStaleMs?: number;
}

export function startScheduler(ctx: AppContext, options: SchedulerOptions): { stop(): Promise<void>; tick(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  let retentionDoneAt = 0;
  const guard = async (job: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      options.onError?.(job, err);
    }
  };
  const tick = async () => {
    await guard('expire-offers', async () => {
      while ((await expireOffers(ctx)) > 0 && !stopped);
    });
    await guard('remind-offers', () => remindOffers(ctx));
    await guard('remind-referrals', async () => {
      while ((await remindReferrals(ctx)) > 0 && !stopped);
    });
    // Imports whose instance died start again; they run on in the background, the tick does not wait for them.
    await guard('resume-imports', () => resumeImports(ctx, { staleMs: options.importStaleMs ?? 60_000 }));
    await guard('webhooks', () => deliverWebhooks(ctx));
    await guard('sessions', () => purgeSessions(ctx));
    // Retention scans every family: once an hour is plenty for a period counted in years.
    if (Date.now() - retentionDoneAt > 3_600_000) {
      retentionDoneAt = Date.now();
      await guard('retention', async () => {
        while ((await runRetention(ctx, { years: ctx.retentionYears })).anonymised > 0 && !stopped);
      });
    }
    if (options.send) {
      const send = options.send;
      await guard('send-mail', async () => {
        while ((await deliverMail(ctx, send)).sent > 0 && !stopped);
      });
      await guard('account-mail', async () => {
        while ((await deliverAccountMail(ctx, send)).sent > 0 && !stopped);
      });
      await guard('provider-notices', async () => {
        while ((await deliverProviderNotices(ctx, send)).sent > 0 && !stopped);
      });
      await guard('referral-notices', async () => {
        while ((await deliverReferralNotices(ctx, send)).sent > 0 && !stopped);
      });
    }
  };
  const timer = setInterval(() => {
    if (!running) running = tick().finally(() => (running = null));
  }, options.everyMs);
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
