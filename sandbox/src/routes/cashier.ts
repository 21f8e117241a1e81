import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { renderCashier, returnSource, returnTarget } from '../domain/cashier-page.ts';
import { operation } from '../http/operation.ts';
import { actOnCashier, openCashier } from '../services/cashier.ts';

/** Security headers of every cashier page; `formTarget` lets the form's redirect reach return_url. */
export function cashierHeaders(reply: FastifyReply, nonce: string, formTarget = ''): FastifyReply {
  return reply
    .header(
      'Content-Security-Policy',
      `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'${formTarget ? ` ${formTarget}` : ''}; frame-ancestors 'none'; base-uri 'none'`,
    )
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Frame-Options', 'DENY')
    .header('Referrer-Policy', 'no-referrer')
    .header('Cache-Control', 'no-store')
    .type('text/html; charset=utf-8');
}

export function cashierRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  operation(app, ctx, 'getCashier', async (request, reply) => {
    const secret = request.query.client_secret as string;
    const view = await openCashier(ctx, request.params.order_id, secret);
    const nonce = randomBytes(16).toString('base64');
    return cashierHeaders(reply, nonce, returnSource(view.return_url)).send(
      renderCashier(view, request.lang, secret, nonce),
    );
  });

  operation(app, ctx, 'submitCashier', async (request, reply) => {
    const { client_secret, action } = request.body;
    const p = await actOnCashier(ctx, request.params.order_id, client_secret, action);
    const target = p.return_url
      ? returnTarget(p.return_url, p.order_id, p.status)
      : `/cashier/${p.order_id}?client_secret=${encodeURIComponent(client_secret)}`;
    return reply.code(303).header('Location', target).header('Referrer-Policy', 'no-referrer').send();
  });
}
