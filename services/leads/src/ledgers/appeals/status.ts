import type { AppealStatus } from '@parkmatch/contracts';
import type { FieldError } from '@parkmatch/service-kit';

// The status machine of an appeal (诉求), pure: open → in-progress → resolved | rejected, and
// open straight to resolved or rejected. Nothing leaves resolved or rejected. Resolving says
// how (a resolution), rejecting says why (a reason); neither text belongs to another status.

const NEXT: Record<AppealStatus, readonly AppealStatus[]> = {
  open: ['in-progress', 'resolved', 'rejected'],
  'in-progress': ['resolved', 'rejected'],
  resolved: [],
  rejected: [],
};

export const CLOSED_STATUSES: readonly AppealStatus[] = ['resolved', 'rejected'];
export const OPEN_STATUSES: readonly AppealStatus[] = ['open', 'in-progress'];

export const isClosed = (status: AppealStatus): boolean => CLOSED_STATUSES.includes(status);

/** The statuses an appeal may move to from `from`. */
export function nextStatuses(from: AppealStatus): readonly AppealStatus[] {
  return NEXT[from];
}

export interface StatusChange {
  status: AppealStatus;
  resolution?: string | undefined;
  rejectionReason?: string | undefined;
}

export type StatusCheck =
  | { ok: true }
  | { ok: false; problem: 'illegal'; legal: readonly AppealStatus[] }
  | { ok: false; problem: 'invalid'; errors: FieldError[] };

/** May an appeal at `from` take this change? */
export function checkStatusChange(from: AppealStatus, change: StatusChange): StatusCheck {
  const legal = NEXT[from];
  if (!legal.includes(change.status)) return { ok: false, problem: 'illegal', legal };
  const errors = [
    ...textRule('resolution', change.resolution, change.status === 'resolved', '解决情况', 'resolved'),
    ...textRule(
      'rejectionReason',
      change.rejectionReason,
      change.status === 'rejected',
      '不予解决的原因',
      'rejected',
    ),
  ];
  return errors.length > 0 ? { ok: false, problem: 'invalid', errors } : { ok: true };
}

function textRule(
  path: 'resolution' | 'rejectionReason',
  value: string | undefined,
  wanted: boolean,
  zh: string,
  status: AppealStatus,
): FieldError[] {
  if (wanted && value === undefined)
    return [
      {
        path,
        message: `改为该状态时必须填写${zh}`,
        messageEn: `required to mark it ${status}`,
        code: 'required',
      },
    ];
  if (!wanted && value !== undefined)
    return [
      {
        path,
        message: `只在改为该状态时填写${zh}`,
        messageEn: `only given to mark it ${status}`,
        code: 'unexpected',
      },
    ];
  return [];
}
