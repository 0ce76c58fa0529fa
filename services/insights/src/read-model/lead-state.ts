import type { APPEAL_CATEGORIES, LOST_REASONS, Stage, Tier } from '@parkmatch/contracts';
import type { FinanceState } from '../financing/state.ts';

// One document per lead: what the events said about it, kept so that the state depends on
// the set of events applied and not on their order. The events of one lead come on nine
// topics, and no order holds between topics, live or in a rebuild: every list is kept sorted
// by (time, event id), every "latest" is the greatest by that order, and the ids applied are
// recorded, so a redelivered event is recognised and changes nothing.

/** How a park rates the lead now: the score of the newest profile revision. */
export interface Rating {
  tier: Tier;
  score: number;
  directions: string[];
  profileRevision: number;
  at: string;
  eventId: string;
}

/** The park's first score of the lead: its tier at intake. */
export interface IntakeRating {
  tier: Tier;
  directions: string[];
  at: string;
  eventId: string;
}

/** A claim (首报首谈) or a transfer: who owns the lead from `at` on. */
export interface OwnerChange {
  eventId: string;
  kind: 'claimed' | 'transferred';
  parkId: string;
  fromParkId?: string;
  at: string;
}

/** A stage move with the facts insights counts. */
export interface Move {
  eventId: string;
  from: Stage;
  to: Stage;
  /** The owning park when it moved. */
  parkId: string;
  at: string;
  /** When the lead entered `from`. */
  enteredFromAt: string;
  /** 签约: 协议投资额. */
  agreedInvestmentCny?: number;
  /** 开工建设 / 投产: expected annual output. */
  expectedAnnualOutputCny?: number;
  lostReason?: (typeof LOST_REASONS)[number];
}

export interface AppealFacts {
  parkId: string;
  category: (typeof APPEAL_CATEGORIES)[number];
  dueOn: string;
  openedAt: string;
  closedAt?: string;
  outcome?: 'resolved' | 'rejected';
}

/** A key firm's figures for a month, the latest report (corrections replace). */
export interface MonthFigures {
  parkId: string;
  revenueCny: number;
  certificatesObtained: number;
  at: string;
  eventId: string;
}

/** The park named a liaison (联络员) for the lead from `at` on. */
export interface LiaisonChange {
  eventId: string;
  parkId: string;
  liaison: string;
  at: string;
}

/** A visit or talk logged in the 一企一策 ledger. */
export interface VisitFacts {
  parkId: string;
  /** The day of the visit (`YYYY-MM-DD`, Shanghai). */
  date: string;
  /** When it was logged. */
  at: string;
  eventId: string;
}

export interface LeadState {
  /** The lead id. */
  _id: string;
  /** When the firm submitted the profile (the lead entered 线索). */
  submittedAt?: string;
  ratings: Record<string, Rating>;
  intake: Record<string, IntakeRating>;
  /** Claims and transfers, by (at, event id). */
  owners: OwnerChange[];
  /** Stage moves, by (at, event id). */
  moves: Move[];
  withdrawnAt?: string;
  appeals: Record<string, AppealFacts>;
  /** By month, `YYYY-MM`. */
  figures: Record<string, MonthFigures>;
  /** Liaisons named, by (at, event id). (Absent in states stored before liaisons were folded.) */
  liaisons?: LiaisonChange[];
  /** Visits and talks by visit id. (Absent likewise.) */
  visits?: Record<string, VisitFacts>;
  /** Financing needs, R&D orders and service vouchers (financing/state.ts); absent until one comes. */
  finance?: FinanceState;
  /** Ids of the events applied, oldest first. */
  applied: string[];
}

export function emptyLeadState(leadId: string): LeadState {
  return {
    _id: leadId,
    ratings: {},
    intake: {},
    owners: [],
    moves: [],
    appeals: {},
    figures: {},
    liaisons: [],
    visits: {},
    applied: [],
  };
}
