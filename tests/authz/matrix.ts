// The authorization matrix: for every operation the services declare (keyed by operationId),
// the answer each caller must get. A reviewer reads this file, not the code under test.
//
// Callers (columns):
//   none     no Authorization header
//   bad      each of the eight bad tokens of tokens.ts (malformed, truncated, wrong signature,
//            alg none, expired, wrong issuer, unknown role, a firm token edited into an admin's),
//            and a revoked token when the system revokes
//   firm     the firm of the own lead (a firm token)
//   analyst  an analyst of the own park (Dadukou)
//   manager  a manager of the own park
//   city     a city-wide manager (no park)
//   admin    an admin
// Targets: each caller is asked about the own park's things and the other park's (Bio-City):
//   a lead the own park rated A–C and owns (the other park rated it D) and the other park's
//   lead (rated D by the own park), their appeals, shared channels, inbox entries,
//   notifications, catalogs, metrics and targets. "x/y" is the answer for own/other; one
//   value is the answer for both.
// Answers: ok = 2xx; 401, 403, 404, 409 = that status. A lead, appeal, channel, inbox entry or
// notification the caller may not see answers 404, exactly as one that does not exist.
// `fresh`: each cell gets a thing of its own (the operation changes or ends it); `account` is
// a team account of the target's park ({username}), `caller` a new account in the caller's
// role (the operation changes the caller's own password or sessions).

export type Answer = 'ok' | '401' | '403' | '404' | '409';
export type Fresh = 'lead' | 'appeal' | 'channel' | 'working-day' | 'account' | 'caller';

export interface Row {
  none: Answer;
  bad: Answer;
  firm: string;
  analyst: string;
  manager: string;
  city: string;
  admin: string;
  fresh?: Fresh;
}

export const ROLES = ['firm', 'analyst', 'manager', 'city', 'admin'] as const;
export type RoleColumn = (typeof ROLES)[number];

const r = (
  none: Answer,
  bad: Answer,
  firm: string,
  analyst: string,
  manager: string,
  city: string,
  admin: string,
  fresh?: Fresh,
): Row => ({ none, bad, firm, analyst, manager, city, admin, ...(fresh ? { fresh } : {}) });

/**
 * A lead's data, or another thing one park owns (an appeal, an inbox entry, a notification): its
 * park's team and city-wide staff; anyone else is told it does not exist.
 */
const OWN_LEAD = r('401', '401', '403', 'ok/404', 'ok/404', 'ok', 'ok');
/** A park's data for its team (parkId in the path or the query). */
const OWN_PARK = r('401', '401', '403', 'ok/403', 'ok/403', 'ok', 'ok');
/** A park's settings: its managers and city-wide staff change them; analysts read only. */
const PARK_SETTING = r('401', '401', '403', '403', 'ok/403', 'ok', 'ok');
/** Anything for the team of any park, with no park in the request. */
const TEAM = r('401', '401', '403', 'ok', 'ok', 'ok', 'ok');
/** Admins only. */
const ADMIN = r('401', '401', '403', '403', '403', '403', 'ok');
const PUBLIC = r('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok');

export const MATRIX: Record<string, Row> = {
  // leads: accounts
  issueToken: PUBLIC, // the token header is not read: the body's password decides
  createUser: ADMIN,
  listUsers: r('401', '401', '403', '403', 'ok/403', 'ok', 'ok'), // a park's manager lists its park's team
  changeOwnPassword: r('401', '401', '403', 'ok', 'ok', 'ok', 'ok', 'caller'),
  revokeUserSessions: r('401', '401', '403', '403', '403', '403', 'ok', 'account'), // others' sessions: admins
  disableUser: { ...ADMIN, fresh: 'account' },
  enableUser: { ...ADMIN, fresh: 'account' },
  resetUserPassword: { ...ADMIN, fresh: 'account' },
  // leads: profiles — the firm writes its own; team members read the leads they may see
  submitProfile: PUBLIC, // a token is read only with `at` (history import), not sent here
  getProfile: r('401', '401', 'ok/404', 'ok/404', 'ok/404', 'ok', 'ok'),
  updateProfile: r('401', '401', 'ok/403', '403', '403', '403', 'ok'),
  withdrawProfile: r('401', '401', 'ok/403', '403', '403', '403', 'ok', 'lead'),
  // leads: the closed loop
  listLeads: TEAM,
  getLead: OWN_LEAD,
  claimLead: r('401', '401', '403', '409/404', '409/404', '409', '409'), // both leads are owned already
  transferLead: r('401', '401', '403', '403', '403', 'ok', 'ok', 'lead'),
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
  getLeadMatches: OWN_LEAD, // the other lead is rated D by the own park: not theirs to see
  // notifications
  listInbox: OWN_PARK,
  markInboxEntryRead: OWN_LEAD,
  getMyNotificationPreferences: TEAM,
  setMyNotificationPreferences: TEAM,
  getParkNotificationPreferences: OWN_PARK,
  setParkNotificationPreferences: PARK_SETTING,
  // ?parkId= narrows the caller's channels: another park's shared channels are left out, not refused.
  listChannels: r('401', '401', '403', 'ok', 'ok', 'ok', 'ok'),
  createChannel: PARK_SETTING,
  getChannel: r('401', '401', '403', 'ok/404', 'ok/404', 'ok', 'ok'), // a park's shared channel: its team sees it
  deleteChannel: r('401', '401', '403', '403/404', 'ok/404', 'ok', 'ok', 'channel'),
  sendChannelTestMessage: r('401', '401', '403', '403/404', 'ok/404', 'ok', 'ok', 'channel'),
  listNotifications: OWN_PARK,
  getNotificationDeliveries: OWN_LEAD,
  // A bank's inbox: its officers' (that column comes with firm-services' rows) and admins'.
  listBankInbox: ADMIN,
  markBankInboxEntryRead: r('401', '401', '403', '403', '403', '403', '404'), // no bank inbox entry here
  listDeadLetters: ADMIN,
  replayDeadLetter: r('401', '401', '403', '403', '403', '403', '404'), // there is no dead letter to replay
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
  getReadModelStatus: r('401', '401', '403', '403', 'ok', 'ok', 'ok'),
};

/**
 * Services whose operations have no rows yet, with the reason. Their operations are counted and
 * printed as skipped, not failed; an operation of any other service without a row fails.
 */
export const PENDING_SERVICES: Record<string, string> = {
  'firm-services':
    'new service (roles bank-officer and service-operator, banks, products, needs, orders): ' +
    'its rows and fixtures are to be written with it',
};

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
};

/** The expected answer of a role column for one side. */
export function answerFor(cell: string, side: 'own' | 'other'): Answer {
  const [own, other = own] = cell.split('/') as [Answer, Answer?];
  return side === 'own' ? own : other;
}
