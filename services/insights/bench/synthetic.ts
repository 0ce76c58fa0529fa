import { randomUUID } from 'node:crypto';
import {
  APPEAL_CATEGORIES,
  creditCodeCheckChar,
  LOST_REASONS,
  PARK_IDS,
  PIPELINE_STAGES,
  type PipelineStage,
  type Tier,
} from '@parkmatch/contracts';
import { READ_MODEL_EVENTS, type ReadModelEventName } from '../src/read-model/events.ts';

// A synthetic history of the closed loop for benchmarks: leads submitted over two and a half
// years, scored at every park, claimed, given a liaison, moved through the stages (some lost or
// held) with visits, appeals and monthly figures — each event a bus message (the envelope as
// JSON), in time order.

export interface Message {
  name: ReadModelEventName;
  at: number;
  value: string;
}

const DAY = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00+08:00');
const END = Date.parse('2026-06-30T00:00:00+08:00');
const DIRECTIONS = [
  'ivd.poct',
  'ivd.immuno',
  'ivd.molecular',
  'ivd.mass-spec',
  'bio.antibody',
  'bio.vaccine',
  'chem.api',
  'tcm.granules',
];
const NEXT_P: Record<PipelineStage, number> = {
  lead: 0.75,
  contacted: 0.65,
  'site-visit': 0.6,
  negotiating: 0.55,
  signed: 0.85,
  registered: 0.85,
  construction: 0.8,
  operating: 0,
};

function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const code17 = '91500104MA5U00000';
const PROFILE = {
  firm: {
    name: '示例生物科技有限公司',
    creditCode: code17 + creditCodeCheckChar(code17),
    province: '江苏',
    city: '苏州',
  },
  project: { title: 'IVD 试剂生产基地', type: 'production', description: '化学发光免疫诊断试剂' },
};

export function syntheticHistory(leads: number, seed = 2026): Message[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const messages: Message[] = [];
  const emit = (name: ReadModelEventName, key: string, at: number, payload: Record<string, unknown>) => {
    const def = READ_MODEL_EVENTS[name];
    const occurredAt = new Date(at).toISOString();
    const envelope = {
      id: randomUUID(),
      type: def.type,
      version: def.version,
      occurredAt,
      key,
      source: 'bench',
      payload,
    };
    messages.push({ name, at, value: JSON.stringify(envelope) });
  };
  const iso = (at: number) => new Date(at).toISOString();

  for (let i = 0; i < leads; i++) {
    const leadId = `lead-${i.toString().padStart(6, '0')}`;
    const submitted = START + random() * (END - START);
    emit('leadSubmitted', leadId, submitted, { leadId, revision: 1, profile: PROFILE });
    const tiers: Record<string, Tier> = {};
    for (const parkId of PARK_IDS) {
      const r = random();
      const tier: Tier = r < 0.05 ? 'A' : r < 0.2 ? 'B' : r < 0.45 ? 'C' : 'D';
      tiers[parkId] = tier;
      emit('leadScored', leadId, submitted + 1000, {
        leadId,
        parkId,
        firmName: PROFILE.firm.name,
        projectTitle: PROFILE.project.title,
        score: { A: 85, B: 60, C: 40, D: 10 }[tier],
        tier,
        matchedDirections: tier === 'D' ? [] : [{ code: pick(DIRECTIONS), strength: 0.8, evidence: [] }],
        reasons: { zh: [], en: [] },
        engineVersion: 'bench',
        catalogVersion: 1,
        profileRevision: 1,
      });
    }
    const workable = PARK_IDS.filter((p) => tiers[p] !== 'D');
    if (workable.length === 0 || random() > 0.8) continue;
    const parkId = pick(workable);
    let at = submitted + random() * 5 * DAY;
    if (at > END) continue;
    emit('leadClaimed', leadId, at, { leadId, parkId, by: 'analyst', at: iso(at) });
    let visits = 0;
    const liaisonAt = at + random() * 2 * DAY;
    if (random() < 0.9 && liaisonAt < END)
      emit('liaisonAssigned', leadId, liaisonAt, {
        leadId,
        parkId,
        liaison: `liaison-${parkId}-${Math.floor(random() * 40)}`,
        by: 'analyst',
        at: iso(liaisonAt),
      });
    let stage: PipelineStage = 'lead';
    let entered = submitted;
    while (stage !== 'operating') {
      const next = at + (3 + random() * 60) * DAY;
      if (next > END) break;
      if (random() > NEXT_P[stage]) {
        if (random() < 0.5) {
          emit('stageChanged', leadId, next, {
            leadId,
            parkId,
            from: stage,
            to: 'lost',
            facts: { reason: pick(LOST_REASONS) },
            enteredFromAt: iso(entered),
            by: 'analyst',
            at: iso(next),
          });
        }
        break;
      }
      const to = PIPELINE_STAGES[PIPELINE_STAGES.indexOf(stage) + 1] as PipelineStage;
      const facts =
        to === 'signed'
          ? { agreedInvestmentCny: Math.round(1e7 + random() * 5e8), signedOn: iso(next).slice(0, 10) }
          : to === 'operating' || to === 'construction'
            ? { expectedAnnualOutputCny: Math.round(1e7 + random() * 1e9), startedOn: iso(next).slice(0, 10) }
            : undefined;
      emit('stageChanged', leadId, next, {
        leadId,
        parkId,
        from: stage,
        to,
        ...(facts ? { facts } : {}),
        enteredFromAt: iso(entered),
        by: 'analyst',
        at: iso(next),
      });
      stage = to;
      entered = next;
      at = next;
      // A visit or talk logged in most stages of the loop, dated a few days after the move.
      if (random() < 0.7) {
        const day = at + random() * 7 * DAY;
        if (day < END)
          emit('visitLogged', leadId, day, {
            leadId,
            parkId,
            visitId: `${leadId}-v${visits++}`,
            date: new Date(day + 8 * 3600_000).toISOString().slice(0, 10),
            by: 'analyst',
            at: iso(day),
          });
      }
      if (random() < 0.15) {
        const appealId = randomUUID();
        const category = pick(APPEAL_CATEGORIES);
        const opened = at + random() * 10 * DAY;
        const dueOn = iso(opened + 14 * DAY).slice(0, 10);
        if (opened > END) continue;
        emit('appealOpened', leadId, opened, {
          leadId,
          parkId,
          appealId,
          category,
          dueOn,
          by: 'analyst',
          at: iso(opened),
        });
        const closed = opened + random() * 30 * DAY;
        if (closed < END && random() < 0.8)
          emit('appealClosed', leadId, closed, {
            leadId,
            parkId,
            appealId,
            category,
            outcome: random() < 0.85 ? 'resolved' : 'rejected',
            openedAt: iso(opened),
            dueOn,
            by: 'analyst',
            at: iso(closed),
          });
      }
    }
    if (stage === 'operating') {
      for (let month = at + 30 * DAY; month < END; month += 30.4 * DAY) {
        const m = iso(month).slice(0, 7);
        emit('figuresReported', leadId, month, {
          leadId,
          parkId,
          month: m,
          revenueCny: Math.round(1e6 + random() * 3e7),
          taxCny: 100_000,
          employees: 80,
          certificatesObtained: random() < 0.2 ? 1 : 0,
          correction: false,
          by: 'analyst',
          at: iso(month),
        });
      }
    }
    // Re-ranks after a catalog change: some leads are scored again at a park.
    for (let r = 0; r < 2; r++) {
      const again = pick(PARK_IDS);
      emit('leadScored', leadId, submitted + (30 + random() * 300) * DAY, {
        leadId,
        parkId: again,
        firmName: PROFILE.firm.name,
        projectTitle: PROFILE.project.title,
        score: 50,
        tier: 'B',
        previousTier: tiers[again],
        matchedDirections: [{ code: pick(DIRECTIONS), strength: 0.7, evidence: [] }],
        reasons: { zh: [], en: [] },
        engineVersion: 'bench',
        catalogVersion: 2,
        profileRevision: 1,
      });
    }
  }
  return messages.sort((a, b) => a.at - b.at);
}
