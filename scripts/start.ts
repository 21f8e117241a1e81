/**
 * `npm start`: the sandbox and the portal's dev server together, with both URLs printed once
 * they answer. No database server or configuration needed: the sandbox keeps its data in a
 * SQLite file under .data/. Ctrl-C, or SIGTERM to this process alone, stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

const sandboxHost = process.env.SANDBOX_HOST ?? '127.0.0.1';
const sandboxPort = process.env.SANDBOX_PORT ?? '4010';
const portalPort = process.env.PORTAL_PORT ?? '3000';
const sandboxUrl = `http://${sandboxHost}:${sandboxPort}`;
const portalUrl = `http://127.0.0.1:${portalPort}`;
/** How long children get to drain after SIGTERM before they are killed. */
const GRACE_MS = 8_000;

const children: ChildProcess[] = [];

/**
 * Each child leads its own process group, so stopping it reaches everything it started (the dev
 * server's compiler workers too) whether the signal came from Ctrl-C in a terminal or from a
 * supervisor that sent SIGTERM to this process alone.
 */
function start(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(cmd, args, { stdio: 'inherit', detached: true, env: { ...process.env, ...env } });
  child.on('exit', (code) => {
    if (stopping) return;
    console.error(`\n${name} stopped (exit ${code}); stopping the rest.`);
    stop(code ?? 1);
  });
  children.push(child);
  return child;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

let stopping = false;
function stop(code = 0): void {
  if (stopping) return;
  stopping = true;
  for (const c of children) signalGroup(c, 'SIGTERM');
  const running = () => children.filter((c) => c.exitCode === null && c.signalCode === null);
  const killer = setTimeout(() => running().forEach((c) => signalGroup(c, 'SIGKILL')), GRACE_MS);
  const check = setInterval(() => {
    if (running().length > 0) return;
    clearInterval(check);
    clearTimeout(killer);
    process.exit(code);
  }, 100);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('SIGHUP', () => stop(0));

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
// The dev server's own entry, not `npx docusaurus`: one process fewer between the signal and it.
const docusaurusBin = createRequire(import.meta.url).resolve('@docusaurus/core/bin/docusaurus.mjs');
start('portal', process.execPath, [docusaurusBin, 'start', '--host', '127.0.0.1', '--port', portalPort, '--no-open'], {
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
