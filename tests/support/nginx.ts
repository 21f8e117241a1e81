/**
 * Debian's nginx in front of sandbox instances, for the multi-instance tests: deploy/nginx.conf
 * itself, copied into a temp folder with its `listen` port and its upstream `server` lines
 * replaced by the ones the test started, run with `nginx -p DIR -c nginx.conf` (the file says
 * `daemon off;`, so the process is ours to stop). Testing the shipped file, not a look-alike,
 * is the point: a change to its retries or timeouts shows here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './postgres.ts';

export const NGINX_BIN = '/usr/sbin/nginx';
/** The file deployments use, found from here so the tests may run from any folder. */
const SHIPPED_CONF = fileURLToPath(new URL('../../deploy/nginx.conf', import.meta.url));

export interface RunningNginx {
  url: string;
  port: number;
  /** What nginx wrote to its error log so far (upstream failures, for a failing test's message). */
  errorLog(): string;
  stop(): Promise<void>;
}

/**
 * The shipped config with our ports: `listen` on `port`, and one upstream `server` line per
 * instance port, each with the parameters (max_fails, fail_timeout) the shipped lines carry.
 */
export function configFor(shipped: string, port: number, upstreamPorts: number[]): string {
  const listen = /^(\s*)listen\s+[^;]+;/m;
  const server = /^(\s*)server\s+[\w.-]+:\d+([^;]*);[^\n]*\n/gm;
  const servers = [...shipped.matchAll(server)];
  if (!listen.test(shipped) || servers.length === 0) {
    throw new Error(`deploy/nginx.conf no longer has a "listen" line and upstream "server host:port" lines to replace`);
  }
  const [, indent, params] = servers[0];
  const ours = upstreamPorts.map((p) => `${indent}server 127.0.0.1:${p}${params};\n`).join('');
  let firstSeen = false;
  return shipped
    .replace(listen, (_, space: string) => `${space}listen 127.0.0.1:${port};`)
    .replace(server, () => {
      if (firstSeen) return '';
      firstSeen = true;
      return ours;
    });
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startNginx(upstreamPorts: number[]): Promise<RunningNginx> {
  if (!existsSync(NGINX_BIN)) {
    throw new Error(`${NGINX_BIN} not found: install the Debian package \`nginx\` (apt-get install nginx)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'juyifu-nginx-'));
  // The workers run as an unprivileged user when nginx starts as root: they must reach tmp/.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'tmp'));
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), configFor(readFileSync(SHIPPED_CONF, 'utf8'), port, upstreamPorts));
  const output: string[] = [];
  // -e: the log for the moments before the config is read, which would otherwise be /var/log/nginx.
  const proc: ChildProcess = spawn(NGINX_BIN, ['-p', `${dir}/`, '-c', 'nginx.conf', '-e', 'error.log'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => output.push(String(d)));
  proc.stderr!.on('data', (d) => output.push(String(d)));
  const errorLog = () => {
    try {
      return readFileSync(join(dir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  const exited = once(proc, 'exit');
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGTERM'); // nginx's fast shutdown: the workers close their connections and exit
      const late = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(late);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const until = Date.now() + 10_000;
  while (!(await accepting(port))) {
    if (proc.exitCode !== null || Date.now() > until) {
      await stop();
      throw new Error(`nginx did not start: ${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `http://127.0.0.1:${port}`, port, errorLog, stop };
}
