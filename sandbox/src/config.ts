/** The sandbox's settings, all from the environment, all with working defaults. */
import { resolve } from 'node:path';

export interface Config {
  host: string;
  port: number;
  /** SQLite file, or ':memory:' */
  dbFile: string;
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

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.SANDBOX_HOST || '127.0.0.1';
  const port = int(env.SANDBOX_PORT, 4010);
  return {
    host,
    port,
    dbFile: env.SANDBOX_DB || resolve(process.cwd(), '.data/sandbox.sqlite'),
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
    secretKeyHex: env.SANDBOX_SECRET_KEY || undefined,
  };
}
