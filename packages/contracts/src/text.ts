/**
 * A character that shows something: not a space, nor a format character (soft hyphen,
 * zero-width spaces and joiners, word joiner, BOM, bidi marks), nor a combining mark with no
 * letter to sit on, nor a variation selector, nor a blank "letter" (the Hangul fillers, the
 * blank Braille pattern).
 */
const VISIBLE = /[^\s\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/u;

/** True when a text shows nothing: empty, spaces, or characters that show nothing only. */
export const showsNothing = (text: string): boolean => !VISIBLE.test(text);
