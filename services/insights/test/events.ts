import {
  createEvent,
  creditCodeCheckChar,
  Events,
  type LOST_REASONS,
  type Stage,
  type Tier,
} from '@parkmatch/contracts';
import type { ReadModelEvent } from '../src/read-model/events.ts';

// Events of the closed loop as the leads and matching services publish them, for tests and
// benchmarks: one builder per event, times as ISO instants.

const code17 = '91500104MA5U00000';
const creditCode = code17 + creditCodeCheckChar(code17);

const at = (iso: string) => new Date(iso);

export function submitted(leadId: string, when: string): ReadModelEvent {
  return {
    name: 'leadSubmitted',
    event: createEvent(Events.leadSubmitted, {
      key: leadId,
      source: 'test',
      occurredAt: at(when),
      payload: {
        leadId,
        revision: 1,
        profile: {
          firm: { name: '集庆生物科技有限公司', creditCode, province: '福建', city: '厦门' },
          project: { title: 'IVD 试剂生产基地', type: 'production', description: '化学发光免疫诊断试剂' },
        },
      },
    }),
  };
}

export function scored(
  leadId: string,
  parkId: string,
  tier: Tier,
  when: string,
  options: { revision?: number; directions?: string[]; previousTier?: Tier } = {},
): ReadModelEvent {
  return {
    name: 'leadScored',
    event: createEvent(Events.leadScored, {
      key: leadId,
      source: 'test',
      occurredAt: at(when),
      payload: {
        leadId,
        parkId,
        firmName: '集庆生物科技有限公司',
        projectTitle: 'IVD 试剂生产基地',
        score: { A: 85, B: 60, C: 40, D: 10 }[tier],
        tier,
        ...(options.previousTier ? { previousTier: options.previousTier } : {}),
        matchedDirections: (options.directions ?? ['ivd.immuno']).map((code) => ({
          code,
          strength: 0.8,
          evidence: [],
        })),
        reasons: { zh: [], en: [] },
        engineVersion: 'test',
        catalogVersion: 1,
        profileRevision: options.revision ?? 1,
      },
    }),
  };
}

export function claimed(leadId: string, parkId: string, when: string): ReadModelEvent {
  return {
    name: 'leadClaimed',
    event: createEvent(Events.leadClaimed, {
      key: leadId,
      source: 'test',
      occurredAt: at(when),
      payload: { leadId, parkId, by: 'analyst', at: when },
    }),
  };
}

export function transferred(
  leadId: string,
  fromParkId: string,
  toParkId: string,
  when: string,
): ReadModelEvent {
  return {
    name: 'leadTransferred',
    event: createEvent(Events.leadTransferred, {
      key: leadId,
      source: 'test',
      occurredAt: at(when),
      payload: { leadId, fromParkId, toParkId, reason: '更适合该园区', by: 'city-manager', at: when },
    }),
  };
}

export function moved(
  leadId: string,
  parkId: string,
  from: Stage,
  to: Stage,
  when: string,
  enteredFromAt: string,
  facts?: Record<string, unknown>,
): ReadModelEvent {
  return {
    name: 'stageChanged',
    event: createEvent(Events.stageChanged, {
      key: leadId,
      source: 'test',
      occurredAt: at(when),
      payload: {
        leadId,
        parkId,
        from,
        to,
        enteredFromAt,
        by: 'analyst',
        at: when,
        ...(facts ? { facts } : {}),
      },
    }),
  };
}

export const signedFacts = (agreedInvestmentCny: number, signedOn: string) => ({
  agreedInvestmentCny,
  signedOn,
});
export const operatingFacts = (expectedAnnualOutputCny: number, startedOn: string) => ({
  expectedAnnualOutputCny,
  startedOn,
});
export const lostFacts = (reason: (typeof LOST_REASONS)[number]) => ({ reason });

export function withdrawn(leadId: string, when: string): ReadModelEvent {
  return {
    name: 'profileWithdrawn',
    event: createEvent(Events.profileWithdrawn, {
      key: leadId,
      source: 'test',
      occurredAt: at(when),
      payload: { leadId, by: 'firm', at: when },
    }),
  };
}

export function appealOpened(
  leadId: string,
  parkId: string,
  appealId: string,
  when: string,
  dueOn: string,
  category: 'registration' | 'market' | 'talent' = 'registration',
): ReadModelEvent {
  return {
    name: 'appealOpened',
    event: createEvent(Events.appealOpened, {
      key: leadId,
      source: 'test',
      occurredAt: at(when),
      payload: { leadId, parkId, appealId, category, dueOn, by: 'analyst', at: when },
    }),
  };
}

export function appealClosed(
  leadId: string,
  parkId: string,
  appealId: string,
  openedAt: string,
  when: string,
  dueOn: string,
  outcome: 'resolved' | 'rejected' = 'resolved',
  category: 'registration' | 'market' | 'talent' = 'registration',
): ReadModelEvent {
  return {
    name: 'appealClosed',
    event: createEvent(Events.appealClosed, {
      key: leadId,
      source: 'test',
      occurredAt: at(when),
      payload: { leadId, parkId, appealId, category, outcome, openedAt, dueOn, by: 'analyst', at: when },
    }),
  };
}

export function figures(
  leadId: string,
  parkId: string,
  month: string,
  revenueCny: number,
  certificatesObtained: number,
  when: string,
  correction = false,
): ReadModelEvent {
  return {
    name: 'figuresReported',
    event: createEvent(Events.figuresReported, {
      key: leadId,
      source: 'test',
      occurredAt: at(when),
      payload: {
        leadId,
        parkId,
        month,
        revenueCny,
        taxCny: Math.round(revenueCny * 0.05),
        employees: 120,
        certificatesObtained,
        correction,
        by: 'analyst',
        at: when,
      },
    }),
  };
}

export function liaison(leadId: string, parkId: string, name: string, when: string): ReadModelEvent {
  return {
    name: 'liaisonAssigned',
    event: createEvent(Events.liaisonAssigned, {
      key: leadId,
      source: 'test',
      occurredAt: at(when),
      payload: { leadId, parkId, liaison: name, by: 'analyst', at: when },
    }),
  };
}

export function visit(
  leadId: string,
  parkId: string,
  visitId: string,
  date: string,
  when: string,
): ReadModelEvent {
  return {
    name: 'visitLogged',
    event: createEvent(Events.visitLogged, {
      key: leadId,
      source: 'test',
      occurredAt: at(when),
      payload: { leadId, parkId, visitId, date, by: 'analyst', at: when },
    }),
  };
}
