import {
  Appeal,
  type AppealChange,
  type AppealInput,
  AppealPage,
  type ExpectationsInput,
  type FiguresInput,
  FiguresList,
  FirmLeadView,
  IssuedToken,
  type KeyFirmInput,
  KeyFirmLedger,
  LeadLedger,
  LeadListPage,
  type LiaisonInput,
  MonthlyFigures,
  type MoveRequest,
  type ParkId,
  type Stage,
  SubmittedProfile,
  TeamLeadView,
  type Tier,
  type TransferRequest,
  Visit,
  type VisitInput,
  VisitList,
} from '@parkmatch/contracts';
import { z } from 'zod';
import type { CallContext, Upstream } from './http.ts';

// The leads service as the portal uses it: team sign-in; a firm's profile (submit, read,
// update, withdraw) read with the firm's own token; and the teams' closed loop — the lead
// list, a lead with its legal moves, claiming and moving it, its two ledgers and the exports.

/** What the team's lead page shows of a lead (a tolerant reader: fields it does not show may come and go). */
export const TeamLead = TeamLeadView.pick({
  id: true,
  revision: true,
  stage: true,
  heldFrom: true,
  stageEnteredAt: true,
  pipelineRevision: true,
  owner: true,
  liaison: true,
  facts: true,
  history: true,
  profile: true,
  parks: true,
  createdAt: true,
  updatedAt: true,
  legalMoves: true,
});
export type TeamLead = typeof TeamLead._output;

/**
 * A team account as `GET /v1/users` lists it (a tolerant reader: a role the portal does not
 * know is kept as a string, and what it does not show — dates — is not read).
 */
export const TeamAccount = z.object({
  username: z.string(),
  role: z.string(),
  parkId: z.string().optional(),
  disabled: z.boolean().default(false),
});
export type TeamAccount = z.output<typeof TeamAccount>;
const TeamAccountList = z.object({ items: z.array(TeamAccount) });

/**
 * A profile as the firm typed it, in ProfileInput's shape but not validated here: the leads
 * service validates it against ProfileInput and answers with field errors.
 */
export type ProfileDraft = Record<string, unknown>;

export interface LeadListQuery {
  stage?: Stage | undefined;
  owner?: ParkId | 'none' | undefined;
  liaison?: string | undefined;
  tier?: Tier | undefined;
  q?: string | undefined;
  limit?: number;
  cursor?: string | undefined;
}

/** The spreadsheets the leads service gives the teams. */
export const EXPORTS = ['leads.xlsx', 'leads.csv', 'ledgers.xlsx'] as const;
export type ExportFile = (typeof EXPORTS)[number];

const profilePath = (leadId: string) => `/v1/profiles/${encodeURIComponent(leadId)}`;
const leadPath = (leadId: string, rest = '') => `/v1/leads/${encodeURIComponent(leadId)}${rest}`;

export function leadsClient(leads: Upstream) {
  return {
    issueToken: (username: string, password: string, ctx: CallContext) =>
      leads.call(IssuedToken, 'POST', '/v1/auth/token', ctx, { body: { username, password } }),
    submitProfile: (profile: ProfileDraft, ctx: CallContext) =>
      leads.call(SubmittedProfile, 'POST', '/v1/profiles', ctx, { body: profile }),
    /** The firm's own view of its lead (with the firm's token). */
    firmLead: (leadId: string, ctx: CallContext) => leads.call(FirmLeadView, 'GET', profilePath(leadId), ctx),
    updateProfile: (leadId: string, profile: ProfileDraft, ctx: CallContext) =>
      leads.call(FirmLeadView, 'PUT', profilePath(leadId), ctx, { body: profile }),
    withdrawProfile: (leadId: string, ctx: CallContext) => leads.send('DELETE', profilePath(leadId), ctx),

    // ── the closed loop (a team member's token) ─────────────────────────────────
    /** A lead as the member's team works it, with the moves the member may make. */
    teamLead: (leadId: string, ctx: CallContext) => leads.call(TeamLead, 'GET', leadPath(leadId), ctx),
    listLeads: (query: LeadListQuery, ctx: CallContext) =>
      leads.call(LeadListPage, 'GET', '/v1/leads', ctx, { query: { ...query } }),
    claim: (leadId: string, parkId: string | undefined, ctx: CallContext) =>
      leads.call(TeamLead, 'POST', leadPath(leadId, '/claim'), ctx, {
        body: parkId ? { parkId } : {},
      }),
    move: (leadId: string, request: MoveRequest, ctx: CallContext) =>
      leads.call(TeamLead, 'POST', leadPath(leadId, '/stage'), ctx, { body: request }),
    /** Hands a claimed lead to another park, with a reason (city managers, admins). */
    transfer: (leadId: string, request: TransferRequest, ctx: CallContext) =>
      leads.call(TeamLead, 'POST', leadPath(leadId, '/transfer'), ctx, { body: request }),

    /**
     * A park's team accounts as the member may list them: a park's analyst gets its park's
     * roster (active analysts and managers); a manager and city-wide staff every account of it.
     * Services older than the roster refuse analysts (403).
     */
    parkAccounts: (parkId: string, ctx: CallContext) =>
      leads.call(TeamAccountList, 'GET', '/v1/users', ctx, { query: { parkId } }),

    // ── 一企一策 and 重点培育 ledgers ────────────────────────────────────────────
    ledger: (leadId: string, ctx: CallContext) =>
      leads.call(LeadLedger, 'GET', leadPath(leadId, '/ledger'), ctx),
    assignLiaison: (leadId: string, input: LiaisonInput, ctx: CallContext) =>
      leads.call(LeadLedger, 'PUT', leadPath(leadId, '/liaison'), ctx, { body: input }),
    setExpectations: (leadId: string, input: ExpectationsInput, ctx: CallContext) =>
      leads.call(LeadLedger, 'PUT', leadPath(leadId, '/expectations'), ctx, { body: input }),
    visits: (leadId: string, ctx: CallContext) =>
      leads.call(VisitList, 'GET', leadPath(leadId, '/visits'), ctx),
    logVisit: (leadId: string, input: VisitInput, ctx: CallContext) =>
      leads.call(Visit, 'POST', leadPath(leadId, '/visits'), ctx, { body: input }),
    appeals: (leadId: string, ctx: CallContext) =>
      leads.call(AppealPage, 'GET', leadPath(leadId, '/appeals'), ctx, { query: { limit: 100 } }),
    openAppeal: (leadId: string, input: AppealInput, ctx: CallContext) =>
      leads.call(Appeal, 'POST', leadPath(leadId, '/appeals'), ctx, { body: input }),
    appeal: (appealId: string, ctx: CallContext) =>
      leads.call(Appeal, 'GET', `/v1/appeals/${encodeURIComponent(appealId)}`, ctx),
    changeAppeal: (appealId: string, change: AppealChange, ctx: CallContext) =>
      leads.call(Appeal, 'PATCH', `/v1/appeals/${encodeURIComponent(appealId)}`, ctx, { body: change }),
    /** Puts the lead on the 重点培育 ledger by hand, or takes it off. */
    markKeyFirm: (leadId: string, input: KeyFirmInput, ctx: CallContext) =>
      leads.call(LeadLedger, 'PUT', leadPath(leadId, '/key-firm'), ctx, { body: input }),
    /** The 重点培育 ledger for a month: the key firms the member may see, reported or not. */
    keyFirms: (query: { month?: string | undefined; parkId?: string | undefined }, ctx: CallContext) =>
      leads.call(KeyFirmLedger, 'GET', '/v1/ledgers/key-firms', ctx, { query: { ...query } }),
    figures: (leadId: string, ctx: CallContext) =>
      leads.call(FiguresList, 'GET', leadPath(leadId, '/figures'), ctx),
    reportFigures: (leadId: string, month: string, input: FiguresInput, ctx: CallContext) =>
      leads.call(MonthlyFigures, 'PUT', leadPath(leadId, `/figures/${encodeURIComponent(month)}`), ctx, {
        body: input,
      }),

    /** A spreadsheet of what the member may see, as the service streams it. */
    exportFile: (file: ExportFile, ctx: CallContext) => leads.stream('GET', `/v1/exports/${file}`, ctx),
  };
}

export type LeadsClient = ReturnType<typeof leadsClient>;
