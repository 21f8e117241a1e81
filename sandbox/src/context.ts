/** What every service needs, built once per app instance (tests build their own). */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from './config.ts';
import type { Contract, MagicAmount } from '../../contract/index.ts';
import { SecretBox } from './domain/secrets.ts';
import { FixedWindowLimiter, type RateLimiter } from './domain/ratelimit.ts';
import { ErrorCatalogue } from './errors.ts';
import { SharedWindowLimiter } from './store/shared-limiter.ts';
import type { Store } from './store/types.ts';

export interface SandboxContext {
  /** The settings, with the catalogue's defaults filled in where the environment set none. */
  config: Config & { webhookRetrySeconds: number[]; refundDelaySeconds: number };
  contract: Contract;
  store: Store;
  catalogue: ErrorCatalogue;
  box: SecretBox;
  now: () => number;
  magicAmounts: Map<number, MagicAmount>;
  appLimiter: RateLimiter;
  addressLimiter: RateLimiter;
  /** Failed credential checks at the token endpoint, per client address. */
  failedTokenLimiter: RateLimiter;
  /** Called after an event to deliver was committed; the webhook dispatcher sets it. */
  eventQueued: () => void;
}

/** The sealing key: from config, or a file beside the database made on first start. */
function loadSecretKey(config: Config): Buffer {
  if (config.secretKeyHex) return Buffer.from(config.secretKeyHex, 'hex');
  if (config.dbFile === ':memory:') return randomBytes(32);
  const file = `${config.dbFile}.key`;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

/** A limit counted in this process, or, on a store other processes share, by all of them together. */
function limiter(store: Store, name: string, limit: number, windowMs: number): RateLimiter {
  const countHit = store.countHit?.bind(store);
  return countHit
    ? new SharedWindowLimiter({ countHit }, name, limit, windowMs)
    : new FixedWindowLimiter(limit, windowMs);
}

export function buildContext(
  config: Config,
  contract: Contract,
  store: Store,
  now: () => number = Date.now,
): SandboxContext {
  return {
    config: {
      ...config,
      webhookRetrySeconds: config.webhookRetrySeconds ?? contract.testData.webhook_retry_seconds,
      refundDelaySeconds: config.refundDelaySeconds ?? contract.testData.refund_delay_seconds,
    },
    contract,
    store,
    catalogue: new ErrorCatalogue(contract.errors),
    box: new SecretBox(loadSecretKey(config)),
    now,
    magicAmounts: new Map(contract.testData.magic_amounts.map((m) => [m.amount, m])),
    appLimiter: limiter(store, 'app', config.rateLimitPerSecond, 1000),
    addressLimiter: limiter(store, 'apps-per-address', config.appsPerHourPerAddress, 3600 * 1000),
    failedTokenLimiter: limiter(store, 'token-failures', config.tokenFailuresPerMinute, 60 * 1000),
    eventQueued: () => {},
  };
}
