import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import { createSegmenter, type Segmenter } from './segmenter.ts';
import { asciiLower, foldWidth, hasHan, isAsciiAlnum } from './text.ts';

// The taxonomy compiled into a lexicon: every written form (term, cue, neutral
// phrase) becomes one pattern with the roles it plays. Built once per taxonomy.

export const STRONG_WEIGHT = 1;
export const WEAK_WEIGHT = 0.4;

export type Role =
  | { readonly kind: 'term'; readonly code: number; readonly weight: number }
  | { readonly kind: 'contextual'; readonly code: number; readonly group: number; readonly weight: number }
  | { readonly kind: 'neutral' };

export interface Pattern {
  readonly id: number;
  /** The form matched: lower case unless case-sensitive. */
  readonly needle: string;
  readonly caseSensitive: boolean;
  /** Ends in an ASCII letter or digit: the next character must not be one (one that starts with one is scanned at word starts only). */
  readonly asciiEnd: boolean;
  /** Short Chinese word: both edges must fall on segmentation boundaries. */
  readonly strict: boolean;
  readonly roles: Role[];
  /** Contextual groups for which this pattern is a cue. */
  readonly cueOf: number[];
  /** Codes this pattern argues against. */
  readonly against: number[];
}

export interface ContextGroup {
  readonly code: number;
  readonly weight: number;
  readonly cues: ReadonlySet<number>;
}

export interface Lexicon {
  readonly taxonomyVersion: string;
  readonly codes: readonly string[];
  readonly codeIndex: ReadonlyMap<string, number>;
  /** Ancestors of each code, nearest first. */
  readonly ancestors: readonly (readonly number[])[];
  readonly labels: readonly { zh: string; en: string }[];
  readonly patterns: readonly Pattern[];
  readonly groups: readonly ContextGroup[];
  /** Patterns by prefixKey of their first two (lower-cased) characters; a one-character pattern by its one. */
  readonly byPrefix: ReadonlyMap<number, readonly Pattern[]>;
  readonly negations: readonly string[];
  readonly segmenter: Segmenter;
}

interface MutablePattern {
  id: number;
  needle: string;
  caseSensitive: boolean;
  asciiEnd: boolean;
  strict: boolean;
  roles: Role[];
  cueOf: number[];
  against: number[];
}

function normaliseForm(form: string): string {
  return foldWidth(form.normalize('NFKC')).replace(/\s+/g, ' ').trim();
}

/** English plural forms of a lower-case ASCII-ending word ("assay" → "assays", "antibody" → "antibodies"). */
function pluralForms(needle: string): string[] {
  const last = /([a-z]+)$/.exec(needle)?.[1];
  if (last === undefined || last.length < 3) return [];
  if (needle.endsWith('y') && !/[aeiou]y$/.test(needle)) return [`${needle.slice(0, -1)}ies`];
  if (/(s|x|ch|sh)$/.test(needle)) return [`${needle}es`];
  return [`${needle}s`];
}

const cache = new WeakMap<Taxonomy, Lexicon>();

/** The key of a pattern's first one or two character codes (`second` -1 for one). */
export const prefixKey = (first: number, second: number) => first * 65_537 + second + 1;

export function compileLexicon(taxonomy: Taxonomy): Lexicon {
  const hit = cache.get(taxonomy);
  if (hit) return hit;

  const codes = taxonomy.codes.map((c) => c.code);
  const codeIndex = new Map(codes.map((c, i) => [c, i]));
  const ancestors = taxonomy.codes.map((entry) => {
    const chain: number[] = [];
    let parent = entry.parent;
    while (parent !== undefined) {
      const index = codeIndex.get(parent);
      if (index === undefined || chain.includes(index)) break;
      chain.push(index);
      parent = taxonomy.codes[index]?.parent;
    }
    return chain;
  });

  const patterns: MutablePattern[] = [];
  const byKey = new Map<string, MutablePattern>();
  const patternFor = (form: string, caseSensitive: boolean): MutablePattern[] => {
    const written = normaliseForm(form);
    const base = caseSensitive ? written : asciiLower(written);
    const needles = [base];
    if (!caseSensitive && isAsciiAlnum(base.charCodeAt(base.length - 1))) needles.push(...pluralForms(base));
    return needles.map((needle) => {
      const key = `${caseSensitive ? 'S' : 'I'}:${needle}`;
      let pattern = byKey.get(key);
      if (!pattern) {
        pattern = {
          id: patterns.length,
          needle,
          caseSensitive,
          asciiEnd: isAsciiAlnum(needle.charCodeAt(needle.length - 1)),
          strict: hasHan(needle) && needle.length <= 2,
          roles: [],
          cueOf: [],
          against: [],
        };
        patterns.push(pattern);
        byKey.set(key, pattern);
      }
      return pattern;
    });
  };
  const addRole = (pattern: MutablePattern, role: Role) => {
    const same = pattern.roles.some(
      (r) =>
        r.kind === role.kind &&
        (r.kind === 'neutral' ||
          (role.kind !== 'neutral' &&
            'code' in r &&
            r.code === role.code &&
            (r.kind !== 'contextual' || (role.kind === 'contextual' && r.group === role.group)))),
    );
    if (!same) pattern.roles.push(role);
  };

  const groups: ContextGroup[] = [];
  taxonomy.codes.forEach((entry, code) => {
    const sensitive = new Set(entry.caseSensitive);
    for (const term of entry.strong) {
      for (const p of patternFor(term, sensitive.has(term)))
        addRole(p, { kind: 'term', code, weight: STRONG_WEIGHT });
    }
    for (const term of entry.weak) {
      for (const p of patternFor(term, sensitive.has(term)))
        addRole(p, { kind: 'term', code, weight: WEAK_WEIGHT });
    }
    for (const group of entry.contextual) {
      const groupIndex = groups.length;
      // A word of the group is no cue for it: "veterinary" beside "poultry" says nothing of diagnostics.
      const own = new Set(
        group.terms.flatMap((term) => patternFor(term, sensitive.has(term)).map((p) => p.id)),
      );
      const cues = new Set<number>();
      for (const cue of group.cues) {
        for (const p of patternFor(cue, false)) {
          if (own.has(p.id)) continue;
          cues.add(p.id);
          if (!p.cueOf.includes(groupIndex)) p.cueOf.push(groupIndex);
        }
      }
      groups.push({ code, weight: group.weight, cues });
      for (const term of group.terms) {
        for (const p of patternFor(term, sensitive.has(term))) {
          addRole(p, { kind: 'contextual', code, group: groupIndex, weight: group.weight });
        }
      }
    }
    for (const cue of entry.against) {
      for (const p of patternFor(cue, false)) if (!p.against.includes(code)) p.against.push(code);
    }
  });
  // A word that argues against a code argues against every code below it too.
  for (const pattern of patterns) {
    if (pattern.against.length === 0) continue;
    taxonomy.codes.forEach((_, code) => {
      if (!pattern.against.includes(code) && ancestors[code]?.some((a) => pattern.against.includes(a)))
        pattern.against.push(code);
    });
  }
  for (const phrase of taxonomy.neutral) {
    for (const p of patternFor(phrase, false)) addRole(p, { kind: 'neutral' });
  }

  const byPrefix = new Map<number, MutablePattern[]>();
  for (const pattern of patterns) {
    const lower = asciiLower(pattern.needle);
    const prefix = prefixKey(lower.charCodeAt(0), lower.length > 1 ? lower.charCodeAt(1) : -1);
    const list = byPrefix.get(prefix) ?? [];
    list.push(pattern);
    byPrefix.set(prefix, list);
  }

  const domainWords = new Set(patterns.filter((p) => hasHan(p.needle)).map((p) => p.needle));
  const lexicon: Lexicon = {
    taxonomyVersion: taxonomy.version,
    codes,
    codeIndex,
    ancestors,
    labels: taxonomy.codes.map((c) => c.label),
    patterns,
    groups,
    byPrefix,
    negations: taxonomy.negations.map((n) => asciiLower(foldWidth(n.normalize('NFKC')))),
    segmenter: createSegmenter(domainWords),
  };
  cache.set(taxonomy, lexicon);
  return lexicon;
}
