/**
 * The sandbox as its own process (`npm run sandbox`'s entry point) on a free 127.0.0.1 port with
 * its database in a juyifu-* temp folder, so a test can stop it with SIGTERM and start it again
 * on the same port and data, as an operator restarting it would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';

/** A port nothing listens on right now (the OS picks it; the caller binds it next). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

export class SandboxProcess {
  readonly dir = mkdtempSync(join(tmpdir(), 'juyifu-cli-'));
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    /** More SANDBOX_* settings, kept across restarts. */
    private readonly settings: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(settings: Record<string, string> = {}): Promise<SandboxProcess> {
    const sandbox = new SandboxProcess(await freePort(), settings);
    // A test that fails before close() still leaves no process or folder behind.
    process.once('exit', () => {
      sandbox.child?.kill('SIGKILL');
      rmSync(sandbox.dir, { recursive: true, force: true });
    });
    await sandbox.restart();
    return sandbox;
  }

  /** Starts the process (again): same port, same database. */
  async restart(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/server.ts'], {
      env: {
        ...process.env,
        SANDBOX_PORT: String(this.port),
        SANDBOX_DB: join(this.dir, 'sandbox.sqlite'),
        SANDBOX_LOG_LEVEL: 'error',
        SANDBOX_RATE_LIMIT: '0',
        SANDBOX_APPS_PER_HOUR: '0',
        ...this.settings,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.child = child;
    let out = '';
    child.stdout!.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the sandbox did not start within 20 s: ${out}`)), 20_000);
      child.stdout!.on('data', (d: string) => {
        out += d;
        if (out.includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}): ${out}`)));
    });
  }

  /** SIGTERM, as a deploy would stop it: it drains (ending every event stream) and exits. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A new app: its credentials, webhook secret and a token to call the API with. */
  async newApp() {
    const app = await this.json('/v1/sandbox/apps', { name: 'juyifu CLI test' });
    const { app_id, app_secret, webhook_secret } = app.data as Record<string, string>;
    const token = await this.json('/v1/oauth/token', { grant_type: 'client_credentials', app_id, app_secret });
    return { app_id, app_secret, webhook_secret, token: (token.data as { access_token: string }).access_token };
  }

  async json(path: string, body?: unknown, token?: string): Promise<{ code: string; data: unknown }> {
    const res = await fetch(`${this.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await res.json()) as { code: string; data: unknown };
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  }
}

export type App = Awaited<ReturnType<SandboxProcess['newApp']>>;

/**
 * A test file's sandbox process and app: started before its tests, stopped and removed after.
 * `env` is what a user of the app would export for `juyifu`.
 */
export function sandboxForTests() {
  const fixture = {
    sandbox: undefined as unknown as SandboxProcess,
    app: undefined as unknown as App,
    env: (overrides: Record<string, string> = {}): Record<string, string> => ({
      JUYIFU_SANDBOX_URL: fixture.sandbox.url,
      JUYIFU_APP_ID: fixture.app.app_id,
      JUYIFU_APP_SECRET: fixture.app.app_secret,
      ...overrides,
    }),
  };
  before(async () => {
    fixture.sandbox = await SandboxProcess.start();
    fixture.app = await fixture.sandbox.newApp();
  });
  after(() => fixture.sandbox.close());
  return fixture;
}
