// Text normalisation shared by the reader and the matcher. Every function keeps
// string length (one UTF-16 unit in, one out) so offsets stay comparable.

const HAN = /\p{Script=Han}/u;

export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

export function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Full-width forms to ASCII and the ideographic space to a space; other characters untouched. */
export function foldWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

/** ASCII-only lower case (keeps length, unlike toLowerCase on some scripts). */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** A sentence ends at these; cues count more inside the same sentence. */
export function isSentenceBreak(ch: string): boolean {
  return (
    ch === '。' ||
    ch === '；' ||
    ch === ';' ||
    ch === '！' ||
    ch === '!' ||
    ch === '？' ||
    ch === '?' ||
    ch === '\n'
  );
}

export function hasHan(text: string): boolean {
  for (const ch of text) if (isHan(ch)) return true;
  return false;
}
