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
type Summary = Bill['summary'];

export interface BillRead {
  status: Bill['status'];
  items: BillItem[];
  summary: Summary;
  /** Every JSON page as sent, its request_id blanked: the one part that differs from request to request. */
  pages: string[];
  /** The CSV as sent, BOM and all. */
  csv: Buffer;
}

type Sum = 'amount' | 'fee' | 'settle_amount';
const sum = (rows: BillItem[], k: Sum) => rows.reduce((s, i) => s + i[k], 0);

/** A payment row: paid ones carry a fee and a settlement, the others none; never any refund data. */
function assertPaymentRow(i: BillItem, where: string): void {
  const what = `${where}: payment row ${i.order_id}`;
  assert.deepEqual([i.refund_id, i.out_refund_no, i.refunded_at], [null, null, null], `${what} shows no refund`);
  if (i.status === 'paid') {
    assert.equal(i.settle_amount, i.amount - i.fee, `${what}: settle_amount`);
    assert.ok(i.fee >= 0 && i.fee <= i.amount, `${what}: fee`);
    assert.notEqual(i.paid_at, null, `${what}: paid_at`);
  } else {
    assert.deepEqual([i.fee, i.settle_amount, i.paid_at], [0, 0, null], `${what}: unpaid`);
  }
}

/** A refund row: a succeeded refund of a paid order, money and fee negative, no more fee back than money. */
function assertRefundRow(i: BillItem, where: string): void {
  const what = `${where}: refund row ${i.refund_id}`;
  assert.match(i.refund_id ?? '', /^ref_/, what);
  assert.equal(typeof i.out_refund_no, 'string', `${what}: out_refund_no`);
  assert.equal(i.status, 'succeeded', `${what}: status`);
  assert.ok(i.amount < 0 && i.fee <= 0 && i.fee >= i.amount, `${what}: amount ${i.amount}, fee ${i.fee}`);
  assert.equal(i.settle_amount, i.amount - i.fee, `${what}: settle_amount`);
  assert.ok(i.paid_at && i.refunded_at && i.refunded_at >= i.paid_at, `${what}: paid, then refunded`);
}

/**
 * Every equation of the 清算 page. Payment rows: count is all of them; amount and fee add the paid
 * ones; settle_amount = amount − fee; payments is the paid rows (the top-level fields again, with
 * their count). refunds is the refund rows, negative. net = payments + refunds, field by field.
 */
export function assertEquations(items: BillItem[], summary: Summary, where: string): void {
  const payments = items.filter((i) => i.type === 'payment');
  const refunds = items.filter((i) => i.type === 'refund');
  assert.equal(payments.length + refunds.length, items.length, `${where}: every row is a payment or a refund`);
  for (const i of payments) assertPaymentRow(i, where);
  for (const i of refunds) assertRefundRow(i, where);
  const paid = payments.filter((i) => i.status === 'paid');
  assert.equal(summary.count, payments.length, `${where}: count = number of payment rows`);
  assert.equal(summary.amount, sum(paid, 'amount'), `${where}: amount = Σ amount of paid rows`);
  assert.equal(summary.fee, sum(paid, 'fee'), `${where}: fee = Σ fee of paid rows`);
  assert.equal(summary.settle_amount, summary.amount - summary.fee, `${where}: settle_amount = amount − fee`);
  assert.equal(summary.settle_amount, sum(payments, 'settle_amount'), `${where}: settle_amount = Σ settle_amount`);
  const total = (rows: BillItem[]) => ({
    count: rows.length,
    amount: sum(rows, 'amount'),
    fee: sum(rows, 'fee'),
    settle_amount: sum(rows, 'amount') - sum(rows, 'fee'),
  });
  assert.deepEqual(summary.payments, total(paid), `${where}: payments = the paid rows`);
  assert.deepEqual(summary.refunds, total(refunds), `${where}: refunds = the refund rows`);
  assert.equal(summary.refunds.settle_amount, sum(refunds, 'settle_amount'), `${where}: Σ refund settle_amount`);
  const { payments: p, refunds: r } = summary;
  assert.deepEqual(
    summary.net,
    { amount: p.amount + r.amount, fee: p.fee + r.fee, settle_amount: p.settle_amount + r.settle_amount },
    `${where}: net = payments + refunds`,
  );
  assert.equal(summary.net.settle_amount, summary.net.amount - summary.net.fee, `${where}: net settle = amount − fee`);
  assert.equal(summary.net.settle_amount, sum(items, 'settle_amount'), `${where}: net settle = Σ settle_amount`);
}

/** The CSV lists the JSON's rows in the same order, then one total row per summary object, `total` last. */
function assertCsvMatches(csv: Buffer, items: BillItem[], summary: Summary, where: string): void {
  const records: string[][] = parse(new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv), { bom: true });
  const [header, ...rest] = records;
  const totals = rest.splice(-4);
  const cell = (v: unknown) => (v == null ? '' : String(v));
  assert.deepEqual(
    rest,
    items.map((i) => header.map((h) => cell(i[h as keyof BillItem]))),
    `${where}: CSV rows = JSON rows`,
  );
  const row = (label: string, m: { amount: number; fee: number; settle_amount: number }, count?: number) => {
    const expected = Object.fromEntries(header.map((h) => [h, '']));
    const money = { amount: cell(m.amount), fee: cell(m.fee), settle_amount: cell(m.settle_amount) };
    return Object.assign(expected, { order_id: label, status: cell(count) }, money);
  };
  assert.deepEqual(
    totals.map((t) => Object.fromEntries(header.map((h, n) => [h, t[n]]))),
    [
      row('total_payments', summary.payments, summary.payments.count),
      row('total_refunds', summary.refunds, summary.refunds.count),
      row('total_net', summary.net),
      row('total', summary, summary.count),
    ],
    `${where}: CSV totals = JSON summary`,
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
