/**
 * Docusaurus plugin: reads the contract once per build and hands each API page its data.
 * Every operation becomes @generated/juyifu-contract/default/op-<operationId>.json (imported by
 * its MDX page), the catalogues become errors.json and test-data.json, the order state table
 * payment-states.json and the pay-way catalogue pay-ways.json, so a page carries only what it
 * shows and nothing is copied by hand from openapi/ or the sandbox into the docs. API pages take
 * only the parts of the error catalogue they show, not the whole of it: the success message
 * (success-message.json) and, for the try-it console's status line, each code's title and fix
 * (status-lines.json).
 */
import type { LoadContext, Plugin } from '@docusaurus/types';
import { join } from 'node:path';
import { contractDir, loadContract, type ErrorCode } from '../../contract/index.ts';
import { PAY_WAYS } from '../../contract/pay-ways.ts';
import { FINAL_STATUSES, PAYMENT_MOVES } from '../../contract/payment-states.ts';
import { pageOperation, type PageOperation } from '../../src/lib/operation-page.ts';

export interface ContractContent {
  operations: PageOperation[];
  errors: ErrorCode[];
  testData: unknown;
}

export default function contractPlugin(context: LoadContext): Plugin<ContractContent> {
  const sandboxUrl = String(context.siteConfig.customFields?.sandboxUrl ?? 'http://127.0.0.1:4010');
  return {
    name: 'juyifu-contract',
    getPathsToWatch: () => [join(contractDir, '*.yaml')],
    async loadContent() {
      const contract = loadContract();
      return {
        operations: contract.operations.map((op) => pageOperation(op, sandboxUrl)),
        errors: contract.errors,
        testData: contract.testData,
      };
    },
    async contentLoaded({ content, actions }) {
      for (const op of content.operations) await actions.createData(`op-${op.id}.json`, JSON.stringify(op));
      await actions.createData('errors.json', JSON.stringify(content.errors));
      // What the sandbox says on success, per language: the catalogue's 0000 title.
      const success = content.errors.find((e) => e.code === '0000');
      if (!success) throw new Error('errors.yaml has no 0000 entry, so no response example can show its message');
      await actions.createData('success-message.json', JSON.stringify(success.title));
      await actions.createData(
        'status-lines.json',
        JSON.stringify(content.errors.map(({ code, title, fix }) => ({ code, title, fix }))),
      );
      await actions.createData('test-data.json', JSON.stringify(content.testData));
      // The sandbox's own state table, so the 支付订单 pages cannot describe another machine.
      await actions.createData('payment-states.json', JSON.stringify({ moves: PAYMENT_MOVES, final: FINAL_STATUSES }));
      // The pay-way catalogue the sandbox shapes credentials from, for the 订单创建 page's table.
      await actions.createData('pay-ways.json', JSON.stringify(PAY_WAYS));
      await actions.createData(
        'operations.json',
        JSON.stringify(content.operations.map(({ id, method, path, summary }) => ({ id, method, path, summary }))),
      );
    },
  };
}
