/**
 * 清算 · 账单查询: a day's bill as JSON pages (cursor) or as one CSV stream. The CSV is produced
 * row by row from keyset-paged queries, so a day of 100k orders never sits in memory, and its
 * total rows add up exactly the rows written above them. Both summaries come from summarize().
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { SandboxContext } from '../context.ts';
import { summarize, summaryCsvRows, tallyRow, type BillTally } from '../domain/bill-summary.ts';
import { billRow, CSV_COLUMNS, decodeCursor, encodeCursor, type BillRow, type BillType } from '../domain/bills.ts';
import { shanghaiDay, shanghaiDayRange } from '../domain/time.ts';
import { ApiError } from '../errors.ts';
import type { BillQuery } from '../store/types.ts';
import type { Principal } from './auth.ts';
import { settleBill } from './bill-finality.ts';

interface BillParams {
  bill_date: string;
  bill_type?: BillType;
  channel_id?: string;
  cursor?: string;
  limit?: number;
}

const CSV_PAGE = 1000;

async function prepare(ctx: SandboxContext, who: Principal, p: BillParams) {
  if (p.bill_date > shanghaiDay(ctx.now())) {
    throw new ApiError(400, 'invalid_value', {
      param: 'bill_date',
      detail: { zh: '不能是未来的日期', en: 'must not be in the future' },
    });
  }
  const channels = await ctx.store.listChannels(who.merchantId);
  if (p.channel_id && !channels.some((c) => c.channel_id === p.channel_id)) {
    throw new ApiError(404, 'resource_not_found', { param: 'channel_id', detail: p.channel_id });
  }
  const providers = new Map(channels.map((c) => [c.channel_id, c.provider]));
  const [from, to] = shanghaiDayRange(p.bill_date);
  const type = p.bill_type ?? 'ALL';
  const query: BillQuery = { merchantId: who.merchantId, from, to, type, channelId: p.channel_id };
  // Before any row is read, so that a bill said to be final is read after its last change.
  const status = await settleBill(ctx, who, type, p.bill_date);
  return { query, providers, status };
}

export async function billPage(ctx: SandboxContext, who: Principal, p: BillParams) {
  let after: [number, string] | null = null;
  if (p.cursor) {
    after = decodeCursor(p.cursor);
    if (!after)
      throw new ApiError(400, 'invalid_value', {
        param: 'cursor',
        detail: { zh: '不是本接口给出的游标', en: 'is not a cursor this endpoint gave' },
      });
  }
  const { query, providers, status } = await prepare(ctx, who, p);
  const limit = p.limit ?? 100;
  const rows = await ctx.store.billRows(query, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    bill_date: p.bill_date,
    status,
    summary: summarize(await ctx.store.billTallies(query)),
    items: page.map((r) => billRow(r, r.channel_id ? (providers.get(r.channel_id) ?? null) : null)),
    next_cursor: rows.length > limit && last ? encodeCursor(last.sort_time, last.row_id) : null,
  };
}

/** The CSV as a stream: UTF-8 with BOM (Excel reads it), a header, the rows, the total rows. */
export async function billCsv(ctx: SandboxContext, who: Principal, p: BillParams): Promise<Readable> {
  const { query, providers } = await prepare(ctx, who, p);
  async function* rows(): AsyncGenerator<Partial<Record<keyof BillRow, string | number | null>>> {
    const tallies = new Map<string, BillTally>();
    let after: [number, string] | null = null;
    for (;;) {
      const page = await ctx.store.billRows(query, after, CSV_PAGE);
      for (const r of page) {
        tallyRow(tallies, r);
        yield billRow(r, r.channel_id ? (providers.get(r.channel_id) ?? null) : null);
      }
      if (page.length < CSV_PAGE) break;
      const last = page[page.length - 1];
      after = [last.sort_time, last.row_id];
    }
    yield* summaryCsvRows(summarize(tallies.values()));
  }
  const source = Readable.from(rows());
  const csv = stringify({ bom: true, header: true, columns: CSV_COLUMNS as string[], record_delimiter: 'windows' });
  source.on('error', (err) => csv.destroy(err)); // pipe() alone would leave the response hanging
  return source.pipe(csv);
}
