import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { ok } from '../http/envelope.ts';
import { negotiateMediaType } from '../http/negotiate.ts';
import { operation } from '../http/operation.ts';
import { billCsv, billPage } from '../services/bills.ts';

export function billRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  operation(app, ctx, 'getBill', async (request, reply) => {
    const { format, ...params } = request.query;
    const wantsCsv = format
      ? format === 'csv'
      : negotiateMediaType(request.headers.accept, ['application/json', 'text/csv']) === 'text/csv';
    if (!wantsCsv) return ok(ctx, request, await billPage(ctx, request.principal!, params));
    const stream = await billCsv(ctx, request.principal!, params);
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="juyifu-bill-${params.bill_date}.csv"`)
      .send(stream);
  });
}
