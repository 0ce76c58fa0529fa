import { type FirmServicesClient, firmServicesClient } from '../firm-services/api.ts';
import { createUpstream, type Fetch, type Upstream } from './http.ts';
import { type InsightsClient, insightsClient } from './insights.ts';
import { type LeadsClient, leadsClient } from './leads.ts';
import { type MatchingClient, matchingClient } from './matching.ts';
import { type NotificationsClient, notificationsClient } from './notifications.ts';

export type { ApiResult, CallContext } from './http.ts';
export { UpstreamError } from './http.ts';

/** The services the portal talks to, one typed client each. */
export interface Api {
  leads: LeadsClient;
  matching: MatchingClient;
  notifications: NotificationsClient;
  /** The managers' metrics; undefined when no INSIGHTS_URL is configured (the dashboard says so). */
  insights: InsightsClient | undefined;
  /** Financing needs, the R&D platform and vouchers; undefined when no FIRM_SERVICES_URL is given. */
  firmServices: FirmServicesClient | undefined;
  /** Each service's /healthz, for the portal's readiness. */
  upstreams: Upstream[];
}

export interface ApiOptions {
  upstream: {
    leads: string;
    matching: string;
    notifications: string;
    insights?: string | undefined;
    firmServices?: string | undefined;
  };
  timeoutMs: number;
  /** Tests pass the fake services' fetch. */
  fetch?: Fetch;
}

export function createApi({ upstream, timeoutMs, fetch }: ApiOptions): Api {
  const leads = createUpstream('leads', upstream.leads, timeoutMs, fetch);
  const matching = createUpstream('matching', upstream.matching, timeoutMs, fetch);
  const notifications = createUpstream('notifications', upstream.notifications, timeoutMs, fetch);
  const insights = upstream.insights
    ? createUpstream('insights', upstream.insights, timeoutMs, fetch)
    : undefined;
  const firmServices = upstream.firmServices
    ? createUpstream('firm-services', upstream.firmServices, timeoutMs, fetch)
    : undefined;
  return {
    leads: leadsClient(leads),
    matching: matchingClient(matching),
    notifications: notificationsClient(notifications),
    insights: insights ? insightsClient(insights) : undefined,
    firmServices: firmServices ? firmServicesClient(firmServices, insights) : undefined,
    upstreams: [leads, matching, notifications, insights, firmServices].filter(
      (upstream): upstream is Upstream => upstream !== undefined,
    ),
  };
}
