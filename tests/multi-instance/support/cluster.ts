/**
 * Two sandbox processes (the real entry point, sandbox/server.ts) on one throwaway PostgreSQL
 * database, behind Debian's nginx running deploy/nginx.conf: the deployment scale-out.md
 * describes, small enough for a test. Every instance gets the same sealing key, the nginx URL as
 * its public URL, and trusts nginx's X-Forwarded-For. Everything lives in juyifu-* temp folders
 * and is removed by stop().
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import pg from 'pg';
import { ContractCheck } from '../../../sandbox/test/support/contract-check.ts';
import { Client, contract } from '../../../sandbox/test/support/sandbox.ts';
import { startNginx, type RunningNginx } from '../../support/nginx.ts';
import { freePort, startPostgres, type ThrowawayPostgres } from '../../support/postgres.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SECRET_KEY = 'c3'.repeat(32);

export type Merchant = Awaited<ReturnType<Client['newMerchant']>>;

export class Instance {
  private proc?: ChildProcess;
  readonly url: string;
  readonly client: Client;
  /** stdout and stderr of every run, for a failing test's message. */
  readonly logs: string[] = [];

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.client = new Client(this.url);
  }

  get pid(): number | undefined {
    return this.running ? this.proc?.pid : undefined;
  }

  get running(): boolean {
    return !!this.proc && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Starts the process and resolves once it says it is listening. */
  async start(): Promise<void> {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'sandbox/server.ts'], {
      cwd: ROOT,
      env: { ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    const seen: string[] = [];
    const take = (d: Buffer) => {
      seen.push(String(d));
      this.logs.push(`${this.name}: ${String(d)}`);
    };
    proc.stdout!.on('data', take);
    proc.stderr!.on('data', take);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`instance ${this.name} did not start: ${seen.join('')}`)),
        30_000,
      );
      proc.stdout!.on('data', () => {
        if (seen.join('').includes('listening on http://')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`instance ${this.name} exited (${code ?? signal}): ${seen.join('')}`));
      });
    });
  }

  /** Sends `signal` and resolves when the process has exited, with its exit code (null if the signal ended it). */
  async kill(signal: NodeJS.Signals): Promise<number | null> {
    const proc = this.proc;
    if (!proc || !this.running) return proc?.exitCode ?? null;
    const exited = once(proc, 'exit');
    proc.kill(signal);
    const [code] = (await exited) as [number | null];
    return code;
  }
}

export interface ClusterOptions {
  /** SANDBOX_* settings for both instances, beside the ones every cluster has. */
  env?: Record<string, string>;
}

export interface Cluster {
  pg: ThrowawayPostgres;
  databaseUrl: string;
  nginx: RunningNginx;
  /** nginx's URL: where clients go. */
  url: string;
  /** A contract-checking client through nginx. */
  client: Client;
  a: Instance;
  b: Instance;
  instances: Instance[];
  /** A query on the shared database, for what no API shows (row counts). */
  sql<T>(text: string, values?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const scratch = mkdtempSync(join(tmpdir(), 'juyifu-multi-'));
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(scratch, { recursive: true, force: true })];
  const stop = async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  };
  try {
    const server = await startPostgres();
    cleanups.push(() => server.stop());
    const databaseUrl = await server.createDatabase('juyifu_multi');
    const ports = [await freePort(), await freePort()];
    const nginx = await startNginx(ports);
    cleanups.push(() => nginx.stop());
    // The parent's own SANDBOX_* settings must not leak into the instances.
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        (e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('SANDBOX_') && !e[0].startsWith('JUYIFU_'),
      ),
    );
    const envFor = (port: number): Record<string, string> => ({
      ...inherited,
      SANDBOX_HOST: '127.0.0.1',
      SANDBOX_PORT: String(port),
      // Never opened with a database URL; named inside the scratch folder all the same.
      SANDBOX_DB: join(scratch, `unused-${port}.sqlite`),
      SANDBOX_DATABASE_URL: databaseUrl,
      SANDBOX_SECRET_KEY: SECRET_KEY,
      SANDBOX_PUBLIC_URL: nginx.url,
      SANDBOX_TRUST_PROXY: '127.0.0.1',
      SANDBOX_WEBHOOK_ALLOW_PRIVATE: 'true',
      SANDBOX_RATE_LIMIT: '0',
      SANDBOX_APPS_PER_HOUR: '0',
      ...options.env,
    });
    const [a, b] = [new Instance('A', ports[0], envFor(ports[0])), new Instance('B', ports[1], envFor(ports[1]))];
    cleanups.push(async () => {
      await Promise.all([a.kill('SIGKILL'), b.kill('SIGKILL')]);
    });
    // Both at once: the migrations run under an advisory lock, so starting together is itself a check.
    await Promise.all([a.start(), b.start()]);
    const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    db.on('error', () => {}); // the outage test stops the server under it
    cleanups.push(() => db.end().catch(() => {}));
    return {
      pg: server,
      databaseUrl,
      nginx,
      url: nginx.url,
      client: new Client(nginx.url),
      a,
      b,
      instances: [a, b],
      sql: async <T>(text: string, values: unknown[] = []) => (await db.query(text, values)).rows as T[],
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * A cluster and a merchant of it for one test file: started before its tests, stopped after.
 * Read `.cluster` and `.m` inside the tests (they are set once `before` has run).
 */
export function clusterForFile(options: ClusterOptions = {}): { cluster: Cluster; m: Merchant } {
  const state = {} as { cluster: Cluster; m: Merchant };
  before(async () => {
    state.cluster = await startCluster(options);
    state.m = await state.cluster.client.newMerchant();
  });
  after(() => state.cluster?.stop());
  return state;
}

/** A 1,000-fen order made and paid through `client`; `extra` adds to the create body (notify_url, …). */
export async function paidOrder(client: Client, m: Merchant, productId: string, extra: Record<string, unknown> = {}) {
  const created = await client.post<'createPayment'>('/v1/payments/create', {
    token: m.token,
    json: { product_id: productId, product_name: '多实例', amount: 1000, ...extra },
  });
  assert.equal(created.status, 200, created.text);
  const orderId = created.body.data.order_id;
  const paid = await client.post<'simulatePayment'>(`/v1/sandbox/payments/${orderId}/simulate`, {
    token: m.token,
    json: { result: 'paid' },
  });
  assert.equal(paid.body.data.status, 'paid', paid.text);
  return orderId;
}

const contractCheck = new ContractCheck(contract);

/** What one HTTP exchange came to, for clients that expect failures (load under kills and outages). */
export type Outcome =
  | { kind: 'answer'; status: number; headers: Headers; body: Record<string, unknown> & { sub_code?: string } }
  /** nginx's own 502/504: the instance died or never answered. Not the sandbox's, so not in the contract. */
  | { kind: 'gateway'; status: number }
  | { kind: 'network'; error: string };

export interface SendOptions {
  token?: string;
  json?: unknown;
  headers?: Record<string, string>;
}

/** One request; every answer from a sandbox is checked against the contract like Client's are. */
export async function send(base: string, method: string, path: string, opts: SendOptions = {}): Promise<Outcome> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  let text: string;
  try {
    res = await fetch(base + path, {
      method,
      headers,
      body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
      signal: AbortSignal.timeout(30_000),
    });
    text = await res.text();
  } catch (e) {
    return { kind: 'network', error: String((e as Error & { cause?: Error }).cause?.message ?? e) };
  }
  const type = res.headers.get('content-type') ?? '';
  if ((res.status === 502 || res.status === 504) && !type.includes('json'))
    return { kind: 'gateway', status: res.status };
  const body = type.includes('json') ? JSON.parse(text) : text;
  const problems = contractCheck.check(method, new URL(base + path).pathname, res.status, type, body);
  assert.deepEqual(problems, [], `contract broken by ${method} ${path}: ${text.slice(0, 300)}`);
  return { kind: 'answer', status: res.status, headers: res.headers, body };
}

/**
 * Waits until `done()` holds, checking every `everyMs`; fails with `what` after `ms`. `what` may be
 * a function, so that the message can show what was last seen rather than what was known at the call.
 */
export async function until(
  done: () => boolean | Promise<boolean>,
  ms: number,
  what: string | (() => string),
  everyMs = 50,
) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${typeof what === 'function' ? what() : what}`);
    await sleep(everyMs);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
