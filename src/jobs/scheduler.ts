// Runs the periodic jobs inside an app instance: lapse overdue offers, send reminders (offers, referrals), deliver mail.
// All state is in the database (rows claimed with SKIP LOCKED), so a restart loses nothing and two instances never do a row twice.
import type { AppContext } from '../app/context.ts';
import { expireOffers, remindOffers } from '../app/offers.ts';
import { deliverAccountMail, deliverMail, deliverProviderNotices, type SendMail } from './outbox-mail.ts';
import { purgeSessions } from '../web/sessions.ts';
import { deliverWebhooks } from './webhooks.ts';
import { remindReferrals } from '../app/family-support/referrals.ts';
import { deliverReferralNotices } from './referral-mail.ts';

export interface SchedulerOptions {
  everyMs: number;
  send?: SendMail;
  onError?: (job: string, err: unknown) => void;
}

export function startScheduler(ctx: AppContext, options: SchedulerOptions): { stop(): Promise<void>; tick(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
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
    await guard('webhooks', () => deliverWebhooks(ctx));
    await guard('sessions', () => purgeSessions(ctx));
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
