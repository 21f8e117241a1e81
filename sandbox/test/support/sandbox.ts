/**
 * Test support: a sandbox listening on a real port, and an HTTP client whose every response is
 * checked against the contract (and whose errors carry the request id they were answered with).
 *
 * The store: the SQLite file by default. With JUYIFU_TEST_POSTGRES_URL set (npm test sets it for
 * its second pass, to a throwaway server it started), every sandbox runs on PostgreSQL instead,
 * each "database file" a database of its own on that server, so the same suites prove both stores.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type BuildOptions } from '../../src/app.ts';
import { configFromEnv, type Config } from '../../src/config.ts';
import type { OperationId, SuccessData } from '../../../contract/api.ts';
import { loadContract } from '../../../contract/index.ts';
import { createDatabaseOn } from '../../../tests/support/postgres.ts';
import { ContractCheck } from './contract-check.ts';

export const contract = loadContract();
const contractCheck = new ContractCheck(contract);

/** One scratch folder per test process (node:test runs each file in its own), gone when it exits. */
let scratch: string | undefined;

/** A database file of its own in the scratch folder. */
export function tempDbFile(): string {
  if (!scratch) {
    const dir = mkdtempSync(join(tmpdir(), 'juyifu-test-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    scratch = dir;
  }
  return join(mkdtempSync(join(scratch, 'db-')), 'sandbox.sqlite');
}

/** The PostgreSQL server the suites run on, when they run on PostgreSQL. */
export const testPostgresUrl = process.env.JUYIFU_TEST_POSTGRES_URL || undefined;
/** Which store this run proves. */
export const testStore = testPostgresUrl ? 'postgresql' : 'sqlite';
/** A fixed sealing key: PostgreSQL instances need one given (see config.ts). */
const TEST_SECRET_KEY = 'a1'.repeat(32);

/** One database per "file", made on first use: a sandbox restarted on the same file finds its data. */
const databases = new Map<string, Promise<string>>();

/** The settings that put a sandbox on `dbFile`'s database: the file itself, or its PostgreSQL database. */
export async function storeSettings(dbFile: string): Promise<Partial<Config>> {
  if (!testPostgresUrl) return { dbFile };
  let url = dbFile === ':memory:' ? undefined : databases.get(dbFile);
  if (!url) {
    url = createDatabaseOn(testPostgresUrl, 'juyifu_test');
    if (dbFile !== ':memory:') databases.set(dbFile, url);
  }
  return { dbFile, databaseUrl: await url, secretKeyHex: TEST_SECRET_KEY };
}

/** The same as environment variables, for a sandbox started as its own process (server.ts). */
export async function storeEnv(dbFile: string): Promise<Record<string, string>> {
  const s = await storeSettings(dbFile);
  return s.databaseUrl
    ? { SANDBOX_DB: dbFile, SANDBOX_DATABASE_URL: s.databaseUrl, SANDBOX_SECRET_KEY: TEST_SECRET_KEY }
    : { SANDBOX_DB: dbFile };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...configFromEnv({}),
    port: 0,
    dbFile: tempDbFile(),
    rateLimitPerSecond: 0,
    appsPerHourPerAddress: 0,
    ...overrides,
  };
}

/** `data` of operation Id's success answer, per the contract; unknown when a test names no operation. */
type DataOf<Id> = [Id] extends [OperationId] ? SuccessData<Id> : unknown;

/**
 * A JSON answer as tests read it: the success envelope's fields and the error envelope's in one
 * shape (a test asserts which one it got), `data` typed by the operation the call names.
 */
interface Answer<Id extends OperationId | undefined = undefined> {
  code: string;
  message: string;
  data: DataOf<Id>;
  sub_code?: string;
  param?: string;
  request_id: string;
}

export interface Reply<Id extends OperationId | undefined = undefined> {
  status: number;
  headers: Headers;
  /** A JSON answer parsed; for any other media type, the text (read `text` for those). */
  body: Answer<Id>;
  text: string;
  /** The bytes as sent (res.text() would drop a BOM). */
  raw: Buffer;
}

interface CallOptions {
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string | number>;
  /** A raw body, sent as is. */
  body?: string | Buffer;
  token?: string;
}

export class Client {
  constructor(readonly baseUrl: string) {}

  /** Name the operation (`get<'getPayment'>(…)`) to read `body.data` with its contract type. */
  async call<Id extends OperationId | undefined = undefined>(
    method: string,
    path: string,
    opts: CallOptions = {},
  ): Promise<Reply<Id>> {
    const headers: Record<string, string> = { ...opts.headers };
    let body: string | Buffer | undefined = opts.body;
    if (opts.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(opts.json);
    }
    if (opts.form) {
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
      body = new URLSearchParams(Object.entries(opts.form).map(([k, v]) => [k, String(v)])).toString();
    }
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body as BodyInit | undefined,
      redirect: 'manual',
    });
    const raw = Buffer.from(await res.arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(raw);
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') && text ? JSON.parse(text) : text;
    const pathname = new URL(this.baseUrl + path).pathname;
    const problems = contractCheck.check(method, pathname, res.status, type, parsed);
    assert.deepEqual(problems, [], `contract broken by ${method} ${path}`);
    if (res.status >= 400 && parsed && typeof parsed === 'object') {
      assert.equal(res.headers.get('x-request-id'), parsed.request_id, 'X-Request-Id equals request_id');
    }
    // A replay's body is the first answer byte for byte, request_id and all; its header is its own.
    const replayed = res.headers.get('idempotent-replayed') === 'true';
    if (res.status === 200 && !replayed && parsed && typeof parsed === 'object' && 'request_id' in parsed) {
      assert.equal(res.headers.get('x-request-id'), parsed.request_id, 'X-Request-Id equals request_id');
    }
    return { status: res.status, headers: res.headers, body: parsed, text, raw };
  }

  get<Id extends OperationId | undefined = undefined>(path: string, opts?: CallOptions) {
    return this.call<Id>('GET', path, opts);
  }

  post<Id extends OperationId | undefined = undefined>(path: string, opts?: CallOptions) {
    return this.call<Id>('POST', path, opts);
  }

  /** A fresh sandbox app and a token for it (all scopes unless asked otherwise). */
  async newMerchant(scope?: string) {
    const app = await this.post<'createSandboxApp'>('/v1/sandbox/apps', { json: { name: '测试商户' } });
    assert.equal(app.status, 200, app.text);
    const creds = app.body.data;
    const token = await this.post<'getToken'>('/v1/oauth/token', {
      form: {
        grant_type: 'client_credentials',
        app_id: creds.app_id,
        app_secret: creds.app_secret,
        ...(scope ? { scope } : {}),
      },
    });
    assert.equal(token.status, 200, token.text);
    return { ...creds, token: token.body.data.access_token };
  }
}

export interface RunningSandbox {
  url: string;
  client: Client;
  app: ReturnType<typeof buildApp>;
  close: () => Promise<void>;
}

export async function startSandbox(
  options: Omit<Partial<BuildOptions>, 'config'> & { config?: Partial<Config> } = {},
): Promise<RunningSandbox> {
  const config = testConfig(options.config);
  Object.assign(config, await storeSettings(config.dbFile), options.config);
  const app = buildApp({ sweepIntervalMs: 0, ...options, contract, config });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  app.sandbox.ctx.config.publicUrl = url;
  return { url, client: new Client(url), app, close: () => app.close() };
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.now()) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}
