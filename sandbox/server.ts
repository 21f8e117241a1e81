/** Starts the sandbox process: `npm run sandbox`. Settings come from SANDBOX_* variables (see README). */
import { buildApp, drainAndClose } from './src/app.ts';
import { configFromEnv } from './src/config.ts';

let config: ReturnType<typeof configFromEnv>;
try {
  config = configFromEnv();
} catch (err) {
  // A wrong setting is the operator's to fix: its message, not a stack trace.
  console.error(`sandbox settings: ${(err as Error).message}`);
  process.exit(1);
}
const app = buildApp({
  config,
  logger: {
    level: config.logLevel,
    // Never log credentials: no headers at all, and no query strings (cashier links carry a secret).
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
    },
  },
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    drainAndClose(app).then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}

try {
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(
    `聚易付 sandbox listening on http://${config.host}:${port} (data: ${config.databaseUrl ? redactedUrl(config.databaseUrl) : config.dbFile})`,
  );
} catch (err) {
  console.error(`sandbox failed to start: ${(err as Error).message}`);
  process.exit(1);
}

/** A database URL as it may be printed: without its password. */
function redactedUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
