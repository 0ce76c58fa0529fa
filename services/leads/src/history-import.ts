import { type FieldError, HttpProblem, type Principal } from '@parkmatch/service-kit';

// Import of history: an office moving onto parkmatch brings its ledgers (Excel) with it. An
// admin may record a step that happened in the past by giving when it happened; everyone
// else's steps happen now. History stays in order: a step is never earlier than what the lead
// (or the appeal) already records, and never in the future.

/** Something a past step may not come before: its instant, and what it is, in both languages. */
export interface Bound {
  at: string | undefined;
  zh: string;
  en: string;
}

const refused = (path: string, message: string, messageEn: string, code: string) =>
  new HttpProblem(
    400,
    { zh: `时间 ${path} 不可用，见 errors`, en: `the time ${path} cannot be used; see errors` },
    { errors: [{ path, message, messageEn, code } satisfies FieldError] },
  );

/** 400 when someone other than an admin says when a step happened (checked before anything else). */
export function assertMayDate(principal: Principal, given: string | undefined, field: string): void {
  if (given !== undefined && principal.role !== 'admin')
    throw refused(
      field,
      '只有管理员可以补录历史时间（导入历史台账）',
      'only an admin may record when a past step happened (import of history)',
      'admin-only',
    );
}

/**
 * When a step happened: `now`, or the instant an admin gave in `field` (import of history).
 * 400 with a field error when anyone else gives one, when it lies in the future, or when it
 * comes before one of `notBefore`.
 */
export function stepTime(
  principal: Principal,
  given: string | undefined,
  now: Date,
  field: string,
  notBefore: readonly Bound[] = [],
): Date {
  if (given === undefined) return now;
  assertMayDate(principal, given, field);
  const at = new Date(given);
  if (at.getTime() > now.getTime())
    throw refused(
      field,
      `不能晚于现在（${now.toISOString()}）`,
      `must not be in the future (now is ${now.toISOString()})`,
      'future',
    );
  // The latest bound is the one that counts: report that one.
  const latest = notBefore
    .filter((bound): bound is Bound & { at: string } => bound.at !== undefined)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  if (latest && at.getTime() < Date.parse(latest.at))
    throw refused(
      field,
      `不能早于${latest.zh}（${latest.at}）：历史须按时间顺序补录`,
      `must not be before ${latest.en} (${latest.at}): history is recorded in order`,
      'out-of-order',
    );
  return at;
}

/** The instant of the lead's latest history entry, if it has any. */
export function latestEntryAt(history: readonly { at: string }[] | undefined): string | undefined {
  return history?.reduce<string | undefined>(
    (latest, entry) =>
      latest === undefined || Date.parse(entry.at) > Date.parse(latest) ? entry.at : latest,
    undefined,
  );
}

/** What every step on a lead may not come before: its creation and its latest history entry. */
export function leadBounds(lead: { createdAt: string; history?: readonly { at: string }[] }): Bound[] {
  return [
    { at: lead.createdAt, zh: '线索创建时间', en: 'the time the lead was created' },
    { at: latestEntryAt(lead.history), zh: '线索最近一条历史记录', en: 'the lead’s latest history entry' },
  ];
}
