// The authorization matrix: for every operation the services declare (keyed by operationId),
// the answer each caller must get. A reviewer reads this file, not the code under test.
//
// Callers (columns):
//   none      no Authorization header
//   bad       each of the eight bad tokens of tokens.ts (malformed, truncated, wrong signature,
//             alg none, expired, wrong issuer, unknown role, a firm token edited into an admin's),
//             and a revoked token when the system revokes
//   firm      the firm of the own lead (a firm token)
//   analyst   an analyst of the own park (Dadukou)
//   manager   a manager of the own park
//   city      a city-wide manager (no park)
//   admin     an admin
//   bank      a bank officer (firm-services), member of the own bank only; no park
//   operator  a service operator's staff (firm-services), member of the own operator only; no park
// Outside firm-services a bank officer and a service operator are staff of no park and no team:
// every team route refuses them (403), a lead answers them as one that does not exist (404),
// their own password is theirs to change.
// Targets: each caller is asked about the own park's things and the other park's (Bio-City):
//   a lead the own park rated A–C and owns (the other park rated it D) and the other park's
//   lead (rated D by the own park), their appeals, shared channels, inbox entries,
//   notifications, catalogs, metrics and targets; on firm-services the own and the other side's
//   bank and operator, a credit product of each bank, each lead's financing need pushed to its
//   side's product (and that push's entry in the bank's inbox), each operator's service, each
//   lead's order of its side's service (completed, with a report file), each lead's voucher
//   account with a pending application. "x/y" is the answer for own/other; one value is the
//   answer for both.
// Answers: ok = 2xx; 401, 403, 404, 409 = that status. A lead, appeal, channel, inbox entry,
// notification, financing need or order the caller may not see answers 404, exactly as one that
// does not exist.
// `fresh`: each cell gets a thing of its own (the operation changes or ends it); `account` is
// a team account of the target's park ({username}), `caller` a new account in the caller's
// role (the operation changes the caller's own password or sessions); `push` a new need of the
// target's firm pushed to the target's product, `order` a new placed order of the target's firm
// for the target's service, `accepted-order` one the operator accepted, `application` a new
// pending voucher application of the target's firm.

export type Answer = 'ok' | '401' | '403' | '404' | '409';
export type Fresh =
  | 'lead'
  | 'appeal'
  | 'channel'
  | 'working-day'
  | 'account'
  | 'caller'
  | 'push'
  | 'order'
  | 'accepted-order'
  | 'application';

export interface Row {
  none: Answer;
  bad: Answer;
  firm: string;
  analyst: string;
  manager: string;
  city: string;
  admin: string;
  bank: string;
  operator: string;
  fresh?: Fresh;
}

export const ROLES = ['firm', 'analyst', 'manager', 'city', 'admin', 'bank', 'operator'] as const;
export type RoleColumn = (typeof ROLES)[number];

const r = (
  none: Answer,
  bad: Answer,
  firm: string,
  analyst: string,
  manager: string,
  city: string,
  admin: string,
  bank: string,
  operator: string,
  fresh?: Fresh,
): Row => ({
  none,
  bad,
  firm,
  analyst,
  manager,
  city,
  admin,
  bank,
  operator,
  ...(fresh ? { fresh } : {}),
});

/**
 * A lead's data, or another thing one park owns (an appeal, an inbox entry, a notification): its
 * park's team and city-wide staff; anyone else is told it does not exist. Bank officers and
 * service operators are not a park's team: the team's routes refuse them.
 */
const OWN_LEAD = r('401', '401', '403', 'ok/404', 'ok/404', 'ok', 'ok', '403', '403');
/** A park's data for its team (parkId in the path or the query). */
const OWN_PARK = r('401', '401', '403', 'ok/403', 'ok/403', 'ok', 'ok', '403', '403');
/** A park's settings: its managers and city-wide staff change them; analysts read only. */
const PARK_SETTING = r('401', '401', '403', '403', 'ok/403', 'ok', 'ok', '403', '403');
/** Anything for the team of any park, with no park in the request. */
const TEAM = r('401', '401', '403', 'ok', 'ok', 'ok', 'ok', '403', '403');
/** One's own notification settings: team members and bank officers. */
const ACCOUNT = r('401', '401', '403', 'ok', 'ok', 'ok', 'ok', 'ok', '403');
/** Admins only. */
const ADMIN = r('401', '401', '403', '403', '403', '403', 'ok', '403', '403');
const PUBLIC = r('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok');
/** firm-services: anyone signed in (a catalogue: banks, operators, products, services). */
const SIGNED_IN = r('401', '401', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok');
/**
 * firm-services: done for a firm (its lead in the request) — by the firm itself, its park's team
 * and city-wide staff; a firm or park not the caller's is told the firm does not exist. Banks
 * and operators do not act for firms.
 */
const FOR_FIRM = r('401', '401', 'ok/404', 'ok/404', 'ok/404', 'ok', 'ok', '403', '403');
/**
 * firm-services: a firm's order of a platform service — the firm, its park's team, city-wide
 * staff and the staff of the order's operator read it; anyone else is told it does not exist.
 */
const ORDER = r('401', '401', 'ok/404', 'ok/404', 'ok/404', 'ok', 'ok', '404', 'ok/404');
/**
 * firm-services: the operator's move on an order (declining, completing): its operator's staff
 * make it; the firm's side may see the order but the move is not theirs (403).
 */
const OPERATOR_MOVE = r('401', '401', '403/404', '403/404', '403/404', '403', 'ok', '404', 'ok/404');
/** firm-services: the firm's park decides its voucher applications (never the firm itself). */
const PARK_DECIDES = r('401', '401', '403', 'ok/404', 'ok/404', 'ok', 'ok', '403', '403');

export const MATRIX: Record<string, Row> = {
  // leads: accounts
  issueToken: PUBLIC, // the token header is not read: the body's password decides
  createUser: ADMIN,
  listUsers: OWN_PARK, // a park's manager lists its park's accounts, an analyst its park's roster (联络员 picks)
  // Every account's own password (firm tokens have none), bank officers' and operators' too.
  changeOwnPassword: r('401', '401', '403', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'caller'),
  revokeUserSessions: r('401', '401', '403', '403', '403', '403', 'ok', '403', '403', 'account'), // others' sessions: admins
  disableUser: { ...ADMIN, fresh: 'account' },
  enableUser: { ...ADMIN, fresh: 'account' },
  resetUserPassword: { ...ADMIN, fresh: 'account' },
  // leads: profiles — the firm writes its own; team members read the leads they may see
  submitProfile: PUBLIC, // a token is read only with `at` (history import), not sent here
  getProfile: r('401', '401', 'ok/404', 'ok/404', 'ok/404', 'ok', 'ok', '404', '404'),
  updateProfile: r('401', '401', 'ok/403', '403', '403', '403', 'ok', '403', '403'),
  withdrawProfile: r('401', '401', 'ok/403', '403', '403', '403', 'ok', '403', '403', 'lead'),
  // leads: the closed loop
  listLeads: TEAM,
  getLead: OWN_LEAD,
  claimLead: r('401', '401', '403', '409/404', '409/404', '409', '409', '403', '403'), // both leads are owned already
  transferLead: r('401', '401', '403', '403', '403', 'ok', 'ok', '403', '403', 'lead'),
  moveLeadStage: { ...OWN_LEAD, fresh: 'lead' },
  reissueFirmAccessLink: { ...OWN_LEAD, fresh: 'lead' },
  exportLeadsXlsx: TEAM,
  exportLeadsCsv: TEAM,
  exportLedgersXlsx: TEAM,
  // leads: the two ledgers
  getLeadLedger: OWN_LEAD,
  assignLiaison: OWN_LEAD,
  setExpectations: OWN_LEAD,
  logVisit: OWN_LEAD,
  listVisits: OWN_LEAD,
  openAppeal: OWN_LEAD,
  listLeadAppeals: OWN_LEAD,
  listAppeals: TEAM, // ?leadId= of a lead not theirs: an empty page
  getAppeal: OWN_LEAD,
  changeAppealStatus: { ...OWN_LEAD, fresh: 'appeal' },
  reportFigures: OWN_LEAD,
  listFigures: OWN_LEAD,
  markKeyFirm: OWN_LEAD,
  listKeyFirms: OWN_PARK,
  // matching
  listParks: PUBLIC,
  getParkCatalog: OWN_PARK,
  publishCatalog: PARK_SETTING,
  listCatalogVersions: PARK_SETTING, // versions are for the catalog's editors
  getCatalogVersion: PARK_SETTING,
  previewCatalog: PARK_SETTING,
  listRankedLeads: OWN_PARK,
  getRerankProgress: OWN_PARK,
  // The other lead is rated D by the own park and owned by the other park: not theirs to see. The
  // owner park sees its own park's score whatever the tier (access.ts's canSeeRatingAt, as for
  // the lead itself): the own lead is owned and rated A–C here; a D owner's case is in
  // services/matching/src/scores/routes.test.ts and tests/e2e/closed-loop.test.ts.
  getLeadMatches: OWN_LEAD,
  // notifications
  listInbox: OWN_PARK,
  markInboxEntryRead: OWN_LEAD,
  // One's own rules and channels: team members and bank officers (a need pushed to its bank reaches
  // an officer there); a park's shared channel is its team's, so an officer is told it does not exist.
  getMyNotificationPreferences: ACCOUNT,
  setMyNotificationPreferences: ACCOUNT,
  getParkNotificationPreferences: OWN_PARK,
  setParkNotificationPreferences: PARK_SETTING,
  // ?parkId= narrows the caller's channels: another park's shared channels are left out, not refused.
  listChannels: ACCOUNT,
  createChannel: PARK_SETTING, // the request sets up a park's shared channel
  getChannel: r('401', '401', '403', 'ok/404', 'ok/404', 'ok', 'ok', '404', '403'), // a park's shared channel: its team sees it
  deleteChannel: r('401', '401', '403', '403/404', 'ok/404', 'ok', 'ok', '404', '403', 'channel'),
  sendChannelTestMessage: r('401', '401', '403', '403/404', 'ok/404', 'ok', 'ok', '404', '403', 'channel'),
  listNotifications: OWN_PARK,
  getNotificationDeliveries: OWN_LEAD,
  // A bank's inbox: its officers' and admins'. ?bankId= of another bank narrows the officer's
  // entries to none (left out, not refused); an entry of another bank's inbox is not theirs.
  listBankInbox: r('401', '401', '403', '403', '403', '403', 'ok', 'ok', '403'),
  markBankInboxEntryRead: r('401', '401', '403', '403', '403', '403', 'ok', 'ok/404', '403'),
  listDeadLetters: ADMIN,
  replayDeadLetter: r('401', '401', '403', '403', '403', '403', '404', '403', '403'), // there is no dead letter to replay
  getSlaPolicy: OWN_PARK,
  setSlaPolicy: PARK_SETTING,
  listSlaClocks: OWN_PARK,
  listWorkingDays: TEAM,
  setWorkingDayOverride: ADMIN,
  deleteWorkingDayOverride: { ...ADMIN, fresh: 'working-day' },
  // insights
  getFunnel: OWN_PARK,
  getConversion: OWN_PARK,
  getTimeInStage: OWN_PARK,
  getInvestment: OWN_PARK,
  getLost: OWN_PARK,
  getAppeals: OWN_PARK,
  getQuality: OWN_PARK,
  getActivity: OWN_PARK,
  getFinancing: OWN_PARK,
  listTargets: OWN_PARK,
  setTarget: PARK_SETTING,
  getReadModelStatus: r('401', '401', '403', '403', 'ok', 'ok', 'ok', '403', '403'),
  // firm-services: banks and operators (their members act for them), kept by admins
  putOrg: ADMIN,
  listOrgs: SIGNED_IN,
  // firm-services: credit products, kept by their bank's officers
  putFinanceProduct: r('401', '401', '403', '403', '403', '403', 'ok', 'ok/403', '403'),
  listFinanceProducts: SIGNED_IN,
  getFinanceProduct: SIGNED_IN,
  // firm-services: financing needs — the firm and its park's team register, match and push them;
  // a bank officer reads those pushed to its bank and answers them
  registerFinancingNeed: FOR_FIRM,
  // ?leadId= names the firm; a bank officer's list is the needs pushed to its bank (of that firm:
  // the other side's none); an operator acts for no firm.
  listFinancingNeeds: r('401', '401', 'ok/404', 'ok/404', 'ok/404', 'ok', 'ok', 'ok', '404'),
  getFinancingNeed: r('401', '401', 'ok/404', 'ok/404', 'ok/404', 'ok', 'ok', 'ok/404', '404'),
  matchFinancingNeed: FOR_FIRM, // the market is the firm's to see, not a bank's
  pushFinancingNeed: FOR_FIRM, // pushed there before: left as it is
  answerFinancingNeed: r('401', '401', '403', '403', '403', '403', 'ok', 'ok/404', '403', 'push'),
  // firm-services: the R&D platform's catalogue, kept by each operator's staff
  putRndService: r('401', '401', '403', '403', '403', '403', 'ok', '403', 'ok/403'),
  listRndServices: SIGNED_IN,
  getRndService: SIGNED_IN,
  suggestRndServices: FOR_FIRM,
  // firm-services: orders — placed for a firm, accepted, declined and completed by the operator
  placeRndOrder: FOR_FIRM,
  // ?leadId= names the firm: a bank officer acts for none; an operator's list is its own orders.
  listRndOrders: r('401', '401', 'ok/404', 'ok/404', 'ok/404', 'ok', 'ok', '404', 'ok'),
  getRndOrder: ORDER,
  changeRndOrderStatus: { ...OPERATOR_MOVE, fresh: 'order' },
  completeRndOrder: { ...OPERATOR_MOVE, fresh: 'accepted-order' },
  getRndOrderReport: ORDER,
  // firm-services: service vouchers — the firm applies, its park decides
  applyForVouchers: FOR_FIRM,
  decideVoucherApplication: { ...PARK_DECIDES, fresh: 'application' },
  getVoucherAccount: FOR_FIRM,
  listVoucherAccounts: TEAM, // the caller's park's accounts (every park's for city-wide staff)
};

/**
 * Services whose operations have no rows yet, with the reason. Their operations are counted and
 * printed as skipped, not failed; an operation of any other service without a row fails.
 */
export const PENDING_SERVICES: Record<string, string> = {};

/**
 * Whose lead each caller may see — its firm's name anywhere, its contact data (name, phone,
 * email of the firm's contact) only from the leads service. Nobody else may get either.
 */
export const MAY_SEE_LEAD: Record<'none' | 'bad' | RoleColumn, readonly ('own' | 'other')[]> = {
  none: [],
  bad: [],
  firm: ['own'],
  analyst: ['own'],
  manager: ['own'],
  city: ['own', 'other'],
  admin: ['own', 'other'],
  // The firm's name on the need pushed to its bank, on the order of its operator's service.
  bank: ['own'],
  operator: ['own'],
};

/**
 * 首报首谈: the own park's analyst and manager reading the rival lead (rival.ts) — rated A–C by
 * both parks, claimed, worked and signed by the other park. Every GET of every service is asked
 * about it and none may answer with its contact, liaison, 协议投资额 or history notes; these are
 * the answers expected where the lead is named. The own park still sees the lead, its score and
 * the lead list's and exports' row; its ledgers are the owner's (404, as for any lead not theirs).
 */
export const RIVAL_READS: Record<string, Answer> = {
  getProfile: 'ok',
  getLead: 'ok',
  getLeadMatches: 'ok',
  listLeads: 'ok',
  exportLeadsXlsx: 'ok',
  exportLeadsCsv: 'ok',
  getLeadLedger: '404',
  listVisits: '404',
  listLeadAppeals: '404',
  listFigures: '404',
};

/** Callers who may see a firm's name from these services only (anywhere else they see no lead). */
export const SEES_LEADS_ONLY_FROM: Partial<Record<RoleColumn, readonly string[]>> = {
  bank: ['firm-services', 'notifications'], // notifications: the bank's inbox
  operator: ['firm-services'],
};

/** The expected answer of a role column for one side. */
export function answerFor(cell: string, side: 'own' | 'other'): Answer {
  const [own, other = own] = cell.split('/') as [Answer, Answer?];
  return side === 'own' ? own : other;
}
