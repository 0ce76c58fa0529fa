import { existsSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { isWorkableTier, PARKS, type Tier } from '@parkmatch/contracts';

// What became of each accepted profile, read from the services' own SQLite files (read-only,
// beside the running services: WAL lets a reader in). Every profile must be stored in leads,
// scored at every park in matching, rated by every park in leads, and in the inbox of every
// park that rates it A–C exactly once (tier-D parks hear nothing of it).

export interface Tally {
  accepted: number;
  /** Accepted profiles missing somewhere: leads' store, a park's score, a park's rating, a due inbox entry. */
  lost: { stored: number; scored: number; rated: number; inbox: number };
  /** More than one of what must be one: leads per firm, scores per (lead, park), inbox entries per (lead, park). */
  duplicated: { stored: number; scored: number; inbox: number };
  /** Inbox entries for a park that rated the lead D (none is due). */
  unexpected: number;
  /** The first few (lead, park) pairs missing something, and what: for the diagnosis. */
  missing: { leadId: string; parkId: string; what: string[] }[];
}

export const lostOf = (t: Tally) => t.lost.stored + t.lost.scored + t.lost.rated + t.lost.inbox;
export const duplicatedOf = (t: Tally) => t.duplicated.stored + t.duplicated.scored + t.duplicated.inbox;

function rows<T>(file: string, sql: string): T[] {
  if (!existsSync(file)) return [];
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    return db.prepare(sql).all() as T[];
  } catch (error) {
    if (/no such table/.test(String(error))) return [];
    throw error;
  } finally {
    db.close();
  }
}

/** Counts against the stores under `dataDir` (`<service>/store.sqlite`) for the accepted lead ids. */
export function tally(dataDir: string, accepted: readonly { id: string; creditCode: string }[]): Tally {
  const store = (service: string) => path.join(dataDir, service, 'store.sqlite');
  const ids = new Set(accepted.map((a) => a.id));
  const parkIds = PARKS.map((p) => p.id);

  const leads = rows<{ id: string; code: string; parks: string | null }>(
    store('leads'),
    `SELECT _id AS id, json_extract(doc, '$.profile.firm.creditCode') AS code, json(json_extract(doc, '$.parks')) AS parks FROM leads`,
  );
  const scores = rows<{ leadId: string; parkId: string; tier: Tier }>(
    store('matching'),
    `SELECT json_extract(doc, '$.leadId') AS leadId, json_extract(doc, '$.parkId') AS parkId, json_extract(doc, '$.tier') AS tier FROM matches`,
  );
  const inbox = rows<{ leadId: string; parkId: string }>(
    store('notifications'),
    `SELECT json_extract(doc, '$.leadId') AS leadId, json_extract(doc, '$.parkId') AS parkId FROM inbox WHERE json_extract(doc, '$.kind') = 'new-lead'`,
  );

  const leadById = new Map(leads.map((l) => [l.id, l]));
  const perCode = new Map<string, number>();
  for (const l of leads) perCode.set(l.code, (perCode.get(l.code) ?? 0) + 1);
  const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
  const scoreCount = new Map<string, number>();
  const tierOf = new Map<string, Tier>();
  for (const s of scores) {
    if (!ids.has(s.leadId)) continue;
    count(scoreCount, `${s.leadId}|${s.parkId}`);
    tierOf.set(`${s.leadId}|${s.parkId}`, s.tier);
  }
  const inboxCount = new Map<string, number>();
  for (const e of inbox) if (ids.has(e.leadId)) count(inboxCount, `${e.leadId}|${e.parkId}`);

  const t: Tally = {
    accepted: accepted.length,
    lost: { stored: 0, scored: 0, rated: 0, inbox: 0 },
    duplicated: { stored: 0, scored: 0, inbox: 0 },
    unexpected: 0,
    missing: [],
  };
  for (const { id, creditCode } of accepted) {
    const lead = leadById.get(id);
    if (!lead) t.lost.stored++;
    if ((perCode.get(creditCode) ?? 0) > 1) t.duplicated.stored++;
    const ratings = lead?.parks ? (JSON.parse(lead.parks) as Record<string, { tier: Tier }>) : {};
    for (const parkId of parkIds) {
      const key = `${id}|${parkId}`;
      const scored = scoreCount.get(key) ?? 0;
      if (scored === 0) t.lost.scored++;
      if (scored > 1) t.duplicated.scored++;
      if (!ratings[parkId]) t.lost.rated++;
      const tier = tierOf.get(key);
      const entries = inboxCount.get(key) ?? 0;
      if (tier && isWorkableTier(tier)) {
        if (entries === 0) t.lost.inbox++;
        if (entries > 1) t.duplicated.inbox++;
      } else if (entries > 0) t.unexpected++;
      const what = [
        ...(lead ? [] : ['stored']),
        ...(scored === 0 ? ['scored'] : []),
        ...(ratings[parkId] ? [] : ['rated']),
        ...(tier && isWorkableTier(tier) && entries === 0 ? [`inbox (tier ${tier})`] : []),
      ];
      if (what.length > 0 && t.missing.length < 10) t.missing.push({ leadId: id, parkId, what });
    }
  }
  return t;
}
