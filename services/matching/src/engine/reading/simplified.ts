import { Converter, Locale } from 'opencc-js/t2cn';

// Traditional Chinese read as simplified. The taxonomy's words are mainland simplified, while
// firms from Hong Kong, Macao and Taiwan write traditional characters and Taiwan's own words
// (軟體, 奈米, 矽): OpenCC's Taiwan-phrase converter turns them into what the taxonomy knows
// (软件, 纳米, 硅). Text with no character the converter changes — nearly every profile — is
// returned as it is after one table lookup per character.

const convert = Converter({ from: 'twp', to: 'cn' });

/** 1 at each UTF-16 code the converter changes on its own (every character of its dictionaries' sources). */
function traditionalTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const group of [...(Locale.from.twp ?? []), ...(Locale.to.cn ?? [])]) {
    for (const dict of group) {
      const sources =
        typeof dict === 'string'
          ? dict.split('|').map((entry) => entry.split(' ')[0] ?? '')
          : dict.map(([source]: readonly [string, string]) => source);
      for (const source of sources) {
        for (const ch of source) if (ch.length === 1 && convert(ch) !== ch) table[ch.charCodeAt(0)] = 1;
      }
    }
  }
  return table;
}

const TRADITIONAL = traditionalTable();

/** The text in simplified characters and mainland words; the same string when it has no traditional character. */
export function toSimplified(text: string): string {
  for (let i = 0; i < text.length; i++) if (TRADITIONAL[text.charCodeAt(i)] === 1) return convert(text);
  return text;
}
