import { HttpProblem } from '@parkmatch/service-kit';

/** Where a page of appeals ended: the sort key of its last appeal (newest first). */
export interface AppealPosition {
  openedAt: string;
  id: string;
}

/** Opaque page cursor. */
export const encodeCursor = ({ openedAt, id }: AppealPosition): string =>
  Buffer.from(JSON.stringify([openedAt, id])).toString('base64url');

export function decodeCursor(cursor: string): AppealPosition {
  try {
    const [openedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof openedAt === 'string' && typeof id === 'string') return { openedAt, id };
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
