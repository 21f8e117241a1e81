/**
 * `npm start`: the sandbox and the portal's dev server together, with both URLs printed once
 * they answer. No database server or configuration needed: the sandbox keeps its data in a
 * SQLite file under .data/. Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const sandboxHost = process.env.SANDBOX_HOST ?? '127.0.0.1';
const sandboxPort = process.env.SANDBOX_PORT ?? '4010';
const portalPort = process.env.PORTAL_PORT ?? '3000';
const sandboxUrl = `http://${sandboxHost}:${sandboxPort}`;
const portalUrl = `http://127.0.0.1:${portalPort}`;

const children: ChildProcess[] = [];

function start(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code) => {
    if (stopping) return;
    console.error(`\n${name} stopped (exit ${code}); stopping the rest.`);
    stop(code ?? 1);
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0): void {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitFor(url: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !stopping) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

start('sandbox', process.execPath, ['--import', 'tsx', 'sandbox/server.ts'], {
  SANDBOX_HOST: sandboxHost,
  SANDBOX_PORT: sandboxPort,
  // Local development: let webhooks reach a receiver on this machine.
  SANDBOX_WEBHOOK_ALLOW_PRIVATE: process.env.SANDBOX_WEBHOOK_ALLOW_PRIVATE ?? 'true',
  SANDBOX_CORS_ORIGINS:
    process.env.SANDBOX_CORS_ORIGINS ?? `http://localhost:${portalPort},http://127.0.0.1:${portalPort}`,
});
start('portal', 'npx', ['docusaurus', 'start', '--host', '127.0.0.1', '--port', portalPort, '--no-open'], {
  SANDBOX_URL: sandboxUrl,
});

const [sandboxUp, portalUp] = await Promise.all([
  waitFor(`${sandboxUrl}/v1/health`, 30_000),
  waitFor(portalUrl, 180_000),
]);
if (sandboxUp && portalUp) {
  console.log(`
  聚易付 developer portal is running:
    portal   ${portalUrl}/            (简体中文; English: npm run dev:portal -- --locale en)
    sandbox  ${sandboxUrl}/v1/health   (data in .data/sandbox.sqlite)
  Ctrl-C stops both.
`);
} else if (!stopping) {
  console.error(`did not come up in time: ${sandboxUp ? '' : 'sandbox '}${portalUp ? '' : 'portal'}`);
  stop(1);
}
