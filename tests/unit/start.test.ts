/**
 * `npm start` stops what it started: SIGTERM or SIGINT sent to its own process (not to the
 * terminal's whole group, as a supervisor or an IDE does) stops the sandbox and the docs server
 * with everything they spawned, and nothing keeps listening.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const scratch = mkdtempSync(join(tmpdir(), 'juyifu-start-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Every process in the tree under `pid` (children, grandchildren, …). */
function descendants(pid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const pairs = out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const walk = (p: number) =>
    pairs.filter(([, ppid]) => ppid === p).forEach(([child]) => (found.push(child), walk(child)));
  walk(pid);
  return found;
}

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} to npm start's own process stops the sandbox and the docs server`, async () => {
    const [sandboxPort, portalPort] = [await freePort(), await freePort()];
    const starter = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      stdio: 'ignore',
      // Its own group, so the signal below reaches start.ts only, never the children directly.
      detached: true,
      env: {
        ...process.env,
        SANDBOX_PORT: String(sandboxPort),
        PORTAL_PORT: String(portalPort),
        SANDBOX_DB: join(scratch, `${signal}.sqlite`),
      },
    });
    const exited = new Promise<number | null>((resolve) => starter.on('exit', (code) => resolve(code)));
    const sandboxUp = await until(async () => {
      try {
        return (await fetch(`http://127.0.0.1:${sandboxPort}/v1/health`)).ok;
      } catch {
        return false;
      }
    }, 30_000);
    assert.ok(sandboxUp, 'the sandbox came up');
    // Both children exist (the docs server is still compiling: stopping must work then too).
    assert.ok(await until(() => descendants(starter.pid!).length >= 2, 10_000));
    const tree = descendants(starter.pid!);

    process.kill(starter.pid!, signal);
    try {
      assert.equal(await exited, 0, 'npm start exits cleanly');
      assert.ok(await until(() => tree.every((pid) => !alive(pid)), 10_000), `left running: ${tree.filter(alive)}`);
    } finally {
      // A failed run must not leave a dev server compiling in the background.
      tree.filter(alive).forEach((pid) => process.kill(pid, 'SIGKILL'));
    }
    await assert.rejects(fetch(`http://127.0.0.1:${sandboxPort}/v1/health`), 'the sandbox port is closed');
    await assert.rejects(fetch(`http://127.0.0.1:${portalPort}/`), 'the portal port is closed');
  });
}
