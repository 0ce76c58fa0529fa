import type { QuietHours } from '@parkmatch/contracts';

// Quiet hours in Asia/Shanghai (UTC+8 all year). A push delivery due inside them waits until
// they end. Pure.

const SHANGHAI_MS = 8 * 3600_000;
const DAY_MIN = 24 * 60;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** When the quiet hours around `at` end; null when `at` is not inside them. */
export function quietUntil(at: Date, quiet: QuietHours | null): Date | null {
  if (!quiet) return null;
  const local = at.getTime() + SHANGHAI_MS;
  const dayStart = Math.floor(local / 86_400_000) * 86_400_000;
  const now = (local - dayStart) / 60_000;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return null;
  const endOffset = end > now ? end : end + DAY_MIN; // today's end, or tomorrow's
  return new Date(dayStart + endOffset * 60_000 - SHANGHAI_MS);
}
