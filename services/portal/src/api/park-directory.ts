import { type Bilingual, PARKS, type ParkSummary } from '@parkmatch/contracts';
import { type Lang, pick } from '../i18n/lang.ts';
import type { MatchingClient } from './matching.ts';

// The parks and their intake directions (matching's public list), kept for a minute: every
// team page names directions by their labels, and the firm form offers them to pick from.

const TTL_MS = 60_000;

export interface ParkDirectory {
  /** The parks, or undefined when matching cannot be reached (pages then show codes). */
  parks(lang: Lang): Promise<ParkSummary[] | undefined>;
}

export function parkDirectory(matching: MatchingClient, now: () => number = Date.now): ParkDirectory {
  let cached: { at: number; parks: ParkSummary[] } | undefined;
  return {
    async parks(lang) {
      if (cached && now() - cached.at < TTL_MS) return cached.parks;
      try {
        const result = await matching.parks({ lang });
        if (!result.ok) return cached?.parks;
        cached = { at: now(), parks: result.data.items };
        return cached.parks;
      } catch {
        return cached?.parks;
      }
    },
  };
}

/** Every direction's label by code, across parks; a park's own wording first (parks word one code differently). */
export function directionLabels(
  parks: readonly ParkSummary[] | undefined,
  parkId?: string,
): Map<string, Bilingual> {
  const labels = new Map<string, Bilingual>();
  const ordered = [...(parks ?? [])].sort((a, b) => Number(b.id === parkId) - Number(a.id === parkId));
  for (const park of ordered)
    for (const d of park.directions) if (!labels.has(d.code)) labels.set(d.code, d.label);
  return labels;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A service's message with the parks it names by id named as people know them: `园区 dadukou-ivd`
 * becomes 「大渡口体外诊断产业集聚区」, `park dadukou-ivd` its English name. An id inside a longer
 * word (an account such as `fuling-liaison`) is left alone.
 */
export function withParkNames(text: string, lang: Lang): string {
  let out = text;
  for (const park of PARKS) {
    const name = pick(park.name, lang);
    const id = escaped(park.id);
    const alone = `(?<![\\w-])${id}(?![\\w-])`;
    out =
      lang === 'zh'
        ? out
            .replace(new RegExp(`园区\\s*${alone}\\s*`, 'g'), `「${name}」`)
            .replace(new RegExp(`\\s*${alone}\\s*`, 'g'), `「${name}」`)
        : out.replace(new RegExp(`\\b[Pp]ark ${alone}`, 'g'), name).replace(new RegExp(alone, 'g'), name);
  }
  return out;
}
