import { z } from 'zod';

// The parks (tenants) of the system. Matching keeps each park's catalog (its intake
// directions) and checks its seed data against this list; accounts may only belong to
// one of these. A new park is added here and in matching's data/parks.json.
export const PARKS = [
  { id: 'dadukou-ivd', name: { zh: '大渡口体外诊断产业集聚区', en: 'Dadukou IVD Cluster' } },
  { id: 'bio-city', name: { zh: '重庆国际生物城', en: 'Chongqing International Bio-City' } },
  { id: 'liangjiang', name: { zh: '两江生命科技城', en: 'Liangjiang Life-Science City' } },
  { id: 'gaoxin', name: { zh: '西部科学城重庆高新区', en: 'Western Science City Chongqing Hi-Tech Zone' } },
  {
    id: 'changshou',
    name: { zh: '长寿高端化学药产业集聚区', en: 'Changshou High-end Chemical Drug Cluster' },
  },
  { id: 'fuling', name: { zh: '涪陵现代中药产业集聚区', en: 'Fuling Modern TCM Cluster' } },
] as const;

export const PARK_IDS = PARKS.map((p) => p.id) as [ParkId, ...ParkId[]];
export type ParkId = (typeof PARKS)[number]['id'];
export const ParkId = z.enum(PARK_IDS);

/** A park's name in both languages; an id the system does not know stands for itself. */
export function parkName(parkId: string): { zh: string; en: string } {
  return PARKS.find((park) => park.id === parkId)?.name ?? { zh: parkId, en: parkId };
}
