import { z } from 'zod';

// The closed loop (DOMAIN.md §5): 线索 → 接洽 → 考察 → 在谈 → 签约 → 注册 → 开工 → 投产,
// with side exits 搁置 (on hold) and 流失 (lost).
export const PIPELINE_STAGES = [
  'lead',
  'contacted',
  'site-visit',
  'negotiating',
  'signed',
  'registered',
  'construction',
  'operating',
] as const;
export const SIDE_EXITS = ['on-hold', 'lost'] as const;
export const Stage = z.enum([...PIPELINE_STAGES, ...SIDE_EXITS]);
export type Stage = z.infer<typeof Stage>;

export const STAGE_LABELS: Record<Stage, { zh: string; en: string }> = {
  lead: { zh: '线索', en: 'Lead' },
  contacted: { zh: '初步接洽', en: 'Contacted' },
  'site-visit': { zh: '实地考察', en: 'Site visit' },
  negotiating: { zh: '在谈', en: 'Negotiating' },
  signed: { zh: '签约', en: 'Signed' },
  registered: { zh: '注册落地', en: 'Registered' },
  construction: { zh: '开工建设', en: 'Construction' },
  operating: { zh: '投产', en: 'Operating' },
  'on-hold': { zh: '搁置', en: 'On hold' },
  lost: { zh: '流失', en: 'Lost' },
};
