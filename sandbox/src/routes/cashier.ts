import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { httpUrlOrNull } from '../domain/urls.ts';
import { sendHtmlPage } from '../http/html-page.ts';
import { operation } from '../http/operation.ts';
import { actOnCashier, openCashier } from '../services/cashier.ts';
import { renderCashier } from '../views/cashier-page.ts';

/** Where the browser goes after an action: return_url with the order id and status added. */
function returnTarget(url: URL, orderId: string, status: string): string {
  url.searchParams.set('order_id', orderId);
  url.searchParams.set('status', status);
  return url.toString();
}

/** The CSP source that lets the form's redirect reach return_url: its origin, nothing else. */
function returnSource(returnUrl: string | null): string {
  return httpUrlOrNull(returnUrl)?.origin ?? '';
}

export function cashierRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  operation(app, ctx, 'getCashier', async (request, reply) => {
    const secret = request.query.client_secret as string;
    const view = await openCashier(ctx, request.params.order_id, secret);
    return sendHtmlPage(
      reply,
      (nonce) => renderCashier(view, request.lang, secret, nonce),
      returnSource(view.return_url),
    );
  });

  operation(app, ctx, 'submitCashier', async (request, reply) => {
    const { client_secret, action } = request.body;
    const p = await actOnCashier(ctx, request.params.order_id, client_secret, action);
    const back = httpUrlOrNull(p.return_url);
    const target = back
      ? returnTarget(back, p.order_id, p.status)
      : `/cashier/${p.order_id}?client_secret=${encodeURIComponent(client_secret)}`;
    return reply.code(303).header('Location', target).header('Referrer-Policy', 'no-referrer').send();
  });
}
