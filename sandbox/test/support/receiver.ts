/** A webhook receiver on 127.0.0.1 for tests: records every request, answers as told. */
import { createServer, type IncomingHttpHeaders } from 'node:http';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export async function startReceiver(answer: (n: number) => number = () => 200) {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ headers: req.headers, body, at: Date.now() });
      res.statusCode = answer(received.length);
      res.end('ok');
      waiters.splice(0).forEach((w) => w());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    port,
    received,
    /** Resolves once `n` requests have arrived (or rejects after `ms`). */
    async waitFor(n: number, ms = 10_000): Promise<void> {
      const until = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`receiver got ${received.length} of ${n} requests`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
