import type { EventOf, Events } from '@parkmatch/contracts';
import { scoredSectors } from './facts.ts';
import type { FirmRepository } from './repository.ts';

// The leads service's events, folded into the firms' facts (CONSUMER_GROUPS.firmServicesFacts).
// Each handler is idempotent: at least once delivery and any order between topics are fine.

export const onRevisions =
  (firms: FirmRepository) =>
  async (events: EventOf<typeof Events.leadSubmitted>[]): Promise<void> => {
    for (const event of events) await firms.applyRevision(event.payload);
  };

export const onScored =
  (firms: FirmRepository) =>
  async (events: EventOf<typeof Events.leadScored>[]): Promise<void> => {
    await firms.setScoredSectors(
      events.map(({ payload }) => ({
        leadId: payload.leadId,
        parkId: payload.parkId,
        sectors: scoredSectors(payload.matchedDirections),
      })),
    );
  };

/** Moves a firm's needs, orders and voucher account to a park (each repository's moveToPark). */
export type MoveToPark = (leadId: string, parkId: string) => Promise<void>;

/**
 * The owner park changed: kept when it is the latest, and the firm's needs, orders and voucher
 * account follow whichever park owns it now (so a park's lists hold what its team may open).
 */
async function ownerChanged(
  firms: FirmRepository,
  move: MoveToPark,
  leadId: string,
  parkId: string,
  at: string,
  transferred = false,
) {
  if (transferred) await firms.transfer(leadId, parkId, at);
  else await firms.setOwner(leadId, parkId, at);
  const owner = (await firms.get(leadId))?.parkId;
  if (owner) await move(leadId, owner);
}

export const onClaimed =
  (firms: FirmRepository, move: MoveToPark) =>
  async (events: EventOf<typeof Events.leadClaimed>[]): Promise<void> => {
    for (const { payload } of events)
      await ownerChanged(firms, move, payload.leadId, payload.parkId, payload.at);
  };

export const onTransferred =
  (firms: FirmRepository, move: MoveToPark) =>
  async (events: EventOf<typeof Events.leadTransferred>[]): Promise<void> => {
    for (const { payload } of events)
      await ownerChanged(firms, move, payload.leadId, payload.toParkId, payload.at, true);
  };

export const onLiaison =
  (firms: FirmRepository) =>
  async (events: EventOf<typeof Events.liaisonAssigned>[]): Promise<void> => {
    for (const { payload } of events) await firms.setLiaison(payload.leadId, payload.liaison, payload.at);
  };

/** Closes what a firm that withdrew its profile left open (needs, applications, orders; close.ts). */
export type CloseFirm = (leadId: string, at: Date) => Promise<void>;

/**
 * The firm withdrew its profile: it is marked withdrawn (nothing new is started for it, 409)
 * and what it left open is closed, as of the withdrawal. Marked first, so an action racing the
 * close is refused; both steps are idempotent.
 */
export const onWithdrawn =
  (firms: FirmRepository, close: CloseFirm) =>
  async (events: EventOf<typeof Events.profileWithdrawn>[]): Promise<void> => {
    for (const { payload } of events) {
      await firms.setWithdrawn(payload.leadId);
      await close(payload.leadId, new Date(payload.at));
    }
  };
