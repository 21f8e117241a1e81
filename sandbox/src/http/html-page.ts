/**
 * Answering with an HTML page (the hosted cashier): locked-down security headers, and a fresh
 * nonce for the page's one inline style, so the CSP can forbid everything else.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/**
 * Sends the page `render` makes with this answer's nonce. `formTarget` is a CSP source the
 * page's form may lead to besides the sandbox (Chrome checks form-action on the redirect a
 * POST answers with, so return_url's origin must be allowed).
 */
export function sendHtmlPage(reply: FastifyReply, render: (nonce: string) => string, formTarget = ''): FastifyReply {
  const nonce = randomBytes(16).toString('base64');
  return reply
    .header(
      'Content-Security-Policy',
      `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'${formTarget ? ` ${formTarget}` : ''}; frame-ancestors 'none'; base-uri 'none'`,
    )
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Frame-Options', 'DENY')
    .header('Referrer-Policy', 'no-referrer')
    .header('Cache-Control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(render(nonce));
}
