// What the benchmark reads of the running system, all over its public HTTP API as an admin
// (plus /proc for the processes' memory): /metrics, a lead's scores and ratings, inbox pages.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Events, type InboxPage, type LeadMatches, type LeadView, type Tier } from '@parkmatch/contracts';
import type { Http } from './load.ts';

// ---------------------------------------------------------------------------------------
// /metrics

export interface MetricLine {
  name: string;
  labels: Record<string, string>;
  value: number;
  line: string;
}

/** Parses Prometheus text exposition (samples only; comments skipped). */
export function parseMetrics(text: string): MetricLine[] {
  const out: MetricLine[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1] as string] = l[2] as string;
    out.push({ name: m[1] as string, labels, value: Number(m[3]), line });
  }
  return out;
}

export async function scrape(http: Http, baseUrl: string, token: string): Promise<MetricLine[]> {
  try {
    const res = await http.text('GET', `${baseUrl}/metrics`, { token });
    return res.status === 200 ? parseMetrics(res.text) : [];
  } catch {
    return [];
  }
}

/** Events of a topic a service has handled (bus_events_total{outcome="handled"}), or undefined without the counter. */
export function handled(lines: MetricLine[], topic: string): number | undefined {
  const hits = lines.filter(
    (l) => l.name === 'bus_events_total' && l.labels.topic === topic && l.labels.outcome === 'handled',
  );
  return hits.length ? hits.reduce((sum, l) => sum + l.value, 0) : undefined;
}

export interface BacklogReading {
  /** Sum of outbox_pending over collections, or undefined when the service has no such gauge. */
  outboxPending: number | undefined;
  /** Sum of consumer lag over (topic, group), or undefined without the gauge. */
  consumerLag: number | undefined;
  /** The gauge lines as the service wrote them. */
  lines: string[];
}

const isPending = (l: MetricLine) => l.name === 'outbox_pending' || l.name.endsWith('_outbox_pending');
const isLag = (l: MetricLine) => /(^|_)consumer_lag$/.test(l.name);

export function backlogOf(lines: MetricLine[]): BacklogReading {
  const pending = lines.filter(isPending);
  const lag = lines.filter(isLag);
  const sum = (ls: MetricLine[]) => (ls.length ? ls.reduce((s, l) => s + l.value, 0) : undefined);
  return {
    outboxPending: sum(pending),
    consumerLag: sum(lag),
    lines: [...pending, ...lag].map((l) => l.line),
  };
}

export type ServiceName = 'leads' | 'matching' | 'notifications';
export type Urls = Record<ServiceName, string>;
export const SERVICE_NAMES: readonly ServiceName[] = ['leads', 'matching', 'notifications'];

export interface SystemReading {
  at: number;
  backlog: Record<ServiceName, BacklogReading>;
  /** matching: submitted profiles handled; leads, notifications: scored events handled. */
  submittedHandled: number | undefined;
  ratingsHandled: number | undefined;
  inboxHandled: number | undefined;
  /** Sum of every backlog gauge, or undefined when no service has one. */
  backlogTotal: number | undefined;
}

/** `token`: an admin's (/metrics answers only admins). */
export async function readSystem(http: Http, urls: Urls, token: string): Promise<SystemReading> {
  const [leads, matching, notifications] = await Promise.all(
    SERVICE_NAMES.map((s) => scrape(http, urls[s], token)),
  );
  const backlog = {
    leads: backlogOf(leads ?? []),
    matching: backlogOf(matching ?? []),
    notifications: backlogOf(notifications ?? []),
  };
  const parts = Object.values(backlog).flatMap((b) => [b.outboxPending, b.consumerLag]);
  const known = parts.filter((p): p is number => p !== undefined);
  return {
    at: performance.now(),
    backlog,
    submittedHandled: handled(matching ?? [], Events.leadSubmitted.topic),
    ratingsHandled: handled(leads ?? [], Events.leadScored.topic),
    inboxHandled: handled(notifications ?? [], Events.leadScored.topic),
    backlogTotal: known.length ? known.reduce((a, b) => a + b, 0) : undefined,
  };
}

/** One line: each service's backlog gauges, or that it has none. */
export function backlogLine(r: SystemReading): string {
  return SERVICE_NAMES.map((s) => {
    const b = r.backlog[s];
    const parts = [
      b.outboxPending === undefined ? undefined : `outbox ${b.outboxPending}`,
      b.consumerLag === undefined ? undefined : `lag ${b.consumerLag}`,
    ].filter(Boolean);
    return `${s}: ${parts.length ? parts.join(', ') : 'no gauges'}`;
  }).join('; ');
}

// ---------------------------------------------------------------------------------------
// Processes and memory

/**
 * The pid of each service process TestSystem started: the process whose environment holds
 * DATA_DIR=<system data dir>/<service> and whose command line runs the service's main.
 */
export function findServicePids(
  dataDir: string,
  mains: Record<ServiceName, string>,
): Partial<Record<ServiceName, number>> {
  const found: Partial<Record<ServiceName, number>> = {};
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let environ: string;
    let cmdline: string;
    try {
      environ = readFileSync(`/proc/${entry}/environ`, 'utf8');
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // gone, or not ours
    }
    const vars = environ.split('\0');
    for (const name of SERVICE_NAMES) {
      if (vars.includes(`DATA_DIR=${path.join(dataDir, name)}`) && cmdline.includes(mains[name])) {
        found[name] = Number(entry);
      }
    }
  }
  return found;
}

/** The redis-server listening on this port (its title is `redis-server 127.0.0.1:<port>`). */
export function findRedisPid(port: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (
        /redis-server/.test(cmdline) &&
        (cmdline.includes(`:${port}`) || cmdline.includes(`--port ${port}`))
      )
        return Number(entry);
    } catch {}
  }
  return undefined;
}

export interface Memory {
  /** Peak resident set (VmHWM), MiB. */
  peakMiB: number;
  /** Resident set now (VmRSS), MiB. */
  rssMiB: number;
}

export function memoryOf(pid: number): Memory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { peakMiB: kb('VmHWM') / 1024, rssMiB: kb('VmRSS') / 1024 };
  } catch {
    return undefined;
  }
}

/** Bytes under a folder (the services' data on disk). */
export function diskUsage(dir: string): number {
  let total = 0;
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      total += entry.isDirectory() ? diskUsage(p) : statSync(p).size;
    }
  } catch {}
  return total;
}

// ---------------------------------------------------------------------------------------
// A lead's scores, ratings and inbox entries

export type Tiers = Record<string, Tier>;

/** The lead's scores at every park as matching shows them to an admin; undefined when not (yet) scored. */
export async function leadTiers(
  http: Http,
  urls: Urls,
  token: string,
  leadId: string,
): Promise<{ tiers: Tiers; best: string | undefined } | undefined> {
  const res = await http.json<LeadMatches>('GET', `${urls.matching}/v1/leads/${leadId}/matches`, { token });
  if (res.status !== 200) return undefined;
  const tiers: Tiers = {};
  for (const item of res.body.items) tiers[item.parkId] = item.tier;
  return { tiers, best: res.body.items[0]?.parkId };
}

/** How many parks' ratings leads has recorded for the lead (its `parks`), or undefined when not readable. */
export async function leadRatings(
  http: Http,
  urls: Urls,
  token: string,
  leadId: string,
): Promise<number | undefined> {
  const res = await http.json<LeadView>('GET', `${urls.leads}/v1/profiles/${leadId}`, { token });
  return res.status === 200 ? Object.keys(res.body.parks ?? {}).length : undefined;
}

export interface SeenEntry {
  leadId: string;
  parkId: string;
  tier: Tier;
  score: number;
  createdAt: number;
}

/**
 * Every inbox entry of a park created at or after `sinceWall` (ms), paging newest first by
 * `before`. Pages overlap by the last millisecond of the previous page (entries are
 * deduplicated by id), so entries sharing a timestamp across a page boundary are not
 * skipped. Returns the entries and the number of pages read.
 */
export async function walkInbox(
  http: Http,
  urls: Urls,
  token: string,
  parkId: string,
  sinceWall: number,
): Promise<{ entries: Map<string, SeenEntry>; pages: number }> {
  const entries = new Map<string, SeenEntry>();
  let before: number | undefined;
  let pages = 0;
  for (;;) {
    const query = new URLSearchParams({ parkId, limit: '200' });
    if (before !== undefined) query.set('before', new Date(before).toISOString());
    const res = await http.json<InboxPage>('GET', `${urls.notifications}/v1/inbox?${query}`, { token });
    pages++;
    if (res.status !== 200) throw new Error(`inbox of ${parkId}: ${res.status} ${JSON.stringify(res.body)}`);
    const items = res.body.items;
    for (const item of items) {
      const createdAt = Date.parse(item.createdAt);
      if (createdAt >= sinceWall && !entries.has(item.id)) {
        entries.set(item.id, {
          leadId: item.leadId,
          parkId: item.parkId,
          tier: item.tier,
          score: item.score,
          createdAt,
        });
      }
    }
    const last = items.at(-1);
    if (items.length < 200 || !last) break;
    const lastAt = Date.parse(last.createdAt);
    if (lastAt < sinceWall) break;
    // Overlap the last millisecond unless a whole page sat in it (then step past it).
    const next = before === undefined || lastAt + 1 < before ? lastAt + 1 : lastAt;
    before = next;
  }
  return { entries, pages };
}
