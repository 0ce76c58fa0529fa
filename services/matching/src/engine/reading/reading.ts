import type { PublicProfile } from '@parkmatch/contracts';
import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import { featuresOf, type ProfileFeatures } from './features.ts';
import { compileLexicon, type Lexicon, WEAK_WEIGHT } from './lexicon.ts';
import { coveredBy, type PreparedText, type RawMatch, scan } from './scan.ts';
import { toSimplified } from './simplified.ts';
import { asciiLower, foldWidth, isSentenceBreak } from './text.ts';

// Reading a profile: which taxonomy codes its free text speaks of, how surely,
// and the words that gave each away. Done once per profile revision; scoring
// against every park then works on this reading only.

export interface CodeReading {
  readonly code: string;
  /** 0..1 */
  readonly confidence: number;
  /** Words from the profile that gave the code away, or the self-declaration. */
  readonly evidence: readonly string[];
  /** The firm picked this code itself. */
  readonly declared: boolean;
  /** A more specific code below this one is read about as surely: this one adds nothing of its own. */
  readonly generic: boolean;
}

export interface ProfileReading {
  readonly taxonomyVersion: string;
  /** Best first. */
  readonly codes: readonly CodeReading[];
  readonly features: ProfileFeatures;
}

/** Field weights: what a firm puts in its title and product list says more than a passing mention. */
const FIELDS = [
  { key: 'title', weight: 1 },
  { key: 'products', weight: 1 },
  { key: 'technologies', weight: 0.85 },
  { key: 'description', weight: 0.7 },
] as const;

/** How fast evidence turns into confidence: 1 - exp(-K · evidence). */
const CONFIDENCE_RATE = 1.5;
/** A repeated mention of the same word adds this share of its weight (at most twice). */
const REPEAT_SHARE = 0.15;
const MAX_REPEATS = 2;
/** Confidence is multiplied by this when a word that argues against the code is present. */
const AGAINST_FACTOR = 0.25;
/** The most a code read from weak terms alone can reach: ambiguous words hint, they do not decide. */
const AMBIGUOUS_ONLY_MAX = 0.3;
/** Confidence is multiplied by this when the taxonomy appears only in the description (see readProfile). */
const IN_PASSING_FACTOR = 0.5;
/** Codes below this confidence are dropped from the reading. */
const MIN_CONFIDENCE = 0.08;
/**
 * Confidence of a code the firm declared but its text does not support. It shrinks
 * as the text speaks more surely of something else, and stays below a match when
 * the text has no domain words at all: declarations count, they do not override.
 */
const DECLARED_ONLY = 0.3;
const DECLARED_RELATED = 0.4;
const DECLARED_ONLY_NO_TEXT = 0.12;
const DECLARED_BOOST = 0.15;
const NEGATION_GAP = 3;
/** A code is generic when a descendant is read with at least this confidence and this share of its own. */
const SPECIFIC_MIN = 0.3;
const SPECIFIC_SHARE = 0.75;
const MAX_EVIDENCE = 4;
const MAX_TOKEN_EVIDENCE = 12;

function normaliseField(value: string): string {
  return foldWidth(toSimplified(value.normalize('NFKC'))).replace(/[\r\t]/g, ' ');
}

interface Assembled {
  readonly prepared: PreparedText;
  /** Field weight at each offset. */
  readonly fieldWeight: Float32Array;
  /** Sentence number at each offset. */
  readonly sentence: Int32Array;
  /** Where the description starts: what comes before it is what the firm named itself by. */
  readonly descriptionFrom: number;
}

function assemble(profile: PublicProfile, lexicon: Lexicon): Assembled {
  const { project } = profile;
  const parts: Record<(typeof FIELDS)[number]['key'], string> = {
    title: project.title,
    products: project.products.join('；'),
    technologies: project.technologies.join('；'),
    description: project.description,
  };
  let text = '';
  let descriptionFrom = Number.POSITIVE_INFINITY;
  const spans: { start: number; end: number; weight: number }[] = [];
  for (const field of FIELDS) {
    const value = normaliseField(parts[field.key]);
    if (value.length === 0) continue;
    if (text.length > 0) text += '\n';
    if (field.key === 'description') descriptionFrom = text.length;
    spans.push({ start: text.length, end: text.length + value.length, weight: field.weight });
    text += value;
  }
  const fieldWeight = new Float32Array(text.length + 1);
  for (const span of spans) fieldWeight.fill(span.weight, span.start, span.end + 1);
  const sentence = new Int32Array(text.length + 1);
  let current = 0;
  for (let i = 0; i < text.length; i++) {
    sentence[i] = current;
    if (isSentenceBreak(text.charAt(i))) current++;
  }
  sentence[text.length] = current;
  const prepared = { text, lower: asciiLower(text), boundaries: lexicon.segmenter.boundaries(text) };
  return { prepared, fieldWeight, sentence, descriptionFrom };
}

/**
 * Denials of the one word they touch, each with how many characters may stand between: "non-invasive",
 * "no IVD", 非 and 无 right before their word (本项目非体外诊断项目, 非医疗器械, 无原料药生产许可). Every other negation denies the
 * rest of its clause.
 */
const WORD_NEGATIONS = new Map([
  ['non-', NEGATION_GAP],
  ['no', NEGATION_GAP],
  ['without', NEGATION_GAP],
  ['非', 0],
  ['无', 0],
]);
/** How far after a negation its clause may reach. */
const CLAUSE_REACH = 40;
/** Where a denial stops: a sentence or clause break (a comma before Chinese text), a turn ("but", "而是") or a new subject ("we"). */
const CLAUSE_END =
  /[.;:!?。；：！？]|,(?=\P{ASCII})|\b(?:but|instead|rather|however|only|just|we|our)\b|但|而是|专注|主营|只做/u;
const isWordChar = (char: string) => /[a-z0-9]/.test(char);

interface Denial {
  readonly start: number;
  readonly end: number;
  /** A denial of the one word it touches: how far that word may be. */
  readonly wordGap: number | undefined;
}

/**
 * Every negation in the text, each standing as a whole word: an English one between non-letters
 * ("no", never the "no" in "diagnostics"), a one-character Chinese one as a word of its own
 * (非 in 非/医疗器械, never in 非常, 非洲 or 非处方药).
 */
function findDenials(prepared: PreparedText, negations: readonly string[]): Denial[] {
  const { lower, boundaries } = prepared;
  const denials: Denial[] = [];
  for (const negation of negations) {
    const ascii = /^[a-z]/.test(negation);
    for (let at = lower.indexOf(negation); at >= 0; at = lower.indexOf(negation, at + 1)) {
      const end = at + negation.length;
      const wholeWord = ascii
        ? !isWordChar(lower.charAt(at - 1)) && (negation.endsWith('-') || !isWordChar(lower.charAt(end)))
        : negation.length > 1 || (boundaries[at] === 1 && boundaries[end] === 1);
      if (wholeWord) denials.push({ start: at, end, wordGap: WORD_NEGATIONS.get(negation) });
    }
  }
  return denials;
}

function isNegated(match: RawMatch, lower: string, denials: readonly Denial[]): boolean {
  for (const denial of denials) {
    if (denial.end > match.start || denial.start < match.start - CLAUSE_REACH) continue;
    const between = lower.slice(denial.end, match.start);
    if (CLAUSE_END.test(between)) continue;
    if (denial.wordGap === undefined || between.trim().length <= denial.wordGap) return true;
  }
  return false;
}

/** Words joining a list: a denial covers the whole list ("不涉及体外诊断和医疗器械"). */
const LIST_JOINER = /^(?:[\s、,，/]|和|与|及|以及|或|或者|and|or)*$/;

function dropNegated(
  matches: readonly RawMatch[],
  prepared: PreparedText,
  negations: readonly string[],
): RawMatch[] {
  const { lower } = prepared;
  const denials = findDenials(prepared, negations);
  if (denials.length === 0) return [...matches];
  const kept: RawMatch[] = [];
  let deniedUntil = -1;
  for (const match of matches) {
    const inDeniedList =
      deniedUntil >= 0 &&
      (match.start < deniedUntil || LIST_JOINER.test(lower.slice(deniedUntil, match.start)));
    if (inDeniedList || isNegated(match, lower, denials)) {
      deniedUntil = Math.max(deniedUntil, match.end);
      continue;
    }
    if (match.start >= deniedUntil) deniedUntil = -1;
    kept.push(match);
  }
  return kept;
}

interface Hit {
  readonly code: number;
  readonly weight: number;
  readonly match: RawMatch;
  /** A weak term: a word with other meanings too ("康复", "检测"). */
  readonly ambiguous: boolean;
}

/** How well the cues of a contextual group are present around a match: 1 per cue in the same sentence, 0.5 elsewhere. */
function cueScore(
  group: number,
  match: RawMatch,
  cueMatches: ReadonlyMap<number, RawMatch[]>,
  lexicon: Lexicon,
  sentence: Int32Array,
): number {
  let score = 0;
  for (const cueId of lexicon.groups[group]?.cues ?? []) {
    const occurrences = cueMatches.get(cueId);
    if (occurrences === undefined) continue;
    let best = 0;
    for (const cue of occurrences) {
      if (cue.start < match.end && cue.end > match.start) continue; // the word itself is no cue for itself
      best = Math.max(best, sentence[cue.start] === sentence[match.start] ? 1 : 0.5);
      if (best === 1) break;
    }
    score += best;
  }
  return score;
}

function collectHits(matches: readonly RawMatch[], lexicon: Lexicon, sentence: Int32Array): Hit[] {
  const cueMatches = new Map<number, RawMatch[]>();
  for (const m of matches) {
    if (m.pattern.cueOf.length === 0) continue;
    const list = cueMatches.get(m.pattern.id) ?? [];
    list.push(m);
    cueMatches.set(m.pattern.id, list);
  }
  const hits: Hit[] = [];
  for (const match of matches) {
    if (match.pattern.roles.length === 0 || coveredBy(match, matches)) continue;
    const contextual: { code: number; weight: number; score: number }[] = [];
    for (const role of match.pattern.roles) {
      if (role.kind === 'term')
        hits.push({ code: role.code, weight: role.weight, match, ambiguous: role.weight <= WEAK_WEIGHT });
      else if (role.kind === 'contextual') {
        const score = cueScore(role.group, match, cueMatches, lexicon, sentence);
        if (score > 0) contextual.push({ code: role.code, weight: role.weight, score });
      }
    }
    if (contextual.length === 0) continue;
    // Competing readings of one ambiguous word ("CDMO"): the one with the most cues wins; ties share.
    const best = Math.max(...contextual.map((c) => c.score));
    const winners = contextual.filter((c) => c.score >= best - 1e-9);
    const byCode = new Map<number, number>();
    for (const w of winners) byCode.set(w.code, Math.max(byCode.get(w.code) ?? 0, w.weight));
    const share = 1 / Math.sqrt(byCode.size);
    const strength = Math.min(1, 0.6 + 0.2 * best) * share;
    for (const [code, weight] of byCode)
      hits.push({ code, weight: weight * strength, match, ambiguous: false });
  }
  return hits;
}

/** The words behind a match: the whole segmented word when the match sits inside one ("质谱" in "质谱仪"). */
function evidenceSpan(match: RawMatch, assembled: Assembled, lexicon: Lexicon): [number, number] {
  const { boundaries } = assembled.prepared;
  let start = match.start;
  let end = match.end;
  if (boundaries[start] !== 1) start = lexicon.segmenter.tokenAt(boundaries, start)[0];
  if (boundaries[end] !== 1) end = lexicon.segmenter.tokenAt(boundaries, end - 1)[1];
  if (end - start > MAX_TOKEN_EVIDENCE) return [match.start, match.end];
  return [start, end];
}

function evidenceFor(hits: readonly Hit[], assembled: Assembled, lexicon: Lexicon): string[] {
  const spans = hits
    .map((h) => evidenceSpan(h.match, assembled, lexicon))
    .sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  // Merge overlapping or touching spans of the same code: "三重四极杆" + "液质联用仪".
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  const scored = merged.map(([s, e]) => ({
    text: assembled.prepared.text.slice(s, e).trim(),
    weight: assembled.fieldWeight[s] ?? 0,
    start: s,
  }));
  scored.sort((a, b) => b.weight - a.weight || b.text.length - a.text.length || a.start - b.start);
  const out: string[] = [];
  for (const s of scored) {
    if (s.text.length === 0 || out.includes(s.text)) continue;
    if (out.some((o) => o.includes(s.text))) continue;
    out.push(s.text);
    if (out.length >= MAX_EVIDENCE) break;
  }
  return out;
}

function codeEvidenceScore(hits: readonly Hit[], fieldWeight: Float32Array): number {
  const byWord = new Map<string, { best: number; weight: number; count: number }>();
  for (const hit of hits) {
    const key = hit.match.pattern.needle;
    const value = hit.weight * (fieldWeight[hit.match.start] ?? 0.7);
    const entry = byWord.get(key);
    if (entry === undefined) byWord.set(key, { best: value, weight: hit.weight, count: 1 });
    else {
      entry.best = Math.max(entry.best, value);
      entry.weight = Math.max(entry.weight, hit.weight);
      entry.count++;
    }
  }
  let score = 0;
  for (const entry of byWord.values()) {
    score += entry.best + REPEAT_SHARE * entry.weight * Math.min(MAX_REPEATS, entry.count - 1);
  }
  return score;
}

/** A clause that says what the firm is or does ("公司生产…", "是一家…", "专注于…"), not when or where it was founded. */
const SAYS_WHAT_IT_DOES =
  /是|为|系|生产|制造|研发|开发|专注|从事|主营|致力|经营|提供|\b(?:is|are|we|makes?|develops?|produces?|manufactures?|provides?|speciali[sz]\w*)\b/i;
/** Where a Chinese clause ends: a comma (an ASCII one before Chinese text) or a sentence break. */
const isClauseBreak = (text: string, i: number) =>
  text.charAt(i) === '，' || (text.charAt(i) === ',' && /\P{ASCII}/u.test(text.charAt(i + 1)));

/**
 * The description's opening words, as spans: the clauses of its first sentence that say what the
 * firm is or does; the whole first sentence when none does (a name and a field, without a verb).
 */
function openingOf({ prepared: { text }, sentence, descriptionFrom }: Assembled): [number, number][] {
  const first = sentence[descriptionFrom];
  let end = descriptionFrom;
  while (end < text.length && sentence[end] === first) end++;
  const clauses: [number, number][] = [];
  let from = descriptionFrom;
  for (let i = descriptionFrom; i <= end; i++) {
    if (i < end && !isClauseBreak(text, i)) continue;
    if (SAYS_WHAT_IT_DOES.test(text.slice(from, i))) clauses.push([from, i]);
    from = i + 1;
  }
  return clauses.length > 0 ? clauses : [[descriptionFrom, end]];
}

export function readProfile(profile: PublicProfile, taxonomy: Taxonomy): ProfileReading {
  const lexicon = compileLexicon(taxonomy);
  const assembled = assemble(profile, lexicon);
  const { prepared } = assembled;
  const matches = dropNegated(scan(prepared, lexicon), prepared, lexicon.negations);

  const against = new Set<number>();
  for (const m of matches) for (const code of m.pattern.against) against.add(code);

  const hitsByCode = new Map<number, Hit[]>();
  for (const hit of collectHits(matches, lexicon, assembled.sentence)) {
    const list = hitsByCode.get(hit.code) ?? [];
    list.push(hit);
    hitsByCode.set(hit.code, list);
  }

  // A firm whose title, products, technologies and opening words (what the firm is or does)
  // name nothing of the taxonomy speaks of it only in passing (a food plant's own 微生物检测
  // lab, pet food sold through 宠物医院): the rest of its description counts for less.
  // (Brand-name products say nothing either way.)
  const { descriptionFrom } = assembled;
  const opening = openingOf(assembled);
  const namesIt = (h: Hit) =>
    h.match.start < descriptionFrom ||
    opening.some(([from, to]) => h.match.start >= from && h.match.start < to);
  const inPassing =
    profile.project.products.length > 0 && ![...hitsByCode.values()].some((hits) => hits.some(namesIt));

  const scores = new Map<number, number>();
  for (const [code, hits] of hitsByCode) scores.set(code, codeEvidenceScore(hits, assembled.fieldWeight));
  const topScore = Math.max(0, ...scores.values());

  const readings = new Map<number, { confidence: number; evidence: string[]; declared: boolean }>();
  for (const [code, score] of scores) {
    let confidence = 1 - Math.exp(-CONFIDENCE_RATE * score);
    if (against.has(code)) confidence *= AGAINST_FACTOR;
    if (hitsByCode.get(code)?.every((h) => h.ambiguous))
      confidence = Math.min(confidence, AMBIGUOUS_ONLY_MAX);
    if (inPassing) confidence *= IN_PASSING_FACTOR;
    // A passing mention next to the firm's main business counts for less.
    confidence *= 0.6 + 0.4 * (score / topScore);
    readings.set(code, {
      confidence,
      evidence: evidenceFor(hitsByCode.get(code) ?? [], assembled, lexicon),
      declared: false,
    });
  }

  const textTop = Math.max(0, ...[...readings.values()].map((r) => r.confidence));
  for (const declared of profile.project.declaredCodes) {
    const code = lexicon.codeIndex.get(declared);
    if (code === undefined) continue;
    const existing = readings.get(code);
    const related = [...readings.keys()].some(
      (other) => lexicon.ancestors[other]?.includes(code) || lexicon.ancestors[code]?.includes(other),
    );
    if (existing !== undefined) {
      existing.confidence += (1 - existing.confidence) * DECLARED_BOOST;
      existing.declared = true;
    } else {
      readings.set(code, {
        confidence:
          topScore === 0
            ? DECLARED_ONLY_NO_TEXT
            : related
              ? DECLARED_RELATED
              : DECLARED_ONLY * (1 - 0.8 * textTop),
        evidence: [`自选方向 / self-declared: ${declared}`],
        declared: true,
      });
    }
  }

  const codes: CodeReading[] = [];
  for (const [code, r] of readings) {
    if (r.confidence < MIN_CONFIDENCE) continue;
    let generic = false;
    for (const [other, o] of readings) {
      if (other === code || !lexicon.ancestors[other]?.includes(code)) continue;
      if (o.confidence >= Math.max(SPECIFIC_MIN, SPECIFIC_SHARE * r.confidence)) generic = true;
    }
    codes.push({
      code: lexicon.codes[code] ?? String(code),
      confidence: Math.round(r.confidence * 1000) / 1000,
      evidence: r.evidence,
      declared: r.declared,
      generic,
    });
  }
  codes.sort((a, b) => b.confidence - a.confidence || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { taxonomyVersion: lexicon.taxonomyVersion, codes, features: featuresOf(profile) };
}
