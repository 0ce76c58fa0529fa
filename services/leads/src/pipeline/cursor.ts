import { HttpProblem } from '@parkmatch/service-kit';
import type { LeadListPosition } from '../lead/repository.ts';

/** Opaque page cursor of the lead list: where the last page ended. */
export const encodeCursor = ({ updatedAt, id }: LeadListPosition) =>
  Buffer.from(JSON.stringify([updatedAt, id])).toString('base64url');

export function decodeCursor(cursor: string): LeadListPosition {
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof updatedAt === 'string' && typeof id === 'string') return { updatedAt, id };
  } catch {}
  throw new HttpProblem(
    400,
    { zh: '分页游标无效', en: 'invalid cursor' },
    {
      errors: [
        {
          path: 'cursor',
          message: '不是本接口返回的游标',
          messageEn: 'not a cursor from this API',
          code: 'invalid',
        },
      ],
    },
  );
}
