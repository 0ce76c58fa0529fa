import { type EventOf, Events } from '@parkmatch/contracts';
import { FINANCING_EVENTS } from '../financing/events.ts';

// The events the read model folds: intake and scores, the closed loop, the 一企一策 ledger
// (liaisons, visits), appeals and monthly figures. (Profile updates change no figure insights
// shows: a re-score comes as leadScored.)

export const READ_MODEL_EVENTS = {
  leadSubmitted: Events.leadSubmitted,
  leadScored: Events.leadScored,
  leadClaimed: Events.leadClaimed,
  leadTransferred: Events.leadTransferred,
  stageChanged: Events.stageChanged,
  profileWithdrawn: Events.profileWithdrawn,
  appealOpened: Events.appealOpened,
  appealClosed: Events.appealClosed,
  figuresReported: Events.figuresReported,
  liaisonAssigned: Events.liaisonAssigned,
  visitLogged: Events.visitLogged,
  /** firm-services: financing needs, pushes and answers, R&D orders, service vouchers (financing/). */
  ...FINANCING_EVENTS,
} as const;

export type ReadModelEventName = keyof typeof READ_MODEL_EVENTS;

/** An event the read model folds, tagged with its name so the fold can tell them apart. */
export type ReadModelEvent = {
  [N in ReadModelEventName]: { name: N; event: EventOf<(typeof READ_MODEL_EVENTS)[N]> };
}[ReadModelEventName];

export const READ_MODEL_TOPICS: readonly string[] = Object.values(READ_MODEL_EVENTS).map((d) => d.topic);

/** The lead an event is about (every one of them is keyed by its lead). */
export const leadIdOf = ({ event }: ReadModelEvent): string => event.payload.leadId;
