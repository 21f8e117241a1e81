/**
 * An order acknowledged with 0000 survives the process being killed with SIGKILL: the real
 * server (npm run sandbox's entry point) in a child process, killed mid-load, then restarted.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { Client, storeEnv, tempDbFile } from './support/sandbox.ts';

async function startServer(dbFile: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/server.ts'], {
    env: {
      ...process.env,
      ...(await storeEnv(dbFile)),
      SANDBOX_PORT: String(port),
      SANDBOX_RATE_LIMIT: '0',
      SANDBOX_LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return child;
}

test('acknowledged orders survive SIGKILL and a restart', async () => {
  const db = tempDbFile();
  const port = 20000 + Math.floor(Math.random() * 20000);
  let server = await startServer(db, port);
  const client = new Client(`http://127.0.0.1:${port}`);
  const m = await client.newMerchant();

  // Keep creating orders; kill the process while requests are still in flight.
  const acknowledged: { id: string; key: string }[] = [];
  let stop = false;
  const worker = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const key = `dur-${w}-${i}`;
      try {
        const res = await fetch(`${client.baseUrl}/v1/payments/create`, {
          method: 'POST',
          headers: { authorization: `Bearer ${m.token}`, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ product_id: 'p', product_name: '耐久测试', amount: 100 + i, out_trade_no: key }),
        });
        const body = await res.json();
        if (body.code === '0000') acknowledged.push({ id: body.data.order_id, key });
      } catch {
        return; // the connection died with the process
      }
    }
  };
  const workers = [0, 1, 2, 3].map(worker);
  while (acknowledged.length < 200) await new Promise((r) => setTimeout(r, 5));
  const exited = once(server, 'exit');
  server.kill('SIGKILL');
  stop = true;
  await Promise.all(workers);
  await exited;

  server = await startServer(db, port);
  try {
    for (const { id, key } of acknowledged) {
      const res = await client.get<'getPayment'>(`/v1/payments/${id}`, { token: m.token });
      assert.equal(res.status, 200, `order ${id} lost`);
      // A retry with the same key returns the same order rather than a second one.
      const retry = await client.post<'createPayment'>('/v1/payments/create', {
        token: m.token,
        json: { product_id: 'p', product_name: '耐久测试', amount: res.body.data.amount, out_trade_no: key },
        headers: { 'idempotency-key': key },
      });
      assert.equal(retry.body.data.order_id, id);
    }
    console.log(`durability: ${acknowledged.length} acknowledged orders checked after SIGKILL, 0 lost`);
  } finally {
    const stopped = once(server, 'exit');
    server.kill('SIGTERM');
    await stopped;
  }
});
