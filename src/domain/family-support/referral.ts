// The warm referral's lifecycle: sent → received → contact made → support started → closed, or declined, as data.
import { UserError } from '../errors.ts';

export const REFERRAL_STATUSES = ['sent', 'received', 'contact_made', 'support_started', 'closed', 'declined'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_OUTCOMES = ['support_completed', 'referred_on', 'family_stopped', 'no_longer_needed', 'not_reached'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

export const TERMINAL: readonly ReferralStatus[] = ['closed', 'declined'];

/** Allowed steps. Closing needs an outcome, declining a reason; a referral never goes back. */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  sent: ['received', 'declined'],
  received: ['contact_made', 'closed', 'declined'],
  contact_made: ['support_started', 'closed', 'declined'],
  support_started: ['closed'],
  closed: [],
  declined: [],
};

export const STATUS_TEXT: Record<ReferralStatus, { nl: string; en: string }> = {
  sent: { nl: 'verstuurd', en: 'sent' },
  received: { nl: 'ontvangen', en: 'received' },
  contact_made: { nl: 'contact gelegd', en: 'contact made' },
  support_started: { nl: 'ondersteuning gestart', en: 'support started' },
  closed: { nl: 'afgesloten', en: 'closed' },
  declined: { nl: 'niet opgenomen', en: 'declined' },
};

/** The dates the referrer may see: the progress, never the content of the support. */
export interface ReferralProgress {
  status: ReferralStatus;
  sentAt: string;
  receivedAt: string | null;
  contactMadeAt: string | null;
  supportStartedAt: string | null;
  closedAt: string | null;
  declinedAt: string | null;
}

export interface ReferralState extends ReferralProgress {
  outcome: ReferralOutcome | null;
  declineReason: string | null;
}

export interface ReferralStep {
  to: ReferralStatus;
  outcome?: ReferralOutcome;
  reason?: string;
}

const STAMP: Record<ReferralStatus, keyof ReferralProgress | null> = {
  sent: 'sentAt',
  received: 'receivedAt',
  contact_made: 'contactMadeAt',
  support_started: 'supportStartedAt',
  closed: 'closedAt',
  declined: 'declinedAt',
};

export function canMove(from: ReferralStatus, to: ReferralStatus): boolean {
  return REFERRAL_TRANSITIONS[from].includes(to);
}

export function newReferral(at: string): ReferralState {
  return { status: 'sent', sentAt: at, receivedAt: null, contactMadeAt: null, supportStartedAt: null, closedAt: null, declinedAt: null, outcome: null, declineReason: null };
}

/** Takes one step at instant `at` (ISO), or refuses it with a user error; the state given is not changed. */
export function applyStep(state: ReferralState, step: ReferralStep, at: string): ReferralState {
  if (!canMove(state.status, step.to)) {
    throw new UserError('conflict', 'referral.transition_not_allowed', 'to', {
      nl: `Een doorverwijzing met status '${STATUS_TEXT[state.status].nl}' kan niet naar '${STATUS_TEXT[step.to].nl}'.`,
      en: `A referral with status '${STATUS_TEXT[state.status].en}' cannot move to '${STATUS_TEXT[step.to].en}'.`,
    });
  }
  if (step.to === 'closed' && !step.outcome) {
    throw new UserError('invalid', 'referral.outcome_required', 'outcome', { nl: 'Kies hoe de ondersteuning afliep.', en: 'Choose how the support ended.' });
  }
  if (step.to === 'declined' && !step.reason?.trim()) {
    throw new UserError('invalid', 'referral.reason_required', 'reason', { nl: 'Zeg waarom u de doorverwijzing niet opneemt.', en: 'Say why you do not take up the referral.' });
  }
  if (step.to !== 'closed' && step.outcome) {
    throw new UserError('invalid', 'referral.outcome_only_when_closing', 'outcome', { nl: 'Een afloop hoort alleen bij afsluiten.', en: 'An outcome belongs to closing only.' });
  }
  const stamp = STAMP[step.to] as keyof ReferralProgress;
  return {
    ...state,
    status: step.to,
    [stamp]: at,
    outcome: step.to === 'closed' ? (step.outcome ?? null) : state.outcome,
    declineReason: step.to === 'declined' ? (step.reason?.trim() ?? null) : state.declineReason,
  };
}

/** What the referrer sees: status and dates only. */
export function progressOnly(s: ReferralProgress): ReferralProgress {
  return { status: s.status, sentAt: s.sentAt, receivedAt: s.receivedAt, contactMadeAt: s.contactMadeAt, supportStartedAt: s.supportStartedAt, closedAt: s.closedAt, declinedAt: s.declinedAt };
}
