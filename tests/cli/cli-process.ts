/**
 * `juyifu` run as a user runs it: the bin npm linked into node_modules/.bin for the workspace
 * package, as a child process, its output read line by line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BIN = join(process.cwd(), 'node_modules', '.bin', 'juyifu');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running `juyifu`: what it printed so far, and a wait for a line. */
export class CliProcess {
  readonly stdout: string[] = [];
  stderr = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  constructor(args: string[], env: Record<string, string | undefined> = {}) {
    // npm makes the link when it installs the workspace; a checkout where it never ran says so.
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm install (it links the cli/ workspace's bin)`);
    this.child = spawn(BIN, args, {
      // Only what the test gives: no JUYIFU_* of the machine running the tests.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      const lines = (partial + d).split('\n');
      partial = lines.pop()!;
      this.stdout.push(...lines);
    });
    this.child.stderr!.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    // 'close', not 'exit': by then every byte it printed has been read.
    this.exited = once(this.child, 'close').then(([code]) => code as number | null);
  }

  /** The first line printed that matches, waiting for it up to `ms`. */
  async line(pattern: RegExp, ms = 20_000): Promise<string> {
    const until = Date.now() + ms;
    for (;;) {
      const found = this.stdout.find((l) => pattern.test(l));
      if (found) return found;
      if (Date.now() > until || this.child.exitCode !== null)
        throw new Error(`no line like ${pattern} in:\n${this.stdout.join('\n')}\nstderr: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Ends it as Ctrl-C would (or SIGTERM); resolves with its exit code. */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exited;
  }

  async finished(ms = 20_000): Promise<Finished> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), ms);
    const code = await this.exited;
    clearTimeout(timer);
    return { code, stdout: this.stdout.join('\n'), stderr: this.stderr };
  }
}

/** Runs a `juyifu` command to its end. */
export const juyifu = (args: string[], env: Record<string, string | undefined> = {}) =>
  new CliProcess(args, env).finished();
