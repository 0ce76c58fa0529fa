import type { EventOf, Events, LeadRevision } from '@parkmatch/contracts';
import { takeTurns } from '@parkmatch/service-kit';
import type { Engine } from '../engine/index.ts';
import type { ProfileRepository } from '../profiles/repository.ts';
import { recordScores, withPrevious } from './record.ts';
import type { MatchRepository } from './repository.ts';

export interface ScoreLeadDeps {
  matches: MatchRepository;
  profiles: ProfileRepository;
  engine: Pick<Engine, 'match'>;
}

// Revisions and withdrawals come on two topics, handled side by side: each batch of either
// takes its turn in this process, so a withdrawal never lands between a revision's check of the
// withdrawn mark and its writes (the revision would write the erased profile back and score it).
const turns = takeTurns();
const inTurn = <T>(task: () => Promise<T>) => turns('profiles', task);

/**
 * Scores new profile revisions at every park and stores each result with the event that
 * announces it: one write for the profiles, one for the scores. Idempotent: a redelivered
 * revision finds every score current and writes nothing; an older revision than the one
 * stored is skipped. Returns how many scores were written.
 */
export function scoreLeads(deps: ScoreLeadDeps, leads: readonly LeadRevision[], now: Date): Promise<number> {
  return inTurn(() => scoreInTurn(deps, leads, now));
}

async function scoreInTurn(deps: ScoreLeadDeps, leads: readonly LeadRevision[], now: Date): Promise<number> {
  const newest = new Map<string, LeadRevision>();
  for (const lead of leads) {
    const seen = newest.get(lead.leadId);
    if (!seen || seen.revision <= lead.revision) newest.set(lead.leadId, lead);
  }
  const stored = await deps.profiles.revisions([...newest.keys()]);
  const current = [...newest.values()].filter((lead) => {
    const before = stored.get(lead.leadId);
    return before === undefined || (!before.withdrawn && before.revision <= lead.revision);
  });
  // The profiles first: every stored score can then be explained from its profile (a
  // redelivery after a crash here finds the revision stored and scores it again).
  await deps.profiles.save(current, now);
  const scored = current.flatMap((lead) => deps.engine.match(lead).map((result) => ({ lead, result })));
  return recordScores(deps.matches, await withPrevious(deps.matches, scored), { announce: 'always', now });
}

/**
 * A withdrawn lead leaves the ranked lists: its scores are deleted and its profile erased, and
 * a revision of it arriving later is not scored again. Idempotent.
 */
export function withdrawLeads(deps: ScoreLeadDeps, leadIds: readonly string[], now: Date): Promise<void> {
  return inTurn(async () => {
    await deps.profiles.withdraw(leadIds, now);
    await deps.matches.deleteForLeads(leadIds);
  });
}

type ProfileEvent = EventOf<typeof Events.leadSubmitted> | EventOf<typeof Events.leadUpdated>;

/** The consumer: submitted or updated profiles are scored at every park, a batch at a time. */
export function onProfiles(deps: ScoreLeadDeps & { onEventsWritten: () => void }) {
  return async (events: readonly ProfileEvent[]): Promise<void> => {
    const written = await scoreLeads(
      deps,
      events.map((e) => e.payload),
      new Date(),
    );
    if (written > 0) deps.onEventsWritten();
  };
}

/** The consumer of withdrawals, a batch at a time. */
export function onWithdrawn(deps: ScoreLeadDeps) {
  return async (events: readonly EventOf<typeof Events.profileWithdrawn>[]): Promise<void> => {
    await withdrawLeads(
      deps,
      events.map((e) => e.payload.leadId),
      new Date(),
    );
  };
}
