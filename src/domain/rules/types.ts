// The shapes of priority-rule sets (data, versioned) and of the family facts they are judged on.
import type { CalendarDate } from '../dates.ts';

export const ACTIVITY_KINDS = [
  'employed',
  'self_employed',
  'job_seeking',
  'vocational_training',
  'training_intensive',
  'integration',
  'qualifying_course',
  'dutch_course',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const BOOLEAN_FACTS = ['singleParent', 'lowIncome', 'fosterChild', 'healthOrCareSituation', 'noSecondaryDiploma', 'dutchSpeaking', 'vulnerable'] as const;
export type BooleanFact = (typeof BOOLEAN_FACTS)[number];

export type EvidenceSource = 'sworn_statement' | 'attest' | 'desk_observation';

/** What a family declared, as the rules read it. Fractions are parts of a full-time week (0.8 = 4/5). */
export interface Facts {
  guardians: Array<{ activities: Array<{ kind: ActivityKind; fraction: number }> }>;
  singleParent: boolean;
  lowIncome: boolean;
  fosterChild: boolean;
  healthOrCareSituation: boolean;
  noSecondaryDiploma: boolean;
  dutchSpeaking?: boolean;
  /** Brothers and sisters in care: where, and from when to when (null = still there). */
  siblings: Array<{ locationId: string; from: CalendarDate; to: CalendarDate | null }>;
}

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: BooleanFact }
  /** Household average of each guardian's time in these activities (capped at full time per guardian). */
  | { householdAverage: { kinds: ActivityKind[] }; atLeast: number }
  /** Every guardian of the household has at least one of these activities. */
  | { everyGuardian: { kinds: ActivityKind[] } }
  /** A sibling attends the location being judged on the place's start date. */
  | { siblingAtLocationOnStart: true };

export interface Text {
  nl: string;
  en: string;
}

export interface PriorityGroup {
  id: string;
  /** Lower tiers go first; groups in the same tier are equal. */
  tier: number;
  absolute: boolean;
  label: Text;
  condition: Condition;
  /** Sentences for the family; {average} is filled in where the condition computes one. */
  whenMet: Text;
  whenNotMet: Text;
}

export interface EffectivePeriod {
  from: CalendarDate | null;
  to: CalendarDate | null;
  /**
   * registration_date: judges requests registered in this period (the default rule);
   * evaluation_date: judges every request while the period runs (rules restored after an annulment).
   */
  judges: 'registration_date' | 'evaluation_date';
  note?: Text;
}

export type TieBreak =
  | { policy: 'registration_order' }
  /** Everything registered at least `monthsBeforeStart` months before the start counts as simultaneous, then a lottery. */
  | { policy: 'batch_window'; monthsBeforeStart: number }
  | { policy: 'lottery' };

export interface RuleSet {
  id: string;
  version: number;
  title: Text;
  source: string;
  effective: EffectivePeriod[];
  scope: { subsidySteps: Array<'T0' | 'T1' | 'T2' | 'T3'>; municipalities?: string[] };
  groups: PriorityGroup[];
  /** Group ids whose order a provider may change (set B: the three absolute groups). */
  providerMayReorder: string[];
  /** Facts as declared at registration count; later changes do not change the priority. */
  factsAsOf: 'registration' | 'latest';
  quotas: {
    /** At least this share of children cared for per year from priority groups or vulnerable families. */
    priorityShareMin: Array<{ subsidySteps: Array<'T2' | 'T3'>; percent: number }>;
    /** At most this share of children cared for per year may be placed outside the rule order. */
    deviationMaxPercent: number;
    /** Optional cap on a share of places for one group (Brussels: Dutch-speaking families). */
    groupShareMax?: Array<{ groupId: string; percent: number }>;
  };
  deviationAdvisers: string[];
  tieBreak: TieBreak;
}
