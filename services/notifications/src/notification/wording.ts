import type { Tier } from '@parkmatch/contracts';

// Words shared by the notifications: times in Shanghai, score lines (park names: contracts' parkName).

/** `2026-11-02 10:00` in Asia/Shanghai. */
export function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The calendar date (`YYYY-MM-DD`) in Asia/Shanghai of an instant. */
export function shanghaiDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

export function scoreLine(score: number | null, tier: Tier | null) {
  if (score === null || tier === null) return { zh: [], en: [] };
  return { zh: [`得分 ${score}（${tier}级）`], en: [`Score ${score} (tier ${tier})`] };
}

/** Lines in both languages, concatenated. */
export function joinLines(...parts: { zh: string[]; en: string[] }[]) {
  return { zh: parts.flatMap((p) => p.zh), en: parts.flatMap((p) => p.en) };
}

export const line = (zh: string, en: string) => ({ zh: [zh], en: [en] });
