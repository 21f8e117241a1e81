/**
 * The sandbox beyond one process, for `npm run bench`: a throwaway PostgreSQL (Debian's package,
 * default settings: every commit flushed), two sandbox instances on it, and Debian's nginx
 * running deploy/nginx.conf twice: in front of one instance, and in front of both. The same
 * requests then measure PostgreSQL against SQLite, and two instances against one through the
 * same proxy, so the proxy's own cost cancels out of the ratio.
 */
import type { ChildProcess } from 'node:child_process';
import { startNginx, type RunningNginx } from '../tests/support/nginx.ts';
import { startPostgres, type ThrowawayPostgres } from '../tests/support/postgres.ts';

type Start = (env: NodeJS.ProcessEnv) => Promise<{ child: ChildProcess; port: number }>;

export interface ScaleOut {
  /** One instance, direct. */
  pgBase: string;
  /** nginx → that one instance. */
  oneBase: string;
  /** nginx → both instances, round robin. */
  twoBase: string;
  stop(): Promise<void>;
}

export async function startScaleOut(
  startSandbox: Start,
  stopProcess: (c: ChildProcess) => Promise<void>,
): Promise<ScaleOut> {
  const pg: ThrowawayPostgres = await startPostgres();
  const started: ChildProcess[] = [];
  const proxies: RunningNginx[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const p of proxies) await p.stop();
    for (const c of started) await stopProcess(c);
    pg.stop();
  };
  try {
    const env = {
      SANDBOX_DATABASE_URL: await pg.createDatabase('bench'),
      SANDBOX_SECRET_KEY: 'b5'.repeat(32),
      SANDBOX_TRUST_PROXY: '127.0.0.1',
    };
    const a = await startSandbox(env);
    started.push(a.child);
    const b = await startSandbox(env);
    started.push(b.child);
    proxies.push(await startNginx([a.port]), await startNginx([a.port, b.port]));
    return { pgBase: `http://127.0.0.1:${a.port}`, oneBase: proxies[0].url, twoBase: proxies[1].url, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
