/** `juyifu trigger TYPE`: the sandbox makes and sends an event of that type. */
import type { Connection } from './args.ts';
import { lines } from './output.ts';
import { SandboxClient, type ApiError } from './sandbox-client.ts';

export async function trigger(
  connection: Connection,
  type: string,
  notifyUrl: string | undefined,
  print: (line: string) => void,
): Promise<void> {
  const client = new SandboxClient(connection);
  const res = await client.call('/v1/sandbox/events/trigger', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ type, ...(notifyUrl ? { notify_url: notifyUrl } : {}) }),
  });
  const body = await client.envelope(res);
  if (res.status !== 200) throw client.failure(res, body as ApiError);
  const event = (body as { data: { id: string; type: string } }).data;
  print(lines.triggered(event.id, event.type));
}
