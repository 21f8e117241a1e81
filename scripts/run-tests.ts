/**
 * `npm test`: every suite, one after another, then one plain line "N passed, N failed" that
 * sums them all (CI reads that line). A suite that cannot run because a tool is missing fails
 * loudly with what to install; nothing is skipped in silence.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type ThrowawayPostgres } from '../tests/support/postgres.ts';

interface Outcome {
  name: string;
  passed: number;
  failed: number;
  /** How long the suite took, for the summary (what each suite adds to CI). */
  seconds?: number;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

/** The node:test files in `dirs`, sorted. */
function testFiles(...dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .sort()
      .map((f) => join(dir, f)),
  );
}

/** node:test files, with the readable spec output on screen and TAP kept for the counts. */
async function nodeTests(name: string, files: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  const tapDir = mkdtempSync(join(tmpdir(), 'juyifu-tap-'));
  const tap = join(tapDir, 'out.tap');
  const code = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    env,
  );
  const text = readFileSync(tap, 'utf8');
  rmSync(tapDir, { recursive: true, force: true });
  const count = (label: string) => Number(text.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  let failed = count('fail') + count('cancelled');
  if (code !== 0 && failed === 0) failed = 1; // the runner itself broke
  return { name, passed, failed };
}

async function single(name: string, cmd: string, args: string[]): Promise<Outcome> {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const code = await run(cmd, args);
  return { name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
}

/** Playwright against the built site; counts from its JSON report. */
async function browserTests(): Promise<Outcome> {
  const report = 'test-results/e2e.json';
  rmSync('test-results', { recursive: true, force: true });
  const code = await run('npx', ['playwright', 'test']);
  if (!existsSync(report)) return { name: 'browser', passed: 0, failed: 1 };
  const { stats } = JSON.parse(readFileSync(report, 'utf8'));
  const failed = stats.unexpected + stats.flaky + (code !== 0 && stats.unexpected === 0 ? 1 : 0);
  return { name: 'browser', passed: stats.expected, failed };
}

/** A script that ends with its own "N passed, N failed" line (the samples runner). */
async function counted(name: string, cmd: string, args: string[]): Promise<Outcome> {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const out: string[] = [];
  const code = await new Promise<number>((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      out.push(String(d));
    });
    child.on('exit', (c) => resolve(c ?? 1));
    child.on('error', () => resolve(127));
  });
  const m = /(\d+) passed, (\d+) failed\s*$/.exec(out.join(''));
  if (!m) return { name, passed: 0, failed: 1 };
  return { name, passed: Number(m[1]), failed: Number(m[2]) + (code !== 0 && m[2] === '0' ? 1 : 0) };
}

/**
 * The sandbox's HTTP and durability suites a second time, every sandbox on PostgreSQL: a
 * throwaway server from Debian's postgresql package, started here and removed afterwards (see
 * sandbox/test/support/sandbox.ts). The files that never touch a store run once, above.
 */
async function onPostgres(): Promise<Outcome> {
  const name = 'node on PostgreSQL';
  console.log(`\n▶ ${name}: the sandbox suites again, with SANDBOX_DATABASE_URL on a throwaway server`);
  // Files that never touch the run's store, or (outage) bring their own PostgreSQL.
  const storeless = ['contract.test.ts', 'domain.test.ts', 'layers.test.ts', 'outage.test.ts'];
  let server: ThrowawayPostgres;
  try {
    server = await startPostgres();
  } catch (e) {
    console.log(`cannot start PostgreSQL: ${(e as Error).message}`);
    return { name, passed: 0, failed: 1 };
  }
  try {
    const files = testFiles('sandbox/test').filter((f) => !storeless.some((s) => f.endsWith(`/${s}`)));
    return await nodeTests(name, files, { JUYIFU_TEST_POSTGRES_URL: server.url });
  } finally {
    server.stop();
  }
}

/** Temporary folders the suites make are named juyifu-*; each suite removes its own. */
const ourTempFolders = () => new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('juyifu-')));
const tempBefore = ourTempFolders();

const outcomes: Outcome[] = [];
// Every suite's time goes with its counts in the summary: the time since the previous one ended.
let suiteStarted = performance.now();
function record(o: Outcome): void {
  const now = performance.now();
  outcomes.push({ ...o, seconds: Math.round((now - suiteStarted) / 1000) });
  suiteStarted = now;
}
record(await single('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']));
record(await single('lint: ESLint', 'npx', ['eslint', '.']));
record(await single('format: Prettier', 'npx', ['prettier', '--check', '.']));
record(await single('contract lint: Redocly', 'npx', ['redocly', 'lint', 'openapi/openapi.yaml']));
console.log('\n▶ sandbox and portal libraries: unit, contract, HTTP, cashier in Chromium, durability');
record(await nodeTests('node', testFiles('sandbox/test', 'tests/unit', 'tests/cli')));
record(await onPostgres());
record(
  await nodeTests('multi-instance: two sandboxes behind nginx on one PostgreSQL', testFiles('tests/multi-instance')),
);
record(
  await counted('samples: every copyable code sample run against a sandbox', 'npx', ['tsx', 'tests/samples/run.ts']),
);
record(
  await counted('reliability: bad input, SIGKILL and SIGTERM, isolation, security', 'npx', [
    'tsx',
    'tests/reliability/run.ts',
  ]),
);
// The build fails on broken links and anchors, in both locales: a real check, counted as one.
const build = await single('portal build (zh-Hans + en, links checked)', 'npx', ['docusaurus', 'build']);
record(build);
console.log('\n▶ browser: the built portal in Chromium');
record(build.failed ? { name: 'browser (not run: the build failed)', passed: 0, failed: 1 } : await browserTests());

const leftBehind = [...ourTempFolders()].filter((f) => !tempBefore.has(f));
if (leftBehind.length) console.log(`\ntemporary folders left in ${tmpdir()}: ${leftBehind.join(', ')}`);
record({
  name: 'temporary folders removed',
  passed: leftBehind.length ? 0 : 1,
  failed: leftBehind.length ? 1 : 0,
});

console.log('\nSuites:');
for (const o of outcomes) {
  console.log(`  ${o.failed ? '✗' : '✓'} ${o.name}: ${o.passed} passed, ${o.failed} failed (${o.seconds ?? 0} s)`);
}
const passed = outcomes.reduce((s, o) => s + o.passed, 0);
const failed = outcomes.reduce((s, o) => s + o.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
