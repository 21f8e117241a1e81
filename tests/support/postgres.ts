/**
 * A throwaway PostgreSQL server for tests and the benchmark: Debian's `postgresql` package,
 * `initdb` in a temp folder, `pg_ctl` on a free loopback port, removed on stop. PostgreSQL
 * refuses to run as root, so as root the folder is handed to the `postgres` user and every
 * server command runs through `runuser`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where Debian keeps the server binaries: /usr/lib/postgresql/<major>/bin, newest first. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((d) => /^\d+$/.test(d))
    .sort((a, b) => Number(b) - Number(a));
  return majors.map((m) => join(root, m, 'bin')).find((bin) => existsSync(join(bin, 'initdb')));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  /** A URL naming another database on the same server. */
  urlFor(database: string): string;
  /** A new empty database, its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Stops the server, keeping its files (for an outage test); start() brings it back. */
  stopServer(): void;
  startServer(): void;
  /** Stops the server and removes its folder. */
  stop(): void;
}

export interface StartOptions {
  /** Extra `-c name=value` settings for the server. */
  settings?: Record<string, string | number>;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a server binary, as `postgres` when we are root. */
function runBin(bin: string, tool: string, args: string[]): void {
  const [cmd, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
    : [join(bin, tool), args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
}

export async function startPostgres(options: StartOptions = {}): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql: install the Debian package `postgresql` (apt-get install postgresql)',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'juyifu-pg-'));
  chmodSync(dir, 0o755);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  // The server's own settings for a test cluster: loopback only, its socket in its own folder.
  const settings = {
    listen_addresses: '127.0.0.1',
    port,
    unix_socket_directories: dir,
    max_connections: 200,
    ...options.settings,
  };
  const serverOptions = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  const log = join(dir, 'server.log');
  try {
    runBin(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const startServer = () => runBin(bin, 'pg_ctl', ['-D', data, '-o', serverOptions, '-l', log, '-w', 'start']);
  const stopServer = () => runBin(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  try {
    startServer();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      stopServer();
    } catch {
      // already stopped (an outage test that never restarted it)
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url: urlFor('postgres'),
    port,
    urlFor,
    createDatabase: (prefix?: string) => createDatabaseOn(urlFor('postgres'), prefix),
    stopServer,
    startServer,
    stop,
  };
}

/** A new database on the server at `serverUrl` (any database URL of it), its URL. */
export async function createDatabaseOn(serverUrl: string, prefix = 'juyifu'): Promise<string> {
  const url = new URL(serverUrl);
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}
