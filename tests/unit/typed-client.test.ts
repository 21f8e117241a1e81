/**
 * A client generated from the contract, used as an integrator would use it: the create → query
 * program in tests/typed-client type-checks under strict; the check is shown to bite (a misspelt
 * field fails, and so does the unchanged program against a contract where `fee` is optional);
 * and the program runs against an in-process sandbox and prints the order it paid.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import YAML from 'yaml';
import { readDocument } from '../../contract/index.ts';
import { buildApp, configFromEnv } from '../../sandbox/index.ts';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLIENT = join(ROOT, 'tests/typed-client');
const PROGRAM = readFileSync(join(CLIENT, 'create-and-query.ts'), 'utf8');
const TYPES = readFileSync(join(ROOT, 'contract/generated/openapi.d.ts'), 'utf8');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

const scratch: string[] = [];
after(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'juyifu-typed-client-'));
  scratch.push(dir);
  return dir;
}

/** Exit status and diagnostics of `tsc -p project`. */
async function typecheck(project: string): Promise<{ ok: boolean; output: string }> {
  try {
    const r = await run(process.execPath, [TSC, '-p', project], { cwd: ROOT });
    return { ok: true, output: r.stdout + r.stderr };
  } catch (e) {
    const failed = e as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/**
 * The client's project rebuilt elsewhere, with this program and these generated types at the
 * same relative places, and the repository's node_modules linked in for openapi-fetch.
 */
function project(program: string, types: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'tests/typed-client'), { recursive: true });
  mkdirSync(join(dir, 'contract/generated'), { recursive: true });
  for (const file of ['tsconfig.json', 'package.json'])
    cpSync(join(CLIENT, file), join(dir, 'tests/typed-client', file));
  writeFileSync(join(dir, 'tests/typed-client/create-and-query.ts'), program);
  writeFileSync(join(dir, 'contract/generated/openapi.d.ts'), types);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return join(dir, 'tests/typed-client');
}

/** What `npm run contract:types` makes of a changed copy of the contract. */
async function typesFor(change: (doc: ReturnType<typeof readDocument>) => void): Promise<string> {
  const dir = tempDir();
  const doc = readDocument();
  change(doc);
  writeFileSync(join(dir, 'openapi.yaml'), YAML.stringify(doc));
  const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['contract:types'] as string;
  const args = script.split(' ').slice(1);
  args[args.indexOf('openapi/openapi.yaml')] = join(dir, 'openapi.yaml');
  args[args.indexOf('-o') + 1] = join(dir, 'openapi.d.ts');
  await run(join(ROOT, 'node_modules/.bin/openapi-typescript'), args, { cwd: ROOT });
  return readFileSync(join(dir, 'openapi.d.ts'), 'utf8');
}

describe('a client generated from the contract', () => {
  test('the create → query program type-checks under strict', async () => {
    // The options as tsc resolves them, so a weaker setting cannot hide behind another one.
    const shown = await run(process.execPath, [TSC, '--showConfig', '-p', CLIENT], { cwd: ROOT });
    const options = JSON.parse(shown.stdout).compilerOptions;
    assert.equal(options.strict, true);
    assert.equal(options.strictNullChecks, true);
    const result = await typecheck(CLIENT);
    assert.ok(result.ok, result.output);
  });

  test('a misspelt request field fails the check', async () => {
    assert.equal(PROGRAM.split("product_name: '苹果'").length, 2, 'the program names product_name once');
    const misspelt = PROGRAM.replace("product_name: '苹果'", "product_nam: '苹果'");
    const result = await typecheck(project(misspelt, TYPES));
    assert.equal(result.ok, false, 'a misspelt field type-checked');
    assert.match(result.output, /product_nam\b/);
  });

  test('the same program fails against a contract where fee may be absent', async () => {
    const optionalFee = await typesFor((doc) => {
      const payment = doc.components.schemas.Payment;
      payment.required = (payment.required ?? []).filter((name) => name !== 'fee');
    });
    assert.match(optionalFee, /\bfee\?: number \| null;/, 'the changed contract makes fee optional');
    const result = await typecheck(project(PROGRAM, optionalFee));
    assert.equal(result.ok, false, 'an optional fee type-checked');
    assert.match(result.output, /'order\.fee' is possibly 'undefined'/);
  });

  test('run against a sandbox, it prints the order it created and the same order paid', async () => {
    const dbDir = tempDir();
    const app = buildApp({
      config: {
        ...configFromEnv({}),
        port: 0,
        dbFile: join(dbDir, 'sandbox.sqlite'),
        rateLimitPerSecond: 0,
        appsPerHourPerAddress: 0,
      },
      sweepIntervalMs: 0,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = app.server.address() as { port: number };
      const { stdout } = await run(process.execPath, ['--import', 'tsx', join(CLIENT, 'create-and-query.ts')], {
        cwd: ROOT,
        env: { ...process.env, JUYIFU_BASE_URL: `http://127.0.0.1:${port}` },
      });
      const created = /^created (pay_\w+): created, 1000 fen, channel chn_\w+$/m.exec(stdout);
      assert.ok(created, stdout);
      // 1000 fen through alipay_app, whose seeded channel takes 60 basis points: a fee of 6 fen.
      assert.match(stdout, new RegExp(`^queried ${created[1]}: paid, 1000 fen, fee 0\\.06 yuan, paid at \\d{4}-`, 'm'));
    } finally {
      await app.close();
    }
  });
});
