import { type Lexicon, type Pattern, prefixKey } from './lexicon.ts';
import { isAsciiAlnum } from './text.ts';

// Finds every occurrence of every lexicon pattern in a prepared text, honouring
// word edges: ASCII terms need non-alphanumeric neighbours ("CRO" not in
// "micro"), short Chinese terms need segmentation boundaries.

export interface PreparedText {
  /** NFKC, width-folded text. */
  readonly text: string;
  /** Same, ASCII lower-cased (same length). */
  readonly lower: string;
  readonly boundaries: Uint8Array;
}

export interface RawMatch {
  readonly pattern: Pattern;
  readonly start: number;
  readonly end: number;
}

export function scan(prepared: PreparedText, lexicon: Lexicon): RawMatch[] {
  const { text, lower, boundaries } = prepared;
  const matches: RawMatch[] = [];
  const n = text.length;
  const at = (i: number, candidates: readonly Pattern[] | undefined) => {
    if (candidates === undefined) return;
    for (const pattern of candidates) {
      const end = i + pattern.needle.length;
      if (end > n) continue;
      if (!(pattern.caseSensitive ? text : lower).startsWith(pattern.needle, i)) continue;
      if (pattern.asciiEnd && end < n && isAsciiAlnum(lower.charCodeAt(end))) continue;
      if (pattern.strict && (boundaries[i] !== 1 || boundaries[end] !== 1)) continue;
      matches.push({ pattern, start: i, end });
    }
  };
  for (let i = 0; i < n; i++) {
    const first = lower.charCodeAt(i);
    // Inside an ASCII word no pattern starts: one that begins with a letter or digit needs a word edge.
    if (i > 0 && isAsciiAlnum(first) && isAsciiAlnum(lower.charCodeAt(i - 1))) continue;
    at(i, lexicon.byPrefix.get(prefixKey(first, -1)));
    if (i + 1 < n) at(i, lexicon.byPrefix.get(prefixKey(first, lower.charCodeAt(i + 1))));
  }
  return matches;
}

/** True when some other match strictly covers this one (longest match wins: "原料药" over "原料"). */
export function coveredBy(match: RawMatch, all: readonly RawMatch[]): boolean {
  for (const other of all) {
    if (other === match) continue;
    if (
      other.start <= match.start &&
      other.end >= match.end &&
      other.end - other.start > match.end - match.start
    ) {
      if (other.pattern.roles.length > 0) return true;
    }
  }
  return false;
}
