// The life of a childcare request: its states and the transitions allowed between them.
import { UserError } from '../errors.ts';

export const REQUEST_STATUSES = ['registered', 'active', 'offered', 'placed', 'withdrawn', 'lapsed', 'found_elsewhere', 'unknown_outcome'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Statuses in which a request still asks for a place; the database allows one such request per child. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['registered', 'active', 'offered'];

interface Transition {
  from: RequestStatus;
  to: RequestStatus;
  /** False when only another workflow (an offer being made or accepted) may take this step. */
  manual: boolean;
  reasonRequired: boolean;
}

const T = (from: RequestStatus, to: RequestStatus, manual: boolean, reasonRequired = false): Transition => ({ from, to, manual, reasonRequired });

export const REQUEST_TRANSITIONS: readonly Transition[] = [
  T('registered', 'active', true),
  T('registered', 'withdrawn', true),
  T('registered', 'lapsed', true, true),
  T('registered', 'found_elsewhere', true),
  T('registered', 'offered', false),
  T('active', 'offered', false),
  T('active', 'withdrawn', true),
  T('active', 'lapsed', true, true),
  T('active', 'found_elsewhere', true),
  // The desk could not learn what happened (no answer to letters or calls); not counted as unanswered.
  T('registered', 'unknown_outcome', true, true),
  T('active', 'unknown_outcome', true, true),
  T('offered', 'placed', false),
  T('offered', 'active', false),
  T('offered', 'withdrawn', true),
  T('offered', 'lapsed', true, true),
  T('offered', 'found_elsewhere', true),
];

export const STATUS_TEXT: Record<RequestStatus, { nl: string; en: string }> = {
  registered: { nl: 'ingeschreven', en: 'registered' },
  active: { nl: 'actief, wacht op een plaats', en: 'active, waiting for a place' },
  offered: { nl: 'plaats aangeboden', en: 'place offered' },
  placed: { nl: 'plaats gevonden', en: 'placed' },
  withdrawn: { nl: 'ingetrokken', en: 'withdrawn' },
  lapsed: { nl: 'vervallen', en: 'lapsed' },
  found_elsewhere: { nl: 'opvang elders gevonden', en: 'care found elsewhere' },
  unknown_outcome: { nl: 'afgesloten, afloop onbekend', en: 'closed, outcome unknown' },
};

export function isOpen(status: RequestStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * Checks one step. `viaWorkflow` is true when the offer workflow takes the step;
 * people can only take the manual ones directly.
 */
export function checkTransition(from: RequestStatus, to: RequestStatus, reason: string | null, viaWorkflow = false): void {
  const t = REQUEST_TRANSITIONS.find((x) => x.from === from && x.to === to);
  if (!t) {
    throw new UserError('conflict', 'request.transition_not_allowed', 'to', {
      nl: `Een aanvraag met status '${STATUS_TEXT[from].nl}' kan niet naar '${STATUS_TEXT[to].nl}'.`,
      en: `A request with status '${STATUS_TEXT[from].en}' cannot move to '${STATUS_TEXT[to].en}'.`,
    });
  }
  if (!t.manual && !viaWorkflow) {
    throw new UserError('conflict', 'request.transition_needs_offer', 'to', {
      nl: `De status '${STATUS_TEXT[to].nl}' volgt alleen uit een aanbod van een opvanglocatie.`,
      en: `The status '${STATUS_TEXT[to].en}' only follows from an offer by a childcare location.`,
    });
  }
  if (t.reasonRequired && !reason?.trim()) {
    throw new UserError('invalid', 'request.reason_required', 'reason', {
      nl: 'Geef een reden op voor deze wijziging.',
      en: 'Give a reason for this change.',
    });
  }
}
