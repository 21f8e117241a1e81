/**
 * What `juyifu listen` and `juyifu trigger` print, one line each thing that happens. The patterns
 * below are the format: the CLI's tests hold both its real output and the lines shown on the
 * 异步通知 page to them, so the docs cannot drift from what the command prints.
 */
import type { StreamedEvent } from './event-stream.ts';
import type { Forwarded } from './forward.ts';

export const LINE_PATTERNS = {
  ready: /^Ready: forwarding events of app_\w+ from \S+ to \S+ \(Ctrl-C to stop\)$/,
  event: /^(\d{3}|[A-Za-z_]+) (evt_[A-Za-z0-9]+) ([a-z]+\.[a-z]+) (\d+) ms$/,
  reconnecting: /^Reconnecting in \d+ s: .+$/,
  /** After the event it had forwarded last, or bare when none had come yet. */
  resumed: /^Resumed(?: after (evt_[A-Za-z0-9]+))?$/,
  notice: /^Note: .+$/,
  triggered: /^(evt_[A-Za-z0-9]+) ([a-z]+\.[a-z]+)$/,
} as const;

export const lines = {
  ready: (appId: string, sandbox: string, forwardTo: URL) =>
    `Ready: forwarding events of ${appId} from ${sandbox} to ${forwardTo.href} (Ctrl-C to stop)`,
  event: (event: StreamedEvent, result: Forwarded) => `${result.outcome} ${event.id} ${event.type} ${result.ms} ms`,
  reconnecting: (reason: string, waitMs: number) => `Reconnecting in ${Math.ceil(waitMs / 1000)} s: ${reason}`,
  resumed: (afterId: string | undefined) => (afterId ? `Resumed after ${afterId}` : 'Resumed'),
  notice: (message: string) => `Note: ${message}`,
  triggered: (id: string, type: string) => `${id} ${type}`,
};
