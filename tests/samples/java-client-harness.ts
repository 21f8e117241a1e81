/** The Java guide's JuYiFuClient.java, run as the guide runs it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { payOnCashier, readerEnv, run, stepsResult, type HarnessContext, type HarnessResult } from './harnesses.ts';
import { javaVerifyCases } from './verify-harnesses.ts';

/**
 * The Java guide's client: create (twice: two orders, each its own order number), pay, query,
 * verify real and forged webhooks (any v1 of a rotation header), and an error answered.
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
    ...verified.got,
    error,
  ];
  return stepsResult(got, ['created', 'created another', 'paid', ...verified.want, 'error 400 amount_not_integer']);
}
