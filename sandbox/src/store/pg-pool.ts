/**
 * The PostgreSQL connection side of the store: a node-postgres pool whose numbers come back as
 * numbers, `@name` SQL made positional, transactions retried when PostgreSQL asks for it, and
 * every "the database cannot be reached" failure turned into one StoreUnavailable error.
 */
import pg from 'pg';

/**
 * The database cannot be reached (refused, restarting, connection lost). The HTTP layer answers
 * it with 503 database_unavailable and Retry-After; it recognises it by `code`, as it cannot
 * import the store.
 */
export class StoreUnavailable extends Error {
  readonly code = 'STORE_UNAVAILABLE';
}

/** SQLSTATE classes and codes that mean the server is away or going away, not that the query is wrong. */
const UNAVAILABLE_STATES = ['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006'];
const UNAVAILABLE_ERRNOS = [
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
];
/** What node-postgres says when a connection died or never came (it has no code for these). */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
];

export function isUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailable) return true;
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && (UNAVAILABLE_STATES.includes(e.code) || UNAVAILABLE_ERRNOS.includes(e.code))) return true;
  return UNAVAILABLE_MESSAGES.some((m) => e.message?.includes(m));
}

/** Rethrows a lost database as StoreUnavailable, anything else as it is. */
export function rethrow(error: unknown): never {
  if (isUnavailable(error) && !(error instanceof StoreUnavailable)) {
    throw new StoreUnavailable(`database unavailable: ${(error as Error).message}`, { cause: error });
  }
  throw error;
}

/** BIGINT (epoch ms, COUNT) and NUMERIC (SUM) as JavaScript numbers: every value here fits. */
const NUMBER_OIDS = new Set([20, 1700]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    NUMBER_OIDS.has(oid)
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PoolOptions {
  url: string;
  max: number;
  /** How long a request waits for a connection before the database counts as unavailable. */
  connectTimeoutMs: number;
}

export function createPool(options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max,
    connectionTimeoutMillis: options.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    types,
    application_name: 'juyifu-sandbox',
  });
  // An idle connection that dies (the server restarted) is dropped by the pool; without a
  // listener the error would end the process.
  pool.on('error', () => {});
  return pool;
}

interface Prepared {
  /** Names the statement on each connection, which parses and plans it once. */
  name: string;
  text: string;
  params: string[];
}

/** Every distinct statement text seen: a fixed set (the store's SQL, and SET clauses of known columns). */
const prepared = new Map<string, Prepared>();

/**
 * A statement in `@name` form made positional for node-postgres (repeated names share a number),
 * as a named prepared statement: PostgreSQL parses and plans it once per connection, not per call.
 */
export function positional(sql: string, params: Record<string, unknown>): pg.QueryConfig {
  let p = prepared.get(sql);
  if (!p) {
    const order: string[] = [];
    const text = sql.replace(/@([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
      let n = order.indexOf(name);
      if (n < 0) n = order.push(name) - 1;
      return `$${n + 1}`;
    });
    p = { name: `juyifu_${prepared.size + 1}`, text, params: order };
    prepared.set(sql, p);
  }
  return { name: p.name, text: p.text, values: p.params.map((name) => params[name] ?? null) };
}

/** A query runner: the pool, or a transaction's client. */
export type Runner = pg.Pool | pg.PoolClient;

export async function rows<T>(db: Runner, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  try {
    return (await db.query(positional(sql, params))).rows as T[];
  } catch (error) {
    rethrow(error);
  }
}

export async function first<T>(db: Runner, sql: string, params: Record<string, unknown> = {}): Promise<T | undefined> {
  return (await rows<T>(db, sql, params))[0];
}

/** Row count of a write. */
export async function run(db: Runner, sql: string, params: Record<string, unknown> = {}): Promise<number> {
  try {
    return (await db.query(positional(sql, params))).rowCount ?? 0;
  } catch (error) {
    rethrow(error);
  }
}

/**
 * Transactions PostgreSQL may ask to run again: a unique key another transaction took between
 * our read and our insert (the retry then reads it and decides again), a serialization failure,
 * a deadlock.
 */
const RETRY_STATES = ['23505', '40001', '40P01'];

/**
 * Runs `fn` in a READ COMMITTED transaction and commits; retried from the start (a few times)
 * when PostgreSQL reports a conflict. An acknowledged result is a committed one.
 */
export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      rethrow(error);
    }
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      const state = (error as { code?: string }).code ?? '';
      const lost = isUnavailable(error) || isUnavailable((error as { cause?: unknown }).cause);
      if (lost) client.release(true);
      else {
        await client.query('ROLLBACK').catch(() => {});
        client.release();
      }
      if (!lost && RETRY_STATES.includes(state) && attempt < 5) continue;
      rethrow(error);
    }
  }
}
