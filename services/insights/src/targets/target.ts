import type { TargetInput, TargetMeasure } from '@parkmatch/contracts';

// A target a manager set: for a park or the city, for a year (2025, or 2035 for the long
// range), with the baseline it counts from and every change kept.

export type Figures = { [K in TargetMeasure]?: number | undefined };

export interface TargetChange {
  targets: Figures;
  baseline?: Figures;
  note?: string;
  by: string;
  at: string;
}

export interface TargetDoc {
  /** `${scope}:${year}` */
  _id: string;
  /** `city` or a park id. */
  scope: string;
  year: number;
  targets: Figures;
  baseline?: Figures & { year: number };
  history: TargetChange[];
  updatedBy: string;
  updatedAt: string;
}

export const CITY = 'city';
export const targetId = (scope: string, year: number): string => `${scope}:${year}`;

/** The document after `input` is set by `by` at `at` (a new one when `existing` is null). */
export function setTarget(existing: TargetDoc | null, input: TargetInput, by: string, at: string): TargetDoc {
  const { year: baselineYear, ...baselineFigures } = input.baseline ?? { year: 0 };
  const change: TargetChange = {
    targets: { ...input.targets },
    ...(input.baseline ? { baseline: baselineFigures } : {}),
    ...(input.note ? { note: input.note } : {}),
    by,
    at,
  };
  return {
    _id: targetId(input.scope, input.year),
    scope: input.scope,
    year: input.year,
    targets: { ...input.targets },
    ...(input.baseline ? { baseline: { year: baselineYear, ...baselineFigures } } : {}),
    history: [...(existing?.history ?? []), change],
    updatedBy: by,
    updatedAt: at,
  };
}
