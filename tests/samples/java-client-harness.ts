/** The Java guide's JuYiFuClient.java, run as the guide runs it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  payOnCashier,
  readerEnv,
  run,
  stepsResult,
  until,
  type HarnessContext,
  type HarnessResult,
} from './harnesses.ts';
import { call } from './sandbox-events.ts';
import { javaVerifyCases } from './verify-harnesses.ts';

/**
 * The Java guide's client: create (twice: two orders, each its own order number), pay, query,
 * refund the order in two halves (each its own refund number, where a fixed one would answer the
 * first refund again) and read a refund back once it has succeeded, verify real and forged
 * webhooks (any v1 of a rotation header), and errors answered.
 */
export async function javaClient(code: string, ctx: HarnessContext): Promise<HarnessResult> {
  mkdirSync(ctx.dir, { recursive: true });
  writeFileSync(join(ctx.dir, 'JuYiFuClient.java'), code);
  const java = (args: string[]) =>
    run('java', ['JuYiFuClient.java', ...args], { cwd: ctx.dir, env: readerEnv(ctx.base, ctx.key) })
      .then((r) => r.stdout.trim())
      .catch((e) => String(e.stdout ?? e.message).trim());
  const [orderId, payUrl] = (await java(['create', '1000'])).split(' ');
  const [secondId] = (await java(['create', '1000'])).split(' ');
  await payOnCashier(ctx.base, orderId, payUrl);
  const status = await java(['query', orderId]);
  const [refundId, refundStatus, refundNo] = (await java(['refund', orderId, '500'])).split(' ');
  const [otherId, otherStatus, otherNo] = (await java(['refund', orderId, '500'])).split(' ');
  const exceeded = (await java(['refund', orderId, '1'])).split(' ').slice(0, 3).join(' ');
  await until(
    () => call<{ status: string }>(ctx, 'GET', `/v1/refunds/${refundId}`),
    (r) => r.status === 'succeeded',
  );
  const readBack = await java(['refund-query', refundId]);
  const refunds = [
    refundId?.startsWith('ref_') ? `refund ${refundStatus}` : refundId,
    otherId?.startsWith('ref_') && otherId !== refundId ? `another refund ${otherStatus}` : `again: ${otherId}`,
    refundNo && otherNo && refundNo !== otherNo ? 'each its own out_refund_no' : `numbers ${refundNo} ${otherNo}`,
    exceeded,
    readBack,
  ];
  const verified = await javaVerifyCases(ctx, async (c, file) => {
    const env = { ...readerEnv(ctx.base, { ...ctx.key, webhook_secret: c.secret }), SIGNATURE: c.header };
    return run('java', ['-cp', '.', 'JuYiFuClient', 'verify', file], { cwd: ctx.dir, env }).then((r) =>
      r.stdout.trim(),
    );
  });
  const error = (await java(['create', '10.00'])).split(' ').slice(0, 3).join(' ');
  const got = [
    orderId?.startsWith('pay_') ? 'created' : orderId,
    secondId?.startsWith('pay_') && secondId !== orderId ? 'created another' : `again: ${secondId}`,
    status,
    ...refunds,
    ...verified.got,
    error,
  ];
  const want = ['created', 'created another', 'paid'];
  const wantRefunds = [
    'refund pending',
    'another refund pending',
    'each its own out_refund_no',
    'error 400 refund_exceeds_paid',
    'succeeded 500',
  ];
  return stepsResult(got, [...want, ...wantRefunds, ...verified.want, 'error 400 amount_not_integer']);
}
