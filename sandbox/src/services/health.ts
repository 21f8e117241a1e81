/**
 * GET /v1/health: the process is up, which contract version it serves, and its clock.
 * GET /v1/health/ready: it can serve requests, that is, its database answers.
 */
import type { SandboxContext } from '../context.ts';
import { isoShanghai } from '../domain/time.ts';

export function health(ctx: SandboxContext) {
  return { status: 'ok', version: ctx.contract.document.info.version, time: isoShanghai(ctx.now()) };
}

/** Ready once the store answers; a store that cannot be reached throws, and is answered 503. */
export async function readiness(ctx: SandboxContext) {
  await ctx.store.ping();
  return {
    status: 'ready' as const,
    store: ctx.store.shared ? ('postgresql' as const) : ('sqlite' as const),
    time: isoShanghai(ctx.now()),
  };
}
