import type { ComponentKey, MatchedDirection, Tier } from '@parkmatch/contracts';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export { COMPONENT_KEYS, type ComponentKey } from '@parkmatch/contracts';

/** How a firm's code relates to the park direction it serves. */
export type Relation = 'exact' | 'narrower' | 'broader';

/** One park direction a firm's reading serves, with the evidence. */
export interface DirectionMatch {
  readonly direction: number;
  readonly code: string;
  /** Strength of the firm's fit to the direction, 0..1 (before the park's weight). */
  readonly strength: number;
  /** weight × strength */
  readonly contribution: number;
  readonly firmCode: string;
  readonly relation: Relation;
  readonly evidence: readonly string[];
  readonly declaredOnly: boolean;
}

export interface Component {
  /** The component's own measure, 0..1. */
  readonly value: number;
  /** Its maximum points in the 0–100 score. */
  readonly weight: number;
  /** Points it contributed (value × weight, scaled down for weak direction fit). */
  readonly points: number;
}
export type Components = Readonly<Record<ComponentKey, Component>>;

/** The engine's verdict on one lead at one park. */
export interface MatchResult {
  readonly parkId: string;
  /** 0–100, one decimal. */
  readonly score: number;
  readonly tier: Tier;
  /** Set when a hard gate of the park excludes the firm; the tier is then D. */
  readonly excluded?: Bilingual;
  /** Best first. */
  readonly matchedDirections: MatchedDirection[];
  readonly components: Components;
  readonly reasons: { zh: string[]; en: string[] };
  readonly engineVersion: string;
  readonly catalogVersion: number;
}
