import { type Html, html } from '../layout/html.ts';

// The words a direction was recognised from, marked in the firm's own text. The text is
// cut into plain and matched parts, each escaped by the template: nothing the firm wrote
// is ever inserted as HTML.

const MAX_WORDS = 60;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function highlight(text: string, words: readonly string[]): Html {
  const terms = [...new Set(words.map((w) => w.trim()).filter((w) => w.length > 0))]
    .sort((a, b) => b.length - a.length)
    .slice(0, MAX_WORDS);
  if (terms.length === 0) return html`${text}`;
  const pattern = new RegExp(terms.map(escapeRegExp).join('|'), 'giu');
  const parts: Html[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    if (match[0].length === 0) continue;
    parts.push(html`${text.slice(last, start)}<mark>${match[0]}</mark>`);
    last = start + match[0].length;
  }
  parts.push(html`${text.slice(last)}`);
  return html`${parts}`;
}
