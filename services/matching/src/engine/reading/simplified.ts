import { Converter, CustomConverter, Locale } from 'opencc-js/t2cn';

// Traditional Chinese read as simplified. The taxonomy's words are mainland simplified, while
// firms from Hong Kong, Macao and Taiwan write traditional characters and Taiwan's own words
// (軟體, 奈米, 矽, 次世代定序, 學名藥): OpenCC's Taiwan-phrase converter and a few words of the
// trade turn them into what the taxonomy knows (软件, 纳米, 硅, 二代测序, 仿制药). Text with no
// character the converter changes — nearly every profile — is returned as it is after one
// table lookup per character.

const toMainland = Converter({ from: 'twp', to: 'cn' });
/** Taiwan's words for what the taxonomy names otherwise, which OpenCC leaves as they are. */
const toTaxonomyWords = CustomConverter([
  ['次世代定序', '二代测序'],
  ['定序', '测序'],
  ['单株抗体', '单克隆抗体'],
  ['学名药', '仿制药'],
  ['人工智慧', '人工智能'],
]);
const convert = (text: string): string => toTaxonomyWords(toMainland(text));

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
        for (const ch of source) if (ch.length === 1 && toMainland(ch) !== ch) table[ch.charCodeAt(0)] = 1;
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
