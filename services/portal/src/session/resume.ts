import type { Form } from './form.ts';
import type { Sealer } from './seal.ts';

// A form posted after the session ended is kept, sealed, in the sign-in page; once signed
// in, the member sends it again from a page of the portal (with a fresh CSRF token). Only
// the portal's own team form actions are kept, and only for a while.

const MAX_AGE_MS = 60 * 60_000;
const MAX_FIELDS = 200;

export interface PendingForm {
  action: string;
  fields: [string, string][];
  at: number;
}

/** A path the portal may send someone back to, or post a kept form to: its own signed-in pages only. */
export function isTeamPath(path: string): boolean {
  return (
    /^\/(team|bank|operator)(\/[A-Za-z0-9._~%-]*)*(\?[A-Za-z0-9._~%&=+-]*)?$/.test(path) &&
    !path.includes('..')
  );
}

export function keepForm(sealer: Sealer, action: string, form: Form, now: number): string {
  const fields = form.entries().slice(0, MAX_FIELDS);
  return sealer.seal({ action, fields, at: now } satisfies PendingForm);
}

export function pendingForm(sealer: Sealer, sealed: string, now: number): PendingForm | undefined {
  const value = sealer.unseal(sealed) as Partial<PendingForm> | undefined;
  if (
    !value ||
    typeof value.action !== 'string' ||
    !Array.isArray(value.fields) ||
    typeof value.at !== 'number'
  )
    return undefined;
  if (now - value.at > MAX_AGE_MS || !isTeamPath(value.action)) return undefined;
  const fields = value.fields.filter(
    (f): f is [string, string] => Array.isArray(f) && typeof f[0] === 'string' && typeof f[1] === 'string',
  );
  return { action: value.action, fields, at: value.at };
}
