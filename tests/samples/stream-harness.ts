/**
 * The webhooks page's event-stream curl, run as a reader would after filling in an event id of
 * their own: it must end by itself at its --max-time, resume after that event (which is not sent
 * again), carry the later event, and every streamed event's signature must check out with the
 * app's webhook_secret over the exact body.
 */
import { run, stepsResult, type HarnessContext, type HarnessResult } from './harnesses.ts';
import { call, eventsOf, sign } from './sandbox-events.ts';

const PAGE_BASE = 'http://127.0.0.1:4010';
const PAGE_EVENT = 'evt_1a2b3c4d5e6f7a8b9c0d1e2f';
/** curl's exit status when --max-time ends the transfer: the bound the sample promises. */
const ENDED_BY_MAX_TIME = 28;

interface Streamed {
  id: string;
  type: string;
  signature: string;
  body: string;
}

/** The events of a Server-Sent Events text: each block's `data:` line, as JSON. */
export function streamedEvents(text: string): Streamed[] {
  return text
    .split('\n\n')
    .map((block) => block.split('\n').find((line) => line.startsWith('data: ')))
    .filter((line): line is string => line !== undefined)
    .map((line) => JSON.parse(line.slice('data: '.length)) as Streamed);
}

async function paidEventId(ctx: HarnessContext): Promise<string> {
  const orderId = await ctx.newOrder();
  await call(ctx, 'POST', `/v1/sandbox/payments/${orderId}/simulate`, { result: 'paid' });
  return (await eventsOf(ctx, orderId))[0].id;
}

export async function streamCurl(code: string, ctx: HarnessContext): Promise<HarnessResult> {
  const seen = await paidEventId(ctx);
  const later = await paidEventId(ctx);
  // The page's 30 s bound, shortened so the suite does not wait: what is checked is that it ends.
  const program = code
    .replaceAll(PAGE_BASE, ctx.base)
    .replaceAll(PAGE_EVENT, seen)
    .replace('--max-time 30', '--max-time 3');
  if (program === code) throw new Error('the stream sample names neither the page base nor the example event id');
  const out = await run('bash', ['-c', program], { env: { ...process.env, JUYIFU_TOKEN: ctx.token }, timeout: 20_000 })
    .then((r) => ({ stdout: r.stdout, code: 0 }))
    .catch((e: { stdout?: string; code?: number }) => ({ stdout: String(e.stdout ?? ''), code: e.code }));
  const events = streamedEvents(out.stdout);
  const ids = events.map((e) => e.id);
  const signed = events.every((e) => {
    const t = Number(/^t=(\d+)/.exec(e.signature)?.[1]);
    return e.signature === sign([ctx.key.webhook_secret], e.body, t) && JSON.parse(e.body).id === e.id;
  });
  return stepsResult(
    [
      `exit ${out.code}`,
      `resumed after the given event: ${!ids.includes(seen)}`,
      `later event streamed: ${ids.includes(later)}`,
      `signatures over the exact bodies: ${events.length > 0 && signed}`,
    ],
    [
      `exit ${ENDED_BY_MAX_TIME}`,
      'resumed after the given event: true',
      'later event streamed: true',
      'signatures over the exact bodies: true',
    ],
  );
}
