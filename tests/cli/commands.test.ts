/**
 * How `juyifu` ends when something is wrong, as scripts rely on it: a refused key exits 2 naming
 * the app id and what to check, an unreachable sandbox exits 3 naming its address, a wrong
 * command line exits 1 with the usage; and `trigger` prints the event it made.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXIT } from '../../cli/src/failure.ts';
import { LINE_PATTERNS } from '../../cli/src/output.ts';
import { juyifu } from './cli-process.ts';
import { freePort, sandboxForTests } from './sandbox-process.ts';

const fixture = sandboxForTests();
const env = fixture.env;

describe('credentials and the sandbox address', () => {
  test('a wrong secret: exit 2, naming the app id and what to check', async () => {
    const run = await juyifu(
      ['listen', '--forward-to', 'http://127.0.0.1:9/notify'],
      env({ JUYIFU_APP_SECRET: 'sk_test_wrong' }),
    );
    assert.equal(run.code, EXIT.credentials, run.stderr);
    assert.match(run.stderr, new RegExp(`refused app id ${fixture.app.app_id}`));
    assert.match(run.stderr, /invalid_client/);
    assert.match(run.stderr, /JUYIFU_APP_SECRET/);
    assert.doesNotMatch(run.stderr, /sk_test_wrong/, 'the secret is not echoed');
    assert.equal(run.stdout, '', 'no Ready line');
  });

  test('flags win over the environment: a wrong --app-secret is refused even with a right JUYIFU_APP_SECRET', async () => {
    const run = await juyifu(['trigger', 'payment.paid', '--app-secret', 'sk_test_wrong'], env());
    assert.equal(run.code, EXIT.credentials, run.stderr);
  });

  test('no credentials at all: exit 2, saying which variables to set', async () => {
    const run = await juyifu(['trigger', 'payment.paid'], { JUYIFU_SANDBOX_URL: fixture.sandbox.url });
    assert.equal(run.code, EXIT.credentials, run.stderr);
    assert.match(run.stderr, /JUYIFU_APP_ID and JUYIFU_APP_SECRET/);
  });

  test('nothing at the sandbox address: exit 3, naming it', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const run = await juyifu(['listen', '--forward-to', 'http://127.0.0.1:9/notify', '--sandbox', nowhere], env());
    assert.equal(run.code, EXIT.unreachable, run.stderr);
    assert.match(run.stderr, new RegExp(`cannot reach the sandbox at ${nowhere} \\(ECONNREFUSED\\)`));
  });
});

describe('trigger', () => {
  test('prints the event it made, which the app then has', async () => {
    const run = await juyifu(['trigger', 'refund.failed'], env());
    assert.equal(run.code, EXIT.ok, run.stderr);
    const [, id, type] = LINE_PATTERNS.triggered.exec(run.stdout.trim()) ?? [];
    assert.equal(type, 'refund.failed', run.stdout);
    const list = await fixture.sandbox.json('/v1/events?limit=100', undefined, fixture.app.token);
    const event = (list.data as { items: { id: string; type: string }[] }).items.find((e) => e.id === id);
    assert.equal(event?.type, 'refund.failed');
  });

  test("an unknown type: the sandbox's 400 naming the field, exit 1", async () => {
    const run = await juyifu(['trigger', 'payment.refunded'], env());
    assert.equal(run.code, EXIT.usage);
    assert.match(run.stderr, /the sandbox answered 400 \(400/);
    assert.match(run.stderr, /type/);
  });
});

describe('the command line', () => {
  test('--help and listen --help: the usage on stdout, exit 0', async () => {
    const main = await juyifu(['--help']);
    assert.equal(main.code, 0);
    assert.match(main.stdout, /^Usage: juyifu <command>/);
    assert.match(main.stdout, /listen --forward-to URL/);
    const listen = await juyifu(['listen', '--help']);
    assert.equal(listen.code, 0);
    assert.match(listen.stdout, /^Usage: juyifu listen --forward-to URL/);
  });

  for (const [args, message] of [
    [['frobnicate'], /unknown command "frobnicate"/],
    [[], /no command given/],
    [['listen', '--forward-to', 'http://127.0.0.1:9/', '--verbose'], /Unknown option '--verbose'/],
    [['listen'], /--forward-to URL is required/],
    [['listen', '--forward-to', 'localhost:8080/notify'], /must be an http:\/\/ or https:\/\/ URL/],
    [['trigger'], /give one event type/],
  ] as const)
    test(`juyifu ${args.join(' ') || '(nothing)'}: exit 1 with the message and the usage`, async () => {
      const run = await juyifu([...args]);
      assert.equal(run.code, EXIT.usage);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /Usage: juyifu/);
      assert.equal(run.stdout, '');
    });
});
