import { type DirectionKind, GROWTH_STAGES, type NEEDS } from '@parkmatch/contracts';
import type { ParkAsset, ParkCatalog } from './catalog.ts';
import { compileLexicon } from './reading/lexicon.ts';
import type { Taxonomy } from './taxonomy/taxonomy.ts';
import type { Bilingual, Relation } from './types.ts';

// A catalog turned into lookup tables once, so that scoring a reading against
// it is a handful of map look-ups: firm code → the directions it serves.

type Need = (typeof NEEDS)[number];

/** A firm code below a park direction ("ivd.immuno" under "ivd") serves it at this factor per level. */
export const NARROWER_FACTOR = 0.85;
/** A firm code above a park direction (firm says "IVD", park wants "ivd.mass-spec") serves it at this factor per level. */
export const BROADER_FACTOR = 0.35;
/** Scarcity of a direction: K / (K + firms already there). */
export const SCARCITY_K = 4;

export interface CompiledDirection {
  readonly code: string;
  readonly kind: DirectionKind;
  readonly weight: number;
  readonly label: Bilingual;
  /** Bit i set when GROWTH_STAGES[i] is preferred; 0 means any stage. */
  readonly stageMask: number;
  readonly stages: readonly string[];
  readonly firmCount: number;
  readonly scarcity: number;
}

export interface DirectionLink {
  readonly direction: number;
  readonly factor: number;
  readonly relation: Relation;
}

export interface CompiledCatalog {
  readonly catalog: ParkCatalog;
  readonly taxonomyVersion: string;
  readonly directions: readonly CompiledDirection[];
  /** Firm code → the directions it serves. */
  readonly links: ReadonlyMap<string, readonly DirectionLink[]>;
  readonly assetsByNeed: ReadonlyMap<Need, readonly ParkAsset[]>;
  /** Codes a gate excludes, descendants included. */
  readonly excludedCodes: ReadonlySet<string>;
  readonly labelOf: (code: string) => Bilingual;
}

const cache = new WeakMap<ParkCatalog, { taxonomy: Taxonomy; compiled: CompiledCatalog }>();

export function compileCatalog(catalog: ParkCatalog, taxonomy: Taxonomy): CompiledCatalog {
  const hit = cache.get(catalog);
  if (hit && hit.taxonomy === taxonomy) return hit.compiled;

  const lexicon = compileLexicon(taxonomy);
  const labelOf = (code: string): Bilingual => {
    const index = lexicon.codeIndex.get(code);
    return (index === undefined ? undefined : lexicon.labels[index]) ?? { zh: code, en: code };
  };

  const firmCounts = new Map(catalog.firmCounts.map((f) => [f.code, f.count]));
  const directions: CompiledDirection[] = catalog.directions.map((d) => {
    const firmCount = firmCounts.get(d.code) ?? 0;
    return {
      code: d.code,
      kind: d.kind,
      weight: d.weight,
      label: d.label ?? labelOf(d.code),
      stageMask: d.stages.reduce((mask, s) => mask | (1 << GROWTH_STAGES.indexOf(s)), 0),
      stages: d.stages,
      firmCount,
      scarcity: SCARCITY_K / (SCARCITY_K + firmCount),
    };
  });
  const directionIndex = new Map(directions.map((d, i) => [d.code, i]));

  const links = new Map<string, DirectionLink[]>();
  lexicon.codes.forEach((code, codeIdx) => {
    const list: DirectionLink[] = [];
    const exact = directionIndex.get(code);
    if (exact !== undefined) list.push({ direction: exact, factor: 1, relation: 'exact' });
    (lexicon.ancestors[codeIdx] ?? []).forEach((ancestor, depth) => {
      const d = directionIndex.get(lexicon.codes[ancestor] ?? '');
      if (d !== undefined)
        list.push({ direction: d, factor: NARROWER_FACTOR ** (depth + 1), relation: 'narrower' });
    });
    directions.forEach((direction, d) => {
      const dirIdx = lexicon.codeIndex.get(direction.code);
      if (dirIdx === undefined) return;
      const depth = (lexicon.ancestors[dirIdx] ?? []).indexOf(codeIdx);
      if (depth >= 0) list.push({ direction: d, factor: BROADER_FACTOR ** (depth + 1), relation: 'broader' });
    });
    if (list.length > 0) links.set(code, list);
  });

  const assetsByNeed = new Map<Need, ParkAsset[]>();
  for (const asset of catalog.assets) {
    for (const need of asset.meets) {
      const list = assetsByNeed.get(need) ?? [];
      list.push(asset);
      assetsByNeed.set(need, list);
    }
  }

  const excludedCodes = new Set<string>();
  for (const code of catalog.gates.excludedCodes) {
    const root = lexicon.codeIndex.get(code);
    lexicon.codes.forEach((other, i) => {
      if (i === root || (root !== undefined && lexicon.ancestors[i]?.includes(root)))
        excludedCodes.add(other);
    });
  }

  const compiled: CompiledCatalog = {
    catalog,
    taxonomyVersion: taxonomy.version,
    directions,
    links,
    assetsByNeed,
    excludedCodes,
    labelOf,
  };
  cache.set(catalog, { taxonomy, compiled });
  return compiled;
}
