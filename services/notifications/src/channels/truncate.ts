// Byte limits of the robots (企业微信 markdown: 4096 bytes of UTF-8) cut a message on a
// character boundary: never half a Chinese character or half an emoji.

const encoder = new TextEncoder();
const ELLIPSIS = '…';

export const utf8Length = (text: string): number => encoder.encode(text).length;

/** `text` when it fits in `maxBytes` of UTF-8; otherwise its longest prefix of whole characters that fits with `…`. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  const budget = maxBytes - utf8Length(ELLIPSIS);
  let used = 0;
  let out = '';
  for (const { segment } of new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(text)) {
    const size = utf8Length(segment);
    if (used + size > budget) break;
    used += size;
    out += segment;
  }
  return out + ELLIPSIS;
}
