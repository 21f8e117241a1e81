/**
 * Test support for bills: one bill read whole, as JSON pages and as CSV, with every equation of
 * the 清算 page checked on what came back. The equations are written out here again on purpose:
 * a test that called the sandbox's own summarize() could not catch it being wrong.
 */
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import type { SuccessData } from '../../../contract/api.ts';
import type { Client, Reply } from './sandbox.ts';

type Bill = SuccessData<'getBill'>;
export type BillItem = Bill['items'][number];

export interface BillRead {
  status: Bill['status'];
  items: BillItem[];
  summary: Bill['summary'];
  /** Every JSON page as sent, its request_id blanked: the one part that differs from request to request. */
  pages: string[];
  /** The CSV as sent, BOM and all. */
  csv: Buffer;
}

/** count = rows; amount and fee = Σ over paid rows; settle_amount = amount − fee; unpaid rows carry no money. */
export function assertEquations(items: BillItem[], summary: Bill['summary'], where: string): void {
  const paid = items.filter((i) => i.status === 'paid');
  for (const i of items) {
    if (i.status === 'paid') {
      assert.equal(i.settle_amount, i.amount - i.fee, `${where}: settle_amount of ${i.order_id}`);
      assert.ok(i.fee >= 0 && i.fee <= i.amount, `${where}: fee of ${i.order_id}`);
      assert.notEqual(i.paid_at, null, `${where}: paid_at of ${i.order_id}`);
    } else {
      assert.deepEqual([i.fee, i.settle_amount, i.paid_at], [0, 0, null], `${where}: unpaid row ${i.order_id}`);
    }
  }
  const sum = (rows: BillItem[], k: 'amount' | 'fee' | 'settle_amount') => rows.reduce((s, i) => s + i[k], 0);
  assert.equal(summary.count, items.length, `${where}: count = number of rows`);
  assert.equal(summary.amount, sum(paid, 'amount'), `${where}: amount = Σ amount of paid rows`);
  assert.equal(summary.fee, sum(paid, 'fee'), `${where}: fee = Σ fee of paid rows`);
  assert.equal(summary.settle_amount, summary.amount - summary.fee, `${where}: settle_amount = amount − fee`);
  assert.equal(summary.settle_amount, sum(items, 'settle_amount'), `${where}: settle_amount = Σ settle_amount`);
}

/** The CSV lists the JSON's rows in the same order, and its total row is the JSON summary. */
function assertCsvMatches(csv: Buffer, items: BillItem[], summary: Bill['summary'], where: string): void {
  const records: string[][] = parse(new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv), { bom: true });
  const [header, ...rest] = records;
  const total = rest.pop();
  const cell = (v: unknown) => (v == null ? '' : String(v));
  assert.deepEqual(
    rest,
    items.map((i) => header.map((h) => cell(i[h as keyof BillItem]))),
    `${where}: CSV rows = JSON rows`,
  );
  const expected = Object.fromEntries(header.map((h) => [h, '']));
  Object.assign(expected, {
    order_id: 'total',
    status: cell(summary.count),
    amount: cell(summary.amount),
    fee: cell(summary.fee),
    settle_amount: cell(summary.settle_amount),
  });
  assert.deepEqual(
    Object.fromEntries(header.map((h, n) => [h, total?.[n]])),
    expected,
    `${where}: CSV total = JSON summary`,
  );
}

/** Reads the bill at `query` whole (JSON pages of `limit`, then the CSV) and checks every equation on it. */
export async function readBill(client: Client, token: string, query: string, limit = 3): Promise<BillRead> {
  const pages: string[] = [];
  const items: BillItem[] = [];
  let first: Bill | undefined;
  let cursor: string | null = null;
  do {
    const res: Reply<'getBill'> = await client.get<'getBill'>(
      `/v1/bills?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    assert.equal(res.status, 200, res.text);
    pages.push(res.text.replace(/"request_id":"[^"]*"/, '"request_id":""'));
    first ??= res.body.data;
    assert.equal(res.body.data.status, first.status, `${query}: one status on every page`);
    assert.deepEqual(res.body.data.summary, first.summary, `${query}: one summary on every page`);
    items.push(...res.body.data.items);
    cursor = res.body.data.next_cursor;
  } while (cursor);
  const csv = await client.get(`/v1/bills?${query}&format=csv`, { token });
  assert.equal(csv.status, 200, csv.text);
  assertEquations(items, first.summary, query);
  assertCsvMatches(csv.raw, items, first.summary, query);
  return { status: first.status, items, summary: first.summary, pages, csv: csv.raw };
}
