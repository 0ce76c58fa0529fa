import { HttpProblem } from '@parkmatch/service-kit';
import type { RankPosition } from '../scores/repository.ts';

/** Opaque page cursor: the sort key of the last item. */
export const encodeCursor = ({ score, leadId }: RankPosition) =>
  Buffer.from(JSON.stringify([score, leadId])).toString('base64url');

export function decodeCursor(cursor: string): RankPosition {
  try {
    const [score, leadId] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof score === 'number' && typeof leadId === 'string') return { score, leadId };
  } catch {}
  throw new HttpProblem(
    400,
    { zh: '分页游标无效', en: 'invalid cursor' },
    {
      errors: [{ path: 'cursor', message: '不是本接口返回的游标', messageEn: 'not a cursor from this API' }],
    },
  );
}
