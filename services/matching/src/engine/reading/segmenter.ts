import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// Chinese word segmentation with jieba (jieba-rs through N-API). The matcher uses
// the token boundaries so that a short Chinese term only counts as a whole word:
// "原料" must not match inside "原料药", "生物" not inside "微生物".

export interface Segmenter {
  /** boundary[i] is 1 when a token starts or ends at offset i (0 and length included). */
  boundaries(text: string): Uint8Array;
  /** The token containing offset i, as [start, end). */
  tokenAt(boundaries: Uint8Array, offset: number): [number, number];
}

const USER_WORD_FREQUENCY = 20000;

/** Builds a segmenter whose dictionary also knows the given domain words. */
export function createSegmenter(domainWords: Iterable<string>): Segmenter {
  const jieba = Jieba.withDict(dict);
  const lines: string[] = [];
  for (const word of domainWords) {
    if (/\s/.test(word) || word.length < 2) continue;
    lines.push(`${word} ${USER_WORD_FREQUENCY}`);
  }
  if (lines.length > 0) jieba.loadDict(Buffer.from(lines.join('\n'), 'utf8'));

  return {
    boundaries(text) {
      const marks = new Uint8Array(text.length + 1);
      marks[0] = 1;
      marks[text.length] = 1;
      let offset = 0;
      for (const token of jieba.cut(text, false)) {
        offset += token.length;
        if (offset > text.length) break;
        marks[offset] = 1;
      }
      if (offset !== text.length) marks.fill(1); // segmentation did not cover the text: treat every offset as a boundary
      return marks;
    },
    tokenAt(marks, at) {
      let start = at;
      while (start > 0 && marks[start] !== 1) start--;
      let end = at + 1;
      while (end < marks.length - 1 && marks[end] !== 1) end++;
      return [start, end];
    },
  };
}
