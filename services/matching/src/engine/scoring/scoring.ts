import type { MatchedDirection, ProjectType, PublicProfile, Tier } from '@parkmatch/contracts';
import type { ParkCatalog } from '../catalog.ts';
import { type CompiledCatalog, compileCatalog } from '../compile-catalog.ts';
import type { CodeReading, ProfileReading } from '../reading/reading.ts';
import { loadTaxonomy } from '../taxonomy/taxonomy.ts';
import type { Bilingual, Component, ComponentKey, DirectionMatch, MatchResult } from '../types.ts';
import { engineVersionFor } from '../version.ts';
import { formatCnyEn, formatCnyZh } from './format.ts';
import { buildReasons } from './reasons.ts';

// Scoring one reading against one park. Pure arithmetic over the reading and the
// compiled catalog: no text work happens here.

/**
 * Maximum points of each component in the 0–100 score. The score is
 *   fit × (30 + Σ weight_k × value_k)   over the other components k,
 * so direction fit gates everything: a firm that fits no direction scores 0
 * however large it is, and a partial fit scales every other merit down.
 */
export const COMPONENT_WEIGHTS: Readonly<Record<ComponentKey, number>> = {
  directionFit: 30,
  scale: 38.5,
  chainGap: 7,
  stageFit: 7,
  needs: 7,
  readiness: 5.6,
  completeness: 4.9,
};

/** Tier cut-offs on the score; a firm that matches no direction, or is excluded, is D whatever its score. */
export const TIER_CUTOFFS = { A: 76, B: 52, C: 30 } as const;

/** A direction counts as matched when weight × strength reaches this. */
export const MATCH_MIN = 0.15;
/** Second and third matched directions add this share of their contribution to the fit. */
const EXTRA_DIRECTION_SHARE = [1, 0.15, 0.05] as const;
/**
 * A firm whose main business (its surest code) the park does not take, matched only
 * through a code read less surely than this share of the main one, fits by a sideline…
 */
const MAIN_SHARE = 0.85;
/** …and its direction fit is multiplied by this. */
const SIDELINE_FACTOR = 0.8;
/**
 * What a project brings to a park's sub-sector or extension directions, which want things
 * made there: a factory or an R&D centre all of it, a headquarters less, a sales or service
 * office least — unless the park also wants the firm as a platform or service organisation.
 */
const PROJECT_TYPE_FIT: Record<ProjectType, number> = {
  production: 1,
  'rnd-center': 1,
  headquarters: 0.9,
  platform: 1,
  service: 0.8,
};
/** An excluded firm's score is capped here so it ranks below every firm that is not. */
export const EXCLUDED_CAP = 20;

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export function tierFor(score: number): Tier {
  if (score >= TIER_CUTOFFS.A) return 'A';
  if (score >= TIER_CUTOFFS.B) return 'B';
  if (score >= TIER_CUTOFFS.C) return 'C';
  return 'D';
}

/** The park directions a reading serves, best first, each firm code used once. */
export function matchDirections(reading: ProfileReading, compiled: CompiledCatalog): DirectionMatch[] {
  const best = new Map<number, DirectionMatch>();
  for (const code of reading.codes) {
    if (code.generic) continue;
    const links = compiled.links.get(code.code);
    if (links === undefined) continue;
    for (const link of links) {
      const direction = compiled.directions[link.direction];
      if (direction === undefined) continue;
      const strength = code.confidence * link.factor;
      const previous = best.get(link.direction);
      if (previous !== undefined && previous.strength >= strength) continue;
      best.set(link.direction, {
        direction: link.direction,
        code: direction.code,
        strength,
        contribution: strength * direction.weight,
        firmCode: code.code,
        relation: link.relation,
        evidence: code.evidence,
        declaredOnly:
          code.declared && code.evidence.length === 1 && code.evidence[0]?.startsWith('自选方向') === true,
      });
    }
  }
  const sorted = [...best.values()].sort(
    (a, b) => b.contribution - a.contribution || a.direction - b.direction,
  );
  const used = new Set<string>();
  const matched: DirectionMatch[] = [];
  for (const m of sorted) {
    if (m.contribution < MATCH_MIN || used.has(m.firmCode)) continue;
    used.add(m.firmCode);
    matched.push(m);
  }
  return matched;
}

/** The firm's main code when the park serves only a sideline of it (see MAIN_SHARE), else undefined. */
function sidelineOf(reading: ProfileReading, matched: readonly DirectionMatch[]): CodeReading | undefined {
  if (matched.length === 0) return undefined;
  const confidence = new Map(reading.codes.map((c) => [c.code, c.confidence]));
  const main = reading.codes.find((c) => !c.generic);
  if (main === undefined) return undefined;
  const servesMain = matched.some((m) => (confidence.get(m.firmCode) ?? 0) >= MAIN_SHARE * main.confidence);
  return servesMain ? undefined : main;
}

function stageFitFor(stage: number, stageMask: number): number {
  if (stage < 0) return 0.5;
  if (stageMask === 0) return 0.8;
  if (stageMask & (1 << stage)) return 1;
  if (stageMask & (1 << (stage - 1)) || stageMask & (1 << (stage + 1))) return 0.55;
  return 0.2;
}

function exclusionFor(
  reading: ProfileReading,
  profile: PublicProfile,
  compiled: CompiledCatalog,
  matched: readonly DirectionMatch[],
): Bilingual | undefined {
  const { gates } = compiled.catalog;
  if (gates.requireDirectionMatch && matched.length === 0) {
    return { zh: '未匹配园区任何承接方向', en: "Matches none of the park's intake directions" };
  }
  const investment = profile.project.plannedInvestmentCny;
  if (
    gates.minInvestmentCny !== undefined &&
    investment !== undefined &&
    investment < gates.minInvestmentCny
  ) {
    return {
      zh: `计划投资额 ${formatCnyZh(investment)} 低于园区准入门槛 ${formatCnyZh(gates.minInvestmentCny)}`,
      en: `Planned investment of ${formatCnyEn(investment)} is below the park's entry threshold of ${formatCnyEn(gates.minInvestmentCny)}`,
    };
  }
  const top = reading.codes[0];
  if (top !== undefined && compiled.excludedCodes.has(top.code)) {
    const label = compiled.labelOf(top.code);
    return {
      zh: `主营方向「${label.zh}」不在园区准入范围`,
      en: `Main line “${label.en}” is excluded by the park`,
    };
  }
  return undefined;
}

/**
 * Scores one reading at one park. `compiled` comes from compileCatalog (cached per
 * catalog object); without it the catalog is compiled against the shipped taxonomy.
 */
export function scoreReading(
  reading: ProfileReading,
  profile: PublicProfile,
  catalog: ParkCatalog,
  compiled: CompiledCatalog = compileCatalog(catalog, loadTaxonomy()),
): MatchResult {
  if (compiled.catalog.id !== catalog.id || compiled.catalog.version !== catalog.version) {
    throw new Error(
      `compiled catalog ${compiled.catalog.id} v${compiled.catalog.version} used for ${catalog.id} v${catalog.version}`,
    );
  }
  if (compiled.taxonomyVersion !== reading.taxonomyVersion) {
    throw new Error(
      `reading uses taxonomy ${reading.taxonomyVersion}, catalog compiled with ${compiled.taxonomyVersion}`,
    );
  }
  const { features } = reading;
  const matched = matchDirections(reading, compiled);

  let fit = 0;
  let contributionSum = 0;
  let gapSum = 0;
  let stageSum = 0;
  matched.forEach((m, i) => {
    fit += m.contribution * (EXTRA_DIRECTION_SHARE[i] ?? 0);
    const direction = compiled.directions[m.direction];
    contributionSum += m.contribution;
    gapSum += m.contribution * (direction?.scarcity ?? 0);
    stageSum += m.contribution * stageFitFor(features.stage, direction?.stageMask ?? 0);
  });
  fit = Math.min(1, fit);
  const sideline = sidelineOf(reading, matched);
  if (sideline !== undefined) fit *= SIDELINE_FACTOR;
  const kinds = matched.map((m) => compiled.directions[m.direction]?.kind);
  const wantsItsKind = kinds.includes('service') || kinds.includes('platform');
  const typeFit = PROJECT_TYPE_FIT[profile.project.type];
  const notMadeHere = matched.length > 0 && typeFit < 1 && !wantsItsKind;
  if (notMadeHere) fit *= typeFit;
  const chainGap = contributionSum > 0 ? gapSum / contributionSum : 0;
  const stageFit = contributionSum > 0 ? stageSum / contributionSum : 0;
  const metNeeds = features.needs.filter((n) => compiled.assetsByNeed.has(n));
  const needs = features.needs.length === 0 ? 0.5 : metNeeds.length / features.needs.length;

  const values: Record<ComponentKey, number> = {
    directionFit: fit,
    chainGap,
    stageFit,
    scale: features.scale,
    needs,
    readiness: features.readiness,
    completeness: features.completeness,
  };
  const components = {} as Record<ComponentKey, Component>;
  let score = 0;
  for (const key of Object.keys(COMPONENT_WEIGHTS) as ComponentKey[]) {
    const weight = COMPONENT_WEIGHTS[key];
    const points = key === 'directionFit' ? weight * fit : weight * values[key] * fit;
    score += points;
    components[key] = { value: round(values[key], 3), weight, points: round(points, 2) };
  }

  const excluded = exclusionFor(reading, profile, compiled, matched);
  if (excluded !== undefined) score = Math.min(score, EXCLUDED_CAP);
  score = round(Math.max(0, Math.min(100, score)), 1);
  const tier: Tier = excluded !== undefined || matched.length === 0 ? 'D' : tierFor(score);

  const matchedDirections: MatchedDirection[] = matched.map((m) => ({
    code: m.code,
    strength: round(m.strength, 3),
    evidence: [...m.evidence],
  }));
  const reasons = buildReasons({
    reading,
    profile,
    compiled,
    matched,
    excluded,
    metNeeds,
    fit,
    sideline,
    notMadeHere,
  });
  const result: MatchResult = {
    parkId: compiled.catalog.id,
    score,
    tier,
    ...(excluded !== undefined ? { excluded } : {}),
    matchedDirections,
    components,
    reasons,
    engineVersion: engineVersionFor(reading.taxonomyVersion),
    catalogVersion: compiled.catalog.version,
  };
  return result;
}
