import { accessRevoked } from './access-revoked.ts';
import { catalogPublished } from './catalog-published.ts';
import * as firmServices from './firm-services.ts';
import {
  appealClosed,
  appealOpened,
  figuresReported,
  leadClaimed,
  leadTransferred,
  liaisonAssigned,
  profileWithdrawn,
  stageChanged,
  visitLogged,
} from './lead-pipeline.ts';
import { leadSubmitted, leadUpdated } from './lead-revision.ts';
import { leadScored } from './lead-scored.ts';

export * from './envelope.ts';
export { LeadRevision } from './lead-revision.ts';

// A new event type: its file here, one line in `Events`, and its topic in
// infra/kafka/create-topics.sh (tests/compose.test.ts checks the script lists every topic).

/** Every event of the system, one constant map; consumers import from here, never a string. */
export const Events = {
  leadSubmitted,
  leadUpdated,
  leadScored,
  catalogPublished,
  leadClaimed,
  leadTransferred,
  stageChanged,
  liaisonAssigned,
  visitLogged,
  appealOpened,
  appealClosed,
  figuresReported,
  profileWithdrawn,
  accessRevoked,
  ...firmServices,
} as const;

/**
 * Every consumer group, one constant: a group handles each message of its topics once.
 * `broadcast` groups get an instance suffix, so that every instance sees every message.
 */
export const CONSUMER_GROUPS = {
  /** matching scores each submitted or updated profile at every park. */
  matchingScore: { group: 'matching.score', topics: [leadSubmitted.topic, leadUpdated.topic] },
  /** matching takes a withdrawn lead out of every ranked list and erases its profile copy. */
  matchingWithdrawn: { group: 'matching.withdrawn', topics: [profileWithdrawn.topic] },
  /** matching keeps who owns each lead: the owner park's team sees its score there whatever the tier. */
  matchingOwners: { group: 'matching.lead-owners', topics: [leadClaimed.topic, leadTransferred.topic] },
  /** every matching instance puts a published catalog in force. */
  matchingCatalogs: { group: 'matching.catalogs', topics: [catalogPublished.topic], broadcast: true },
  /** leads records how each park rated a lead (who may see it). */
  leadsRatings: { group: 'leads.park-ratings', topics: [leadScored.topic] },
  /** leads moves a transferred lead's ledger entries to the new park (their park scope). */
  leadsLedgerOwner: { group: 'leads.ledger-owner', topics: [leadTransferred.topic] },
  /** notifications turns scored leads into notifications (inbox entries, messages on subscribed channels). */
  notificationsInbox: { group: 'notifications.inbox', topics: [leadScored.topic] },
  /** notifications announces the closed loop and keeps its SLA clocks (who owns a lead, its stage, its appeals). */
  notificationsPipeline: {
    group: 'notifications.pipeline',
    topics: [
      leadClaimed.topic,
      leadTransferred.topic,
      stageChanged.topic,
      liaisonAssigned.topic,
      appealOpened.topic,
      appealClosed.topic,
      profileWithdrawn.topic,
    ],
  },
  /**
   * every service keeps the token revocations (each its own group, `<service>.token-revocations`:
   * a service's instances share its store, where the consumer writes them).
   */
  tokenRevocations: { group: 'token-revocations', topics: [accessRevoked.topic] },
  /**
   * insights folds the closed loop into its read model. A rebuild reads every topic again with a
   * fresh group of its own (this name plus a generation suffix); the service then follows that one.
   */
  insightsReadModel: {
    group: 'insights.read-model',
    topics: [
      leadSubmitted.topic,
      leadScored.topic,
      leadClaimed.topic,
      leadTransferred.topic,
      stageChanged.topic,
      profileWithdrawn.topic,
      appealOpened.topic,
      appealClosed.topic,
      figuresReported.topic,
      liaisonAssigned.topic,
      visitLogged.topic,
      // firm-services: financing demanded, pushed and answered; R&D orders; service vouchers.
      firmServices.financeNeedRegistered.topic,
      firmServices.financeNeedPushed.topic,
      firmServices.financeNeedAnswered.topic,
      firmServices.rndOrderPlaced.topic,
      firmServices.rndOrderChanged.topic,
      firmServices.voucherApplied.topic,
      firmServices.voucherDecided.topic,
      firmServices.voucherMoved.topic,
    ],
  },
  /** notifications tells a bank's officers of a need pushed to it, and the firm's liaison of each answer. */
  notificationsFinance: {
    group: 'notifications.finance',
    topics: [firmServices.financeNeedPushed.topic, firmServices.financeNeedAnswered.topic],
  },
  /** firm-services keeps the facts of each firm it serves (profile, owner park, liaison, sectors). */
  firmServicesFacts: {
    group: 'firm-services.firm-facts',
    topics: [
      leadSubmitted.topic,
      leadUpdated.topic,
      leadScored.topic,
      leadClaimed.topic,
      leadTransferred.topic,
      liaisonAssigned.topic,
      profileWithdrawn.topic,
    ],
  },
} as const satisfies Record<string, { group: string; topics: readonly string[]; broadcast?: boolean }>;
