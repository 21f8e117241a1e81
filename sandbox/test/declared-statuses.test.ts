/**
 * What the request hooks can answer on any operation, asked of every operation of the contract:
 * each status X-Sandbox-Simulate takes and a value it does not take, an Accept the operation
 * cannot satisfy, maintenance, and where a token is needed none or one without the scope. The
 * client checks each answer against the contract, so an operation that does not declare one of
 * these statuses fails here, whether or not another test happens to reach it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Operation } from '../../contract/index.ts';
import { contract, startSandbox, type RunningSandbox } from './support/sandbox.ts';

const simulatable = (contract.document.components.parameters?.SandboxSimulate?.schema?.enum ?? []).map(String);
const allScopes = Object.keys(
  (
    contract.document.components.securitySchemes as {
      oauth2: { flows: { clientCredentials: { scopes: Record<string, string> } } };
    }
  ).oauth2.flows.clientCredentials.scopes,
);

/** A path of the operation with well-formed ids, so nothing but the case under test decides. */
function pathOf(op: Operation): string {
  return op.path
    .replace('{order_id}', 'pay_declared1')
    .replace('{channel_id}', 'chn_declared1')
    .replace('{event_id}', 'evt_declared1');
}

let sb: RunningSandbox;
before(async () => {
  sb = await startSandbox();
});
after(() => sb.close());

describe('every operation declares what the hooks can answer', () => {
  test('the simulate parameter is on every operation, with the statuses of the catalogue', () => {
    assert.ok(simulatable.length > 0);
    for (const op of contract.operations) {
      assert.ok(
        op.parameters.some((p) => p.in === 'header' && p.name === 'X-Sandbox-Simulate'),
        `${op.operationId} takes X-Sandbox-Simulate`,
      );
    }
  });

  for (const op of contract.operations) {
    test(`${op.operationId}: simulated statuses, a bad simulate value, 406, and 401/403 where a token is needed`, async () => {
      const path = pathOf(op);
      for (const status of simulatable) {
        const r = await sb.client.call(op.method, path, { headers: { 'x-sandbox-simulate': status } });
        assert.equal(r.status, Number(status), `${op.operationId} simulating ${status}`);
      }
      const bad = await sb.client.call(op.method, path, { headers: { 'x-sandbox-simulate': '200' } });
      assert.equal(bad.status, 400);
      const xml = await sb.client.call(op.method, path, { headers: { accept: 'application/xml' } });
      assert.equal(xml.status, 406);
      if (op.scopes === null) return;
      assert.equal((await sb.client.call(op.method, path)).status, 401);
      if (op.scopes.length === 0) return;
      const other = allScopes.find((s) => !op.scopes!.includes(s))!;
      const m = await sb.client.newMerchant(other);
      assert.equal((await sb.client.call(op.method, path, { token: m.token })).status, 403);
    });
  }

  test('in maintenance every operation answers 503, which each declares', async () => {
    const down = await startSandbox({ config: { maintenance: true } });
    try {
      for (const op of contract.operations) {
        const r = await down.client.call(op.method, pathOf(op));
        assert.equal(r.status, 503, op.operationId);
      }
    } finally {
      await down.close();
    }
  });
});
