import type { MiddlewareHandler } from 'hono';

// Headers on every answer: a strict Content-Security-Policy (only the portal's own scripts
// and styles, no inline code, no framing, forms post only to the portal), no MIME sniffing,
// no referrer to other sites (a firm's private link must not leak), and no powerful browser
// features. (`same-origin`, not `no-referrer`: with no-referrer a browser posts forms with
// `Origin: null`, and the CSRF check wants the portal's own origin.)

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('content-security-policy', CONTENT_SECURITY_POLICY);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'same-origin');
    c.header('x-frame-options', 'DENY');
    c.header('cross-origin-opener-policy', 'same-origin');
    c.header('cross-origin-resource-policy', 'same-origin');
    c.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  };
}
