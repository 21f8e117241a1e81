/**
 * A sandbox on a PostgreSQL server of its own, which a test may stop and start again: the one
 * way to see what the sandbox does while its database is away, whichever store the run proves.
 */
import { startPostgres, type ThrowawayPostgres } from '../../../tests/support/postgres.ts';
import type { Client } from './sandbox.ts';
import { startSandbox, type RunningSandbox } from './sandbox.ts';

export type Merchant = Awaited<ReturnType<Client['newMerchant']>>;

/** A sandbox (and a merchant of it) on its own PostgreSQL, for `run`; everything removed afterwards. */
export async function withOwnDatabase<T>(
  run: (s: RunningSandbox, m: Merchant, pg: ThrowawayPostgres) => Promise<T>,
): Promise<T> {
  const pg = await startPostgres();
  try {
    const s = await startSandbox({ config: { databaseUrl: pg.url, secretKeyHex: 'b2'.repeat(32) } });
    try {
      return await run(s, await s.client.newMerchant(), pg);
    } finally {
      await s.close().catch(() => {});
    }
  } finally {
    pg.stop();
  }
}

/** `run`'s request is made while the sandbox's database is stopped. */
export function withStoppedDatabase<T>(run: (s: RunningSandbox, m: Merchant) => Promise<T>): Promise<T> {
  return withOwnDatabase(async (s, m, pg) => {
    pg.stopServer();
    return run(s, m);
  });
}
