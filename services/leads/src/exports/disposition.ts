// `Content-Disposition` for a download whose name is Chinese: an ASCII `filename` for old
// clients and the real name as RFC 5987 / RFC 6266 `filename*` (UTF-8, percent-encoded).

/** RFC 5987 attr-char: letters, digits and `!#$&+-.^_`|~`; everything else is percent-encoded. */
const encodeExtValue = (text: string): string =>
  encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function attachment(asciiName: string, name: string): string {
  const fallback = asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
