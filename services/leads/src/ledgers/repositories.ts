import type { EventOf, Events } from '@parkmatch/contracts';
import type { DocumentStore } from '@parkmatch/store';
import { AppealRepository } from './appeals/repository.ts';
import { FiguresRepository } from './figures/repository.ts';
import { VisitRepository } from './visits/repository.ts';

// The ledgers' own collections (what is kept on the lead itself — liaison, expectations, the
// key-firm mark — stays in the lead's repository). Each carries the events of its writes.

export interface LedgerRepositories {
  visits: VisitRepository;
  appeals: AppealRepository;
  figures: FiguresRepository;
}

export async function openLedgerRepositories(store: DocumentStore): Promise<LedgerRepositories> {
  const [visits, appeals, figures] = await Promise.all([
    VisitRepository.open(store),
    AppealRepository.open(store),
    FiguresRepository.open(store),
  ]);
  return { visits, appeals, figures };
}

/** The ledger collections whose documents carry outbox entries: the relay publishes them. */
export const LEDGER_OUTBOX_COLLECTIONS = [
  VisitRepository.COLLECTION,
  AppealRepository.COLLECTION,
  FiguresRepository.COLLECTION,
] as const;

/**
 * A lead's ledger entries go with it when another park becomes its owner (a transfer): call
 * after the transfer is stored. Idempotent; entries already at `parkId` are left alone.
 */
export async function moveLedgersToPark(ledgers: LedgerRepositories, leadId: string, parkId: string) {
  await Promise.all([
    ledgers.visits.moveToPark(leadId, parkId),
    ledgers.appeals.moveToPark(leadId, parkId),
    ledgers.figures.moveToPark(leadId, parkId),
  ]);
}

/** The consumer: each transferred lead's ledger entries move to its new park (the last transfer of a batch wins). */
export function onLeadsTransferred(ledgers: LedgerRepositories) {
  return async (events: readonly EventOf<typeof Events.leadTransferred>[]): Promise<void> => {
    const latest = new Map(events.map((e) => [e.payload.leadId, e.payload.toParkId]));
    for (const [leadId, parkId] of latest) await moveLedgersToPark(ledgers, leadId, parkId);
  };
}
