/** GET /v1/health: the sandbox is up, which contract version it serves, and its clock. */
import type { SandboxContext } from '../context.ts';
import { isoShanghai } from '../domain/time.ts';

export function health(ctx: SandboxContext) {
  return { status: 'ok', version: ctx.contract.document.info.version, time: isoShanghai(ctx.now()) };
}
