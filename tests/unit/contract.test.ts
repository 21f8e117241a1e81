/** The contract module: generated types are current, operations carry what pages and the sandbox need. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadContract, readDocument, type TestData } from '../../contract/index.ts';
import { CLOSE_REASONS, FINAL_STATUSES, PAYMENT_MOVES } from '../../contract/payment-states.ts';

const contract = loadContract();
const scratch = mkdtempSync(join(tmpdir(), 'juyifu-contract-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('contract module', () => {
  test("the order state table and the contract's enums name the same states and close reasons", () => {
    const schemas = readDocument().components!.schemas!;
    const statuses = new Set(PAYMENT_MOVES.flatMap((m) => [m.from, m.to]));
    assert.deepEqual([...statuses].sort(), [...(schemas.PaymentStatus.enum as string[])].sort());
    assert.deepEqual([...FINAL_STATUSES].sort(), ['closed', 'failed', 'paid']);
    const closeReason = schemas.Payment.properties!.close_reason;
    assert.deepEqual(
      (closeReason.enum as (string | null)[]).filter((v) => v !== null),
      [...CLOSE_REASONS],
    );
    for (const m of PAYMENT_MOVES) assert.ok(m.by.zh && m.by.en, `${m.from} → ${m.to} says what makes it`);
  });

  test('every sub_code added for the payment rules carries its own fix and trigger in both languages', () => {
    const all = contract.errors.flatMap((e) => e.sub_codes);
    for (const name of ['invalid_url', 'pay_way_not_supported', 'channel_unavailable']) {
      const sub = all.find((s) => s.sub_code === name);
      assert.ok(sub?.fix?.zh && sub.fix.en && sub.trigger?.zh && sub.trigger.en, name);
    }
  });

  test('every text in both languages in the catalogues has both, as strings, and no stray key', () => {
    // A comma in an unquoted YAML flow map ({ zh: …, en: a, b }) silently cuts the English text
    // and adds a stray key: the loader accepts it, so it is checked here.
    const found: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (('zh' in o || 'en' in o) && (typeof o.zh !== 'string' || typeof o.en !== 'string')) found.push(path);
      for (const [k, v] of Object.entries(o)) {
        if (v === null && ('zh' in o || 'en' in o)) found.push(`${path}: stray key "${k}"`);
        walk(v, `${path}.${k}`);
      }
    };
    walk(contract.errors, 'errors');
    walk(contract.testData, 'testData');
    assert.deepEqual(found, []);
  });

  test('contract/generated/openapi.d.ts is what openapi-typescript makes of openapi.yaml today', () => {
    const fresh = join(scratch, 'openapi.d.ts');
    const script = JSON.parse(readFileSync('package.json', 'utf8')).scripts['contract:types'] as string;
    const args = script.split(' ').slice(1);
    args[args.indexOf('-o') + 1] = fresh;
    execFileSync(join('node_modules', '.bin', 'openapi-typescript'), args, { stdio: 'pipe' });
    assert.equal(
      readFileSync('contract/generated/openapi.d.ts', 'utf8'),
      readFileSync(fresh, 'utf8'),
      'openapi.yaml changed: run npm run contract:types and commit contract/generated/',
    );
  });

  test('every operation of the document is one Operation, with its parameters and bodies resolved', () => {
    const raw = readDocument();
    const declared = Object.values(raw.paths).flatMap((item) =>
      Object.values(item).flatMap((op) => (Array.isArray(op) || !op?.operationId ? [] : [op.operationId])),
    );
    assert.deepEqual(contract.operations.map((o) => o.operationId).sort(), declared.sort());
    const create = contract.byId.get('createPayment')!;
    assert.equal(create.method, 'POST');
    assert.ok(create.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'));
    assert.ok(JSON.stringify(create.requestContent).indexOf('$ref') === -1, 'no $ref left');
    assert.deepEqual(create.bodyContentTypes, Object.keys(create.requestContent));
    assert.ok(create.summary.zh && create.summary.en && create.summary.zh !== create.summary.en);
    assert.deepEqual(contract.byId.get('getBill')!.produces.sort(), ['application/json', 'text/csv']);
  });

  test('the catalogues are read whole: every test-data key the YAML has is typed and present', () => {
    // The compiler makes this list name every key of TestData, no more, no less; the YAML must match it.
    const typed: Record<keyof TestData, true> = {
      cashier_actions: true,
      failure_codes: true,
      magic_amounts: true,
      magic_refund_amounts: true,
      refund_delay_seconds: true,
      seeded_channels: true,
      webhook_retry_seconds: true,
    };
    assert.deepEqual(Object.keys(contract.testData).sort(), Object.keys(typed).sort());
    assert.ok(contract.errors.some((e) => e.code === '0000'));
    assert.deepEqual(contract.moneyFields.sort(), ['amount', 'max_amount', 'min_amount']);
  });
});
