/**
 * Bill CSV benchmark: a day of 10k and a day of 100k paid orders, streamed as CSV by the real
 * server. Figures: rows per second, and the server's resident memory while it streams (sampled
 * from /proc every 10 ms), which must stay flat as the day grows tenfold.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { feeFor, shanghaiDayRange } from '../sandbox/index.ts';

export interface BillFigure {
  orders: number;
  rows: number;
  seconds: number;
  rows_per_s: number;
  rss_before_mb: number;
  rss_peak_mb: number;
  /** VmRSS at the end, file-backed pages (the mapped database) included. */
  vmrss_after_mb: number;
  bytes: number;
}

/**
 * Anonymous resident memory (heap, buffers) of a process. File-backed pages are left out on
 * purpose: SQLite maps the database file, and reading a big day maps more of it, which is page
 * cache the kernel can drop, not memory the server holds.
 */
function rssMb(pid: number, field = 'RssAnon'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return line ? Number(line.split(/\s+/)[1]) / 1024 : 0;
}

/** Writes `count` paid orders on `day` straight into the (stopped) sandbox's database. */
export function seedPaidOrders(
  dbFile: string,
  merchantId: string,
  appId: string,
  channelId: string,
  feeBps: number,
  day: string,
  count: number,
): void {
  const db = new Database(dbFile);
  const [start] = shanghaiDayRange(day);
  const step = Math.floor((24 * 3600 * 1000) / count);
  const insert = db.prepare(
    `INSERT INTO payments (order_id, merchant_id, app_id, out_trade_no, product_id, product_name, amount, currency, pay_way, channel_id, status,
       client_secret, created_at, updated_at, expires_at, paid_at, fee)
     VALUES (?, ?, ?, ?, 'sku', '基准商品', ?, 'cny', 'alipay_app', ?, 'paid', 's', ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const t = start + i * step;
      const amount = 100 + ((i * 7919) % 100_000);
      insert.run(
        `pay_${day.replaceAll('-', '')}${i.toString(16).padStart(12, '0')}`,
        merchantId,
        appId,
        `B${day}-${i}`,
        amount,
        channelId,
        t,
        t,
        t + 1800_000,
        t,
        feeFor(amount, feeBps),
      );
    }
  })();
  db.close();
}

/** Downloads the CSV, counting rows as they arrive, while sampling the server's memory. */
export async function measureCsv(
  base: string,
  token: string,
  day: string,
  orders: number,
  serverPid: number,
): Promise<BillFigure> {
  const before = rssMb(serverPid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(serverPid));
  }, 10);
  const started = performance.now();
  const res = await fetch(`${base}/v1/bills?bill_date=${day}&bill_type=SUCCESS&format=csv`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`bill ${day}: HTTP ${res.status} ${await res.text()}`);
  let newlines = 0;
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) newlines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rssMb(serverPid));
  const rows = newlines - 5; // the header, and the four total rows (payments, refunds, net, total)
  if (rows !== orders) throw new Error(`bill ${day}: ${rows} rows, expected ${orders}`);
  return {
    orders,
    rows,
    seconds: Number(seconds.toFixed(3)),
    rows_per_s: Math.round(rows / seconds),
    rss_before_mb: Number(before.toFixed(1)),
    rss_peak_mb: Number(peak.toFixed(1)),
    vmrss_after_mb: Number(rssMb(serverPid, 'VmRSS').toFixed(1)),
    bytes,
  };
}
