/**
 * Watching what an answer started: after a 0000 answer that meets the operation's `poll.while`
 * (a refund still pending), the console asks again every second until the answer no longer
 * does, a bounded number of times, so the reader sees the refund end without pressing anything.
 */
import type { ConsoleBehaviour } from '../../../contract/index.ts';
import type { RequestSpec } from '../http-request.ts';
import type { Exchange, Failure } from '../sandbox-client.ts';
import { callSpec, meets, successJson } from './follow-ups.ts';

type Answer = Exchange | Failure;
type Poll = NonNullable<ConsoleBehaviour['poll']>;

/** Every second, at most twelve times: a refund settles about 2 s after it was asked for. */
export const POLL_EVERY_MS = 1000;
export const POLL_TRIES = 12;

/** The next request to send, or null when the answer needs no more watching. */
export function nextPoll(poll: Poll | undefined, answer: Answer | null, baseUrl: string): RequestSpec | null {
  const json = successJson(answer);
  return poll && json && meets(poll.while, json) ? callSpec(poll, json, baseUrl) : null;
}

export interface Watch {
  poll: Poll | undefined;
  first: Answer;
  baseUrl: string;
  send: (spec: RequestSpec, authorized: boolean) => Promise<Answer>;
  wait: (ms: number) => Promise<void>;
  /** Each answer as it comes. */
  onAnswer: (answer: Answer) => void;
  /** False once the watch is no longer wanted (the form was sent again, the console closed). */
  active: () => boolean;
  tries?: number;
}

/** Asks until the answer no longer meets `while`, it is not a 0000, or the tries are spent. */
export async function watch({ poll, first, baseUrl, send, wait, onAnswer, active, tries = POLL_TRIES }: Watch) {
  let answer = first;
  for (let i = 0; i < tries; i++) {
    const spec = nextPoll(poll, answer, baseUrl);
    if (!poll || !spec) return;
    await wait(POLL_EVERY_MS);
    if (!active()) return;
    answer = await send(spec, poll.authorized);
    if (!active()) return;
    onAnswer(answer);
  }
}
