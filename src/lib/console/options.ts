/** What the console's header pickers offer, from the contract rather than from a list per operation. */
import type { PageOperation } from '../operation-page.ts';

/**
 * The values of the operation's X-Sandbox-Simulate header parameter; none when the operation
 * does not declare it (the picker is then left out).
 */
export function simulateOptions(op: PageOperation): string[] {
  return op.params.find((p) => p.in === 'header' && p.name === 'X-Sandbox-Simulate')?.enum ?? [];
}

/** Asked for on purpose although no operation answers in it: the reader sees a 406. */
const UNANSWERED_MEDIA_TYPE = 'application/xml';

/** The media types the operation answers in, then one it does not. */
export function acceptOptions(op: PageOperation): string[] {
  return op.produces.includes(UNANSWERED_MEDIA_TYPE) ? op.produces : [...op.produces, UNANSWERED_MEDIA_TYPE];
}
