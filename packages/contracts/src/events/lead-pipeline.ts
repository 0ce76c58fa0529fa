import { z } from 'zod';
import { AnyStageFacts, APPEAL_CATEGORIES, CalendarDate, Stage } from '../pipeline.ts';
import { defineEvent } from './envelope.ts';

// The closed loop, announced: every change of a lead's owner, stage and ledgers. All keyed
// by the lead id, so one lead's events keep their order. `at` is when it happened (ISO).

const Who = { by: z.string(), at: z.iso.datetime() };

/** A park's team claimed a lead (首报首谈): it owns and works it from now on. */
export const leadClaimed = defineEvent(
  'leads.lead.claimed.v1',
  z.object({ leadId: z.string(), parkId: z.string(), ...Who }),
);

/** A city manager or an admin moved a lead to another park. */
export const leadTransferred = defineEvent(
  'leads.lead.transferred.v1',
  z.object({ leadId: z.string(), fromParkId: z.string(), toParkId: z.string(), reason: z.string(), ...Who }),
);

/** A lead moved in the pipeline, with the facts of the stage it entered. */
export const stageChanged = defineEvent(
  'leads.lead.stage-changed.v1',
  z.object({
    leadId: z.string(),
    /** The owning park (stage moves need an owner). */
    parkId: z.string(),
    from: Stage,
    to: Stage,
    note: z.string().optional(),
    facts: AnyStageFacts.optional(),
    /** When the lead entered `from`: time in stage is `at` minus this. */
    enteredFromAt: z.iso.datetime(),
    ...Who,
  }),
);

/** The park named a liaison (联络员) for the lead. */
export const liaisonAssigned = defineEvent(
  'leads.lead.liaison-assigned.v1',
  z.object({ leadId: z.string(), parkId: z.string(), liaison: z.string(), ...Who }),
);

/** A visit or talk was logged in the 一企一策 ledger. */
export const visitLogged = defineEvent(
  'leads.visit.logged.v1',
  z.object({ leadId: z.string(), parkId: z.string(), visitId: z.string(), date: CalendarDate, ...Who }),
);

/** A firm's problem (诉求) was opened. */
export const appealOpened = defineEvent(
  'leads.appeal.opened.v1',
  z.object({
    leadId: z.string(),
    parkId: z.string(),
    appealId: z.string(),
    category: z.enum(APPEAL_CATEGORIES),
    dueOn: CalendarDate,
    ...Who,
  }),
);

/** A firm's problem was closed: resolved (with how) or rejected (with why). */
export const appealClosed = defineEvent(
  'leads.appeal.closed.v1',
  z.object({
    leadId: z.string(),
    parkId: z.string(),
    appealId: z.string(),
    category: z.enum(APPEAL_CATEGORIES),
    outcome: z.enum(['resolved', 'rejected']),
    openedAt: z.iso.datetime(),
    dueOn: CalendarDate,
    ...Who,
  }),
);

/** A key firm's monthly figures (重点培育台账) were reported or corrected. */
export const figuresReported = defineEvent(
  'leads.figures.reported.v1',
  z.object({
    leadId: z.string(),
    parkId: z.string(),
    /** `YYYY-MM` */
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    revenueCny: z.number().nonnegative(),
    taxCny: z.number().nonnegative(),
    employees: z.number().int().nonnegative(),
    certificatesObtained: z.number().int().nonnegative(),
    /** True when this replaces figures reported earlier for the month. */
    correction: z.boolean(),
    ...Who,
  }),
);

/** The firm withdrew its profile: contact data erased, the lead closed. */
export const profileWithdrawn = defineEvent(
  'leads.profile.withdrawn.v1',
  z.object({ leadId: z.string(), ...Who }),
);
