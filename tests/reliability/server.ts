/** The real sandbox entry point in a child process, for kill and drain tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface Child {
  proc: ChildProcess;
  url: string;
  logs: string[];
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

export async function startChild(
  dbFile: string,
  env: Record<string, string> = {},
  port = 20000 + Math.floor(Math.random() * 20000),
): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'sandbox/server.ts'], {
    env: {
      ...process.env,
      SANDBOX_DB: dbFile,
      SANDBOX_PORT: String(port),
      SANDBOX_RATE_LIMIT: '0',
      SANDBOX_APPS_PER_HOUR: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  proc.stdout!.on('data', (d) => logs.push(String(d)));
  proc.stderr!.on('data', (d) => logs.push(String(d)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${logs.join('')}`)), 30_000);
    const check = () => {
      if (logs.join('').includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on('data', check);
    proc.once('exit', (code) => reject(new Error(`sandbox exited ${code}: ${logs.join('')}`)));
  });
  return {
    proc,
    url: `http://127.0.0.1:${port}`,
    logs,
    kill: async (signal) => {
      if (proc.exitCode !== null) return;
      const exited = once(proc, 'exit');
      proc.kill(signal);
      await exited;
    },
  };
}
