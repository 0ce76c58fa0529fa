import { type EventOf, Events } from '@parkmatch/contracts';

// The events of firm-services the read model folds (issue 14): financing needs, their pushes to
// banks and the banks' answers; R&D service orders; service-voucher applications and ledger
// movements. Keyed by the lead id like the closed loop's, so they fold into the lead's state.

export const FINANCING_EVENTS = {
  financeNeedRegistered: Events.financeNeedRegistered,
  financeNeedPushed: Events.financeNeedPushed,
  financeNeedAnswered: Events.financeNeedAnswered,
  rndOrderPlaced: Events.rndOrderPlaced,
  rndOrderChanged: Events.rndOrderChanged,
  voucherApplied: Events.voucherApplied,
  voucherDecided: Events.voucherDecided,
  voucherMoved: Events.voucherMoved,
} as const;

export type FinancingEventName = keyof typeof FINANCING_EVENTS;

/** A financing event, tagged with its name (as the read model's events are). */
export type FinancingEvent = {
  [N in FinancingEventName]: { name: N; event: EventOf<(typeof FINANCING_EVENTS)[N]> };
}[FinancingEventName];

export const isFinancingEvent = (input: { name: string }): input is FinancingEvent =>
  Object.hasOwn(FINANCING_EVENTS, input.name);
