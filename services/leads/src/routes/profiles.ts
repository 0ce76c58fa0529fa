import { createRoute } from '@hono/zod-openapi';
import { createEvent, Events, ProfileInput } from '@parkmatch/contracts';
import {
  bearer,
  createRouter,
  HttpProblem,
  json,
  jsonBody,
  outboxEntry,
  type Principal,
  problem,
  requireAuth,
  type TokenService,
  updateWithEvents,
  visibleParks,
  withEvents,
} from '@parkmatch/service-kit';
import { DuplicateKeyError } from '@parkmatch/store';
import { v7 as uuidv7 } from 'uuid';
import { createLead, interestedParks, type Lead, publicProfile } from '../domain/lead.ts';
import type { Repositories } from '../repositories.ts';
import { LeadIdParam, LeadView, SubmittedProfile } from '../schemas.ts';

const FIRM_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

export interface ProfileRoutesDeps {
  repos: Repositories;
  tokens: TokenService;
  /** Called after a write that left events in the outbox. */
  onEventsWritten: () => void;
  now?: () => Date;
}

const submit = createRoute({
  method: 'post',
  path: '/v1/profiles',
  tags: ['profiles'],
  summary: 'Submit a relocation profile (public)',
  request: { body: jsonBody(ProfileInput) },
  responses: {
    201: json(SubmittedProfile, 'Stored; matching starts at once'),
    400: problem('Invalid profile, with a list of fields'),
    409: problem('This firm (credit code) already submitted a profile'),
  },
});

const read = createRoute({
  method: 'get',
  path: '/v1/profiles/{leadId}',
  tags: ['profiles'],
  summary: "Read a profile: the firm its own, a team member its park's leads",
  security: bearer,
  request: { params: LeadIdParam },
  responses: {
    200: json(LeadView, 'The lead'),
    401: problem('No or bad token'),
    403: problem('Not yours to see'),
    404: problem('No such lead'),
  },
});

const update = createRoute({
  method: 'put',
  path: '/v1/profiles/{leadId}',
  tags: ['profiles'],
  summary: 'Replace a profile with a new revision (the firm itself, or an admin)',
  security: bearer,
  request: { params: LeadIdParam, body: jsonBody(ProfileInput) },
  responses: {
    200: json(LeadView, 'The new revision; it is matched again'),
    400: problem('Invalid profile'),
    401: problem('No or bad token'),
    403: problem('Not yours to change'),
    404: problem('No such lead'),
    409: problem('The credit code belongs to another profile'),
  },
});

function toView(lead: Lead) {
  return {
    id: lead._id,
    revision: lead.revision,
    stage: lead.stage,
    profile: lead.profile,
    parks: lead.parks,
    createdAt: lead.createdAt,
    updatedAt: lead.updatedAt,
  };
}

function mayRead(principal: Principal, lead: Lead): boolean {
  if (principal.role === 'firm') return principal.leadId === lead._id;
  const parks = visibleParks(principal);
  return parks === 'all' || interestedParks(lead).some((parkId) => parks.includes(parkId));
}

function mayWrite(principal: Principal, leadId: string): boolean {
  return principal.role === 'admin' || (principal.role === 'firm' && principal.leadId === leadId);
}

const duplicateFirm = () =>
  new HttpProblem(409, 'a profile with this unified social credit code already exists; update it instead', {
    errors: [{ path: 'firm.creditCode', message: 'already submitted', code: 'duplicate' }],
  });

export function profileRoutes({ repos, tokens, onEventsWritten, now = () => new Date() }: ProfileRoutesDeps) {
  const app = createRouter();

  app.openapi(submit, async (c) => {
    const profile = c.req.valid('json');
    const lead = createLead(uuidv7(), profile, now());
    const event = createEvent(Events.leadSubmitted, {
      key: lead._id,
      source: 'leads',
      payload: { leadId: lead._id, revision: lead.revision, profile: publicProfile(profile) },
    });
    try {
      await repos.leads.insertOne(withEvents(lead, [outboxEntry(Events.leadSubmitted, event)]));
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw duplicateFirm();
      throw error;
    }
    onEventsWritten();
    const accessToken = await tokens.sign(
      { sub: `firm:${lead._id}`, role: 'firm', leadId: lead._id },
      FIRM_TOKEN_TTL_SECONDS,
    );
    c.header('location', `/v1/profiles/${lead._id}`);
    return c.json({ id: lead._id, revision: lead.revision, stage: lead.stage, accessToken }, 201);
  });

  app.use('/v1/profiles/:leadId', requireAuth(tokens));

  app.openapi(read, async (c) => {
    const { leadId } = c.req.valid('param');
    const lead = await repos.leads.findOne({ _id: leadId }, { projection: { _outbox: 0 } });
    if (!lead) throw new HttpProblem(404, `no lead ${leadId}`);
    if (!mayRead(c.var.principal, lead)) throw new HttpProblem(403, 'this lead is not visible to you');
    return c.json(toView(lead), 200);
  });

  app.openapi(update, async (c) => {
    const { leadId } = c.req.valid('param');
    if (!mayWrite(c.var.principal, leadId))
      throw new HttpProblem(403, 'only the firm itself or an admin may change it');
    const profile = c.req.valid('json');
    const current = await repos.leads.findOne({ _id: leadId }, { projection: { revision: 1 } });
    if (!current) throw new HttpProblem(404, `no lead ${leadId}`);
    const revision = current.revision + 1;
    const event = createEvent(Events.leadUpdated, {
      key: leadId,
      source: 'leads',
      payload: { leadId, revision, profile: publicProfile(profile) },
    });
    let updated: Lead | null;
    try {
      // Compare-and-set on the revision: two concurrent updates cannot both win.
      updated = await repos.leads.findOneAndUpdate(
        { _id: leadId, revision: current.revision },
        updateWithEvents({ $set: { profile, revision, updatedAt: now().toISOString() } }, [
          outboxEntry(Events.leadUpdated, event),
        ]),
      );
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw duplicateFirm();
      throw error;
    }
    if (!updated) throw new HttpProblem(409, 'the profile changed meanwhile; read it again and retry');
    onEventsWritten();
    return c.json(toView(updated), 200);
  });

  return app;
}
