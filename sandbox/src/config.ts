/** The sandbox's settings, all from the environment, all with working defaults. */
import { resolve } from 'node:path';

export interface Config {
  host: string;
  port: number;
  /** SQLite file, or ':memory:' (used when no databaseUrl is set). */
  dbFile: string;
  /** postgres://… : the sandbox runs on PostgreSQL, shared by any number of instances. */
  databaseUrl?: string;
  /** PostgreSQL connections one instance keeps at most. */
  databasePoolSize: number;
  /** Where the sandbox says it can be reached (pay_url, Link headers). */
  publicUrl: string;
  corsOrigins: string[];
  tokenTtlSeconds: number;
  /** Requests per app per second; 0 turns the limit off. */
  rateLimitPerSecond: number;
  /** Sandbox apps one client address may create per hour. */
  appsPerHourPerAddress: number;
  /** Failed token requests (wrong app_id or app_secret) one client address may make per minute. */
  tokenFailuresPerMinute: number;
  maintenance: boolean;
  webhookAllowPrivate: boolean;
  /**
   * Seconds to wait before each retry of a failed delivery; its length bounds the retries.
   * Unset: the schedule the docs show, test-data.yaml's webhook_retry_seconds (see buildContext).
   */
  webhookRetrySeconds?: number[];
  /** Seconds from a refund request to its result. Unset: test-data.yaml's refund_delay_seconds (see buildContext). */
  refundDelaySeconds?: number;
  webhookTimeoutMs: number;
  logLevel: string;
  /** Keep the request log (every request made with an app's credentials). */
  requestLog: boolean;
  /**
   * Proxies whose X-Forwarded-For is believed (addresses or CIDRs), so per-address limits see the
   * client and not the load balancer; empty: the connection's own address.
   */
  trustProxy: string[];
  /** 32-byte hex key for sealing secrets; when unset one is kept beside the database. */
  secretKeyHex?: string;
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`expected a whole number, got "${value}"`);
  return n;
}

/** A comma-separated list of seconds, such as SANDBOX_WEBHOOK_RETRY_SCHEDULE's "2,5,15". */
function seconds(list: string): number[] {
  return list.split(',').map((x) => {
    const n = Number(x.trim());
    if (!Number.isFinite(n) || n < 0)
      throw new Error(`SANDBOX_WEBHOOK_RETRY_SCHEDULE: "${x}" is not a number of seconds`);
    return n;
  });
}

/**
 * Instances on one PostgreSQL database must seal and open secrets (webhook secrets, channel
 * credentials) with one key, so with SANDBOX_DATABASE_URL the key must be given: a key file
 * beside a SQLite database has no equivalent that several machines share.
 */
function secretKey(env: NodeJS.ProcessEnv): string | undefined {
  const key = env.SANDBOX_SECRET_KEY || undefined;
  if (key !== undefined && !/^[0-9a-fA-F]{64}$/.test(key)) {
    throw new Error('SANDBOX_SECRET_KEY must be 64 hexadecimal characters (32 bytes)');
  }
  if (env.SANDBOX_DATABASE_URL && key === undefined) {
    throw new Error(
      'SANDBOX_SECRET_KEY is required with SANDBOX_DATABASE_URL: every instance must seal secrets with the same key (64 hex characters, e.g. `openssl rand -hex 32`)',
    );
  }
  return key;
}

function databaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.SANDBOX_DATABASE_URL || undefined;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`SANDBOX_DATABASE_URL must be a postgres:// URL, got "${url.replace(/\/\/[^@]*@/, '//…@')}"`);
  }
  return url;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.SANDBOX_HOST || '127.0.0.1';
  const port = int(env.SANDBOX_PORT, 4010);
  return {
    host,
    port,
    dbFile: env.SANDBOX_DB || resolve(process.cwd(), '.data/sandbox.sqlite'),
    databaseUrl: databaseUrl(env),
    databasePoolSize: int(env.SANDBOX_DATABASE_POOL_SIZE, 10),
    publicUrl: (env.SANDBOX_PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(
      /\/$/,
      '',
    ),
    corsOrigins: (env.SANDBOX_CORS_ORIGINS || 'http://localhost:3000,http://127.0.0.1:3000')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    tokenTtlSeconds: int(env.SANDBOX_TOKEN_TTL, 7200),
    rateLimitPerSecond: int(env.SANDBOX_RATE_LIMIT, 100),
    appsPerHourPerAddress: int(env.SANDBOX_APPS_PER_HOUR, 60),
    tokenFailuresPerMinute: int(env.SANDBOX_TOKEN_FAILURES_PER_MINUTE, 20),
    maintenance: env.SANDBOX_MAINTENANCE === 'true',
    webhookAllowPrivate: env.SANDBOX_WEBHOOK_ALLOW_PRIVATE === 'true',
    webhookRetrySeconds: env.SANDBOX_WEBHOOK_RETRY_SCHEDULE ? seconds(env.SANDBOX_WEBHOOK_RETRY_SCHEDULE) : undefined,
    refundDelaySeconds: env.SANDBOX_REFUND_DELAY_SECONDS ? int(env.SANDBOX_REFUND_DELAY_SECONDS, 0) : undefined,
    webhookTimeoutMs: int(env.SANDBOX_WEBHOOK_TIMEOUT_MS, 5000),
    logLevel: env.SANDBOX_LOG_LEVEL || 'warn',
    requestLog: env.SANDBOX_REQUEST_LOG !== 'false',
    trustProxy: (env.SANDBOX_TRUST_PROXY || '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    secretKeyHex: secretKey(env),
  };
}
