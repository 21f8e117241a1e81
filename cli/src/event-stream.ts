/**
 * The app's events from GET /v1/sandbox/events/stream, kept flowing across drops: when the stream
 * ends or the connection fails, it is opened again with Last-Event-ID set to the last event the
 * consumer finished with, so the sandbox sends what came after it, nothing lost or repeated.
 * Retries wait the server's `retry` at first, twice as long each failure after, up to MAX_WAIT_MS.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { CliFailure, EXIT, networkReason, Unreachable } from './failure.ts';
import type { ApiError, SandboxClient } from './sandbox-client.ts';
import { SseParser } from './sse-parser.ts';

/** One event as the stream carries it: the webhook body byte for byte and its JuYiFu-Signature. */
export interface StreamedEvent {
  id: string;
  type: string;
  signature: string;
  body: string;
}

export interface StreamWatcher {
  /** The stream is open (`resumedAfter`: the event it picks up after, on a reopen). */
  open(resumedAfter: string | undefined, first: boolean): void;
  /** The stream dropped and will be opened again in `waitMs`. */
  reconnecting(reason: string, waitMs: number): void;
  /** Something worth telling that changes nothing (e.g. the sandbox lost the resume point). */
  notice(message: string): void;
}

const PATH = '/v1/sandbox/events/stream';
const DEFAULT_RETRY_MS = 2000;
const MAX_WAIT_MS = 10_000;
/** The sandbox writes `: ping` every 15 s: this long without a byte means the connection is dead. */
const SILENCE_MS = 45_000;

export async function* eventStream(
  client: SandboxClient,
  watcher: StreamWatcher,
  signal: AbortSignal,
): AsyncGenerator<StreamedEvent> {
  let lastId: string | undefined;
  let opened = false;
  let retryMs = DEFAULT_RETRY_MS;
  let waitMs = retryMs;
  while (!signal.aborted) {
    const connection = new AbortController();
    const stop = () => connection.abort();
    signal.addEventListener('abort', stop, { once: true });
    let reason: string;
    try {
      const res = await client.call(PATH, {
        headers: { accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) },
        signal: connection.signal,
      });
      if (res.status === 404 && lastId) {
        // The sandbox's data was reset: the old position is gone, and so is everything before it.
        await res.body?.cancel();
        watcher.notice(`the sandbox no longer knows ${lastId}; forwarding its events from now on`);
        lastId = undefined;
        continue;
      }
      if (res.status !== 200) throw client.failure(res, (await client.envelope(res)) as ApiError);
      watcher.open(lastId, !opened);
      opened = true;
      waitMs = retryMs;
      const parser = new SseParser();
      const decoder = new TextDecoder();
      const reader = res.body!.getReader();
      let silence = setTimeout(stop, SILENCE_MS);
      try {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          clearTimeout(silence);
          silence = setTimeout(stop, SILENCE_MS);
          for (const e of parser.push(decoder.decode(chunk.value, { stream: true }))) {
            const item = parse(e.data);
            if (!item) {
              watcher.notice(`skipped an event the sandbox sent that is not one of its events: ${e.data.slice(0, 80)}`);
              continue;
            }
            yield item;
            // Only once the consumer has dealt with it: a drop now resumes after this one.
            lastId = item.id;
          }
          retryMs = parser.retryMs ?? retryMs;
        }
      } finally {
        clearTimeout(silence);
        // Closes the connection when the consumer stops early; a no-op on an ended stream.
        reader.cancel().catch(() => {});
      }
      reason = 'the sandbox closed the stream';
    } catch (e) {
      if (signal.aborted) return;
      if (e instanceof CliFailure && !e.transient) throw e;
      // The first open must work: a wrong address is reported, not retried for ever.
      if (!opened)
        throw e instanceof CliFailure
          ? e
          : new CliFailure(`the event stream failed: ${networkReason(e)}`, EXIT.unreachable);
      // While the sandbox restarts this repeats: the short form, not the whole advice.
      if (e instanceof Unreachable) reason = `cannot reach the sandbox (${e.reason})`;
      else if (e instanceof CliFailure) reason = e.message;
      else if (connection.signal.aborted) reason = `no data for ${SILENCE_MS / 1000} s`;
      else reason = `the connection failed (${networkReason(e)})`;
    } finally {
      signal.removeEventListener('abort', stop);
    }
    if (signal.aborted) return;
    watcher.reconnecting(reason, waitMs);
    // Ctrl-C during the wait ends it at once (the rejection is that, nothing to report).
    await delay(waitMs, undefined, { signal }).catch(() => {});
    waitMs = Math.min(waitMs * 2, MAX_WAIT_MS);
  }
}

function parse(data: string): StreamedEvent | undefined {
  try {
    const item = JSON.parse(data) as Partial<StreamedEvent>;
    const fields = [item.id, item.type, item.signature, item.body];
    return fields.every((f) => typeof f === 'string') ? (item as StreamedEvent) : undefined;
  } catch {
    return undefined;
  }
}
