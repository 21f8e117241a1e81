/** `juyifu listen`: the app's sandbox events, forwarded to a URL on this machine as they happen. */
import type { Connection } from './args.ts';
import { eventStream } from './event-stream.ts';
import { forward } from './forward.ts';
import { lines } from './output.ts';
import { SandboxClient } from './sandbox-client.ts';

export async function listen(
  connection: Connection,
  forwardTo: URL,
  print: (line: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const client = new SandboxClient(connection);
  // Credentials and address are checked before anything else, so a mistake is said at once.
  await client.accessToken(signal);
  const stream = eventStream(
    client,
    {
      open: (resumedAfter, first) => {
        if (first) print(lines.ready(client.appId, client.sandbox, forwardTo));
        else print(lines.resumed(resumedAfter));
      },
      reconnecting: (reason, waitMs) => print(lines.reconnecting(reason, waitMs)),
      notice: (message) => print(lines.notice(message)),
    },
    signal,
  );
  // One at a time, in the stream's order, as a receiver would get them.
  for await (const event of stream) {
    const result = await forward(forwardTo, event, signal);
    if (signal.aborted) return; // cut short by Ctrl-C: not the receiver's answer
    print(lines.event(event, result));
  }
}
