/**
 * Characters that show nothing on their own: format characters (soft hyphen, zero-width spaces
 * and joiners, word joiner, BOM, bidi marks), combining marks with no letter to sit on,
 * variation selectors, and the blank "letters" (Hangul fillers, the blank Braille pattern).
 */
const INVISIBLE = /[\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** True when a text shows nothing: empty, spaces, or characters that show nothing only. */
export const showsNothing = (text: string): boolean => text.replace(INVISIBLE, '').trim() === '';
