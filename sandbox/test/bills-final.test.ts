/**
 * A final bill never changes, over real HTTP with the clock in the test's hand: the bill of day D
 * is provisional until D+2 00:00:03 (the end of D, plus the contract's longest time_expire of
 * 86,400 s, plus the magic amounts' 3 s delay), final from then on, and byte for byte the same
 * however much happens on later days. Then the same promise, and every summary equation, over
 * random sequences of orders and partial refunds around midnight (a REFUND bill waits only for
 * the refunds: final from D+1 00:00:02).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { largestMaximum, unfinishedHorizonMs } from '../src/domain/bill-finality.ts';
import { readBill, type BillItem, type BillRead } from './support/bills.ts';
import { contract, manualClock, startSandbox, type Client, type RunningSandbox } from './support/sandbox.ts';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;
/** What the 清算 page promises: the longest time_expire (86,400 s) and the longest magic delay (3 s). */
const HORIZON = DAY + 3 * SECOND;
/** A refund succeeds or fails within test-data.yaml's refund_delay_seconds (2 s). */
const REFUND_HORIZON = 2 * SECOND;

const clock = manualClock(Date.parse('2026-11-20T23:00:00+08:00'));
let sb: RunningSandbox;
const c = (): Client => sb.client;

before(async () => {
  sb = await startSandbox({ now: clock.now });
});
after(() => sb.close());

/** Moves the clock forward to an instant (never back: nothing real goes back in time). */
function moveTo(instant: number): void {
  assert.ok(instant >= clock.now(), `the clock only moves forward (to ${new Date(instant).toISOString()})`);
  clock.advance(instant - clock.now());
}

const shanghai = (day: string, time = '00:00:00') => Date.parse(`${day}T${time}+08:00`);
const dayAfter = (day: string, n = 1) => new Date(shanghai(day) + 8 * HOUR + n * DAY).toISOString().slice(0, 10);

/** A sandbox merchant whose token is renewed once the clock has moved past half its life. */
async function merchant() {
  const m = await c().newMerchant();
  let token = m.token;
  let issued = clock.now();
  return {
    ...m,
    async token(): Promise<string> {
      if (clock.now() - issued > HOUR) {
        const res = await c().post<'getToken'>('/v1/oauth/token', {
          form: { grant_type: 'client_credentials', app_id: m.app_id, app_secret: m.app_secret },
        });
        assert.equal(res.status, 200, res.text);
        token = res.body.data.access_token;
        issued = clock.now();
      }
      return token;
    },
  };
}
type Merchant = Awaited<ReturnType<typeof merchant>>;

async function create(m: Merchant, amount: number, timeExpire: number) {
  const res = await c().post<'createPayment'>('/v1/payments/create', {
    token: await m.token(),
    json: { product_id: 'b', product_name: '账单', amount, pay_way: 'alipay_qr', time_expire: timeExpire },
  });
  assert.equal(res.status, 200, res.text);
  return res.body.data;
}

/** Pays, fails or closes an order; an order already final answers 400 invalid_state_transition. */
async function finish(m: Merchant, orderId: string, result: 'paid' | 'failed' | 'closed') {
  const token = await m.token();
  const res =
    result === 'closed'
      ? await c().post(`/v1/payments/${orderId}/close`, { token })
      : await c().post(`/v1/sandbox/payments/${orderId}/simulate`, { token, json: { result } });
  if (res.status !== 200) assert.equal(res.body.sub_code, 'invalid_state_transition', res.text);
  return res.status;
}

/**
 * Refunds `quarters` quarters of what is left of the first paid order from `pick` on (at least a
 * fen); one whose rest is already asked for answers 400 refund_exceeds_paid and nothing is made.
 */
async function refundPart(m: Merchant, orders: string[], pick: number, quarters: number, made: string[]) {
  const token = await m.token();
  for (let k = 0; k < orders.length; k++) {
    const orderId = orders[(pick + k) % orders.length];
    const p = (await c().get<'getPayment'>(`/v1/payments/${orderId}`, { token })).body.data;
    if (p.status !== 'paid' || p.refunded) continue;
    const left = p.amount - p.amount_refunded;
    const res = await c().post<'createRefund'>(`/v1/payments/${orderId}/refunds`, {
      token,
      json: { amount: Math.max(1, Math.ceil((left * quarters) / 4)), out_refund_no: `P${orderId}${made.length}` },
    });
    if (res.status === 200) made.push(res.body.data.refund_id);
    else assert.equal(res.body.sub_code, 'refund_exceeds_paid', res.text);
    return;
  }
}

/** Forces a refund's result; one already settled answers 400 refund_not_pending. */
async function forceRefund(m: Merchant, refundId: string, result: 'succeeded' | 'failed') {
  const res = await c().post(`/v1/sandbox/refunds/${refundId}/simulate`, { token: await m.token(), json: { result } });
  if (res.status !== 200) assert.equal(res.body.sub_code, 'refund_not_pending', res.text);
}

/** The parts of two reads of one bill that must be byte for byte the same. */
function assertSameBill(later: BillRead, first: BillRead, what: string): void {
  assert.deepEqual(later.pages, first.pages, `${what}: JSON pages`);
  assert.ok(later.csv.equals(first.csv), `${what}: CSV bytes`);
}

describe("the horizon the page promises is the contract's", () => {
  test('longest time_expire plus longest magic delay is 86,403 s; a larger maximum anywhere in a schema counts', () => {
    const create = contract.byId.get('createPayment')?.bodySchema;
    const maxExpire = largestMaximum(create, 'time_expire');
    assert.equal(maxExpire, 86400);
    assert.equal(unfinishedHorizonMs(maxExpire, contract.testData.magic_amounts), HORIZON);
    const branchy = {
      properties: { time_expire: { maximum: 60 } },
      oneOf: [
        { properties: { time_expire: { maximum: 600 } } },
        { then: { properties: { time_expire: { maximum: 7200 } } } },
      ],
    };
    assert.equal(largestMaximum(branchy, 'time_expire'), 7200);
    assert.equal(largestMaximum(branchy, 'amount'), undefined);
  });
});

describe('a final bill never changes', () => {
  const D = '2026-11-20';
  const D1 = dayAfter(D);
  let m: Merchant;
  const ids: Record<string, string> = {};
  const bill = async (day: string, type: 'ALL' | 'SUCCESS', extra = '') =>
    readBill(c(), await m.token(), `bill_date=${day}&bill_type=${type}${extra}`, 2);

  test('provisional on its day and the next, with orders created before midnight moving after it', async () => {
    m = await merchant();
    const plan: [string, string, number, number, 'paid' | 'failed' | 'closed' | null][] = [
      ['open', '23:00:00', 100, 86400, null], // still open when D ends; expires D+1 23:00
      ['paid', '23:10:00', 250, 600, 'paid'],
      ['failed', '23:20:00', 1000, 600, 'failed'],
      ['closed', '23:30:00', 1234, 600, 'closed'],
      ['expires', '23:59:00', 300, 60, null], // expires at midnight
      ['paidLate', '23:59:30', 777, 86400, null], // paid at D+1 00:00:30
      ['auto', '23:59:58', 2001, 600, null], // due to pay itself at D+1 00:00:01
    ];
    for (const [name, time, amount, expire, result] of plan) {
      moveTo(shanghai(D, time));
      ids[name] = (await create(m, amount, expire)).order_id;
      if (result) await finish(m, ids[name], result);
    }
    moveTo(shanghai(D, '23:59:59'));
    const all = await bill(D, 'ALL');
    assert.equal(all.status, 'provisional');
    assert.equal(all.items.length, plan.length);
    assert.deepEqual(
      (await bill(D, 'SUCCESS')).items.map((i) => [i.order_id, i.fee]),
      [[ids.paid, 2]],
      '250 × 0.6% = 1.5 → 2',
    );

    moveTo(shanghai(D1, '00:00:30'));
    assert.equal(await finish(m, ids.paidLate, 'paid'), 200);
    const status = new Map((await bill(D, 'ALL')).items.map((i) => [i.order_id, i.status]));
    assert.deepEqual(
      [ids.expires, ids.paidLate, ids.auto, ids.open].map((id) => status.get(id)),
      ['closed', 'paid', 'paid', 'created'],
      'the read applied what time did: expiry at midnight, the magic amount at 00:00:01',
    );
    // Paid after midnight: a row of D's ALL bill (created on D) and of D+1's SUCCESS bill (paid on D+1).
    assert.deepEqual(
      (await bill(D, 'SUCCESS')).items.map((i) => i.order_id),
      [ids.paid],
    );
    const success1 = await bill(D1, 'SUCCESS');
    assert.deepEqual(success1.items.map((i) => i.order_id).sort(), [ids.paidLate, ids.auto].sort());
    assert.ok(success1.items.every((i) => i.paid_at?.startsWith(D1)));

    moveTo(shanghai(D1, '00:05:00'));
    ids.nextDay = (await create(m, 500, 86400)).order_id; // created on D+1, paid on D+2
    moveTo(shanghai(D1, '23:30:00'));
    assert.equal(
      (await bill(D, 'ALL')).status,
      'provisional',
      'the next evening, every order of D final, but before D+2 00:00:03',
    );
  });

  const firstFinal: Record<string, BillRead> = {};
  const reads = [
    ['ALL', ''],
    ['SUCCESS', ''],
    ['ALL', 'channel'],
  ] as const;
  const channelFilter = () => `&channel_id=${m.channels.find((x) => x.provider === 'mock_alipay')?.channel_id}`;

  test('final from D+2 00:00:03, not a second before; every order of D has reached a final state', async () => {
    moveTo(shanghai(D1) + HORIZON - SECOND);
    for (const [type, filter] of reads) {
      const early = await bill(D, type, filter ? channelFilter() : '');
      assert.equal(early.status, 'provisional', `${type}${filter} one second early`);
    }
    moveTo(shanghai(D1) + HORIZON);
    for (const [type, filter] of reads) {
      firstFinal[type + filter] = await bill(D, type, filter ? channelFilter() : '');
      assert.equal(firstFinal[type + filter].status, 'final', `${type}${filter}`);
    }
    const status = new Map(firstFinal.ALL.items.map((i) => [i.order_id, i.status]));
    assert.deepEqual(
      ['open', 'paid', 'failed', 'closed', 'expires', 'paidLate', 'auto'].map((k) => status.get(ids[k])),
      ['closed', 'paid', 'failed', 'closed', 'closed', 'paid', 'paid'],
    );
    assert.deepEqual(firstFinal.ALLchannel.items, firstFinal.ALL.items, 'every order went to the alipay channel');
    assert.equal((await bill(D1, 'ALL')).status, 'provisional', 'D+1 is not final yet');
  });

  test('activity on later days (paid, closed, expired, refused moves) leaves a final bill byte for byte the same', async () => {
    assert.equal(await finish(m, ids.nextDay, 'paid'), 200, 'created on D+1, paid on D+2');
    assert.equal(await finish(m, ids.open, 'paid'), 400, 'an expired order of D cannot be paid');
    assert.equal(await finish(m, ids.paidLate, 'closed'), 400);
    const later = await create(m, 4001, 600);
    await finish(m, later.order_id, 'paid'); // declines: failed
    await create(m, 2002, 600); // fails by itself
    await create(m, 100, 60); // expires
    moveTo(clock.now() + 3 * DAY);
    for (const [type, filter] of reads) {
      assertSameBill(await bill(D, type, filter ? channelFilter() : ''), firstFinal[type + filter], `${type}${filter}`);
    }
    const d1 = await bill(D1, 'ALL');
    assert.equal(d1.status, 'final');
    await create(m, 2001, 600);
    moveTo(clock.now() + DAY);
    assertSameBill(await bill(D1, 'ALL'), d1, 'D+1');
  });
});

type BillType = 'ALL' | 'SUCCESS' | 'REFUND';
const TYPES: BillType[] = ['ALL', 'SUCCESS', 'REFUND'];

type Op =
  | { kind: 'create'; amount: number; expire: number }
  | { kind: 'paid' | 'failed' | 'closed'; pick: number }
  | { kind: 'refund'; pick: number; quarters: number }
  | { kind: 'refundResult'; result: 'succeeded' | 'failed' }
  | { kind: 'advance'; ms: number }
  | { kind: 'read'; day: 0 | 1; type: BillType };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      // normal, fee rounding, pays itself, fails itself, declines every payment
      amount: fc.constantFrom(100, 250, 250, 2001, 2002, 4001),
      expire: fc.constantFrom(60, 600, 86400, 86400),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom('paid' as const, 'paid' as const, 'failed' as const, 'closed' as const),
      pick: fc.nat(),
    }),
  },
  {
    weight: 5,
    // A quarter to all of what the order has left; a paid order is the one refundable kind.
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      pick: fc.nat(),
      quarters: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 1,
    // Forces the newest refund's result before its 2 s are up, as the channel would.
    arbitrary: fc.record({
      kind: fc.constant('refundResult' as const),
      result: fc.constantFrom('succeeded' as const, 'failed' as const),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      // Mostly seconds to minutes (orders made before midnight and moved after it), now and then hours.
      ms: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: SECOND, max: 10 * 60 * SECOND }) },
        { weight: 1, arbitrary: fc.integer({ min: HOUR, max: 30 * HOUR }) },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('read' as const),
      day: fc.constantFrom(0 as const, 1 as const),
      type: fc.constantFrom(...TYPES),
    }),
  },
);

describe('random sequences around midnight', () => {
  const seed = Number(process.env.BILLS_PROPERTY_SEED ?? 20261128);
  const RUNS = 30;
  /** Each sequence starts on a day of its own, spaced wider than the longest a sequence runs. */
  const firstDay = '2027-01-01';
  let run = 0;
  /** Refund rows the final bills held, over all sequences: the property must have met refunds to say anything of them. */
  let refundRowsSeen = 0;

  test(`${RUNS} seeded sequences of orders and refunds: a final bill reads the same at the end; the equations hold on every read`, async () => {
    const property = fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 40, size: 'max' }), async (ops) => {
      const D = dayAfter(firstDay, 10 * run++);
      const days = [D, dayAfter(D)] as const;
      moveTo(shanghai(D, '23:50:00'));
      const start = clock.now();
      const m = await merchant();
      const orders: string[] = [];
      const refunds: string[] = [];
      const finals = new Map<string, BillRead>();

      const read = async (day: string, type: BillType) => {
        const key = `${day} ${type}`;
        const bill = await readBill(c(), await m.token(), `bill_date=${day}&bill_type=${type}`);
        const due = clock.now() >= shanghai(dayAfter(day)) + (type === 'REFUND' ? REFUND_HORIZON : HORIZON);
        assert.equal(bill.status, due ? 'final' : 'provisional', `${key} at ${new Date(clock.now()).toISOString()}`);
        const first = finals.get(key);
        if (first) assertSameBill(bill, first, key);
        else if (bill.status === 'final') finals.set(key, bill);
        return bill;
      };

      for (const o of ops) {
        if (o.kind === 'create') orders.push((await create(m, o.amount, o.expire)).order_id);
        else if (o.kind === 'advance') {
          // Three days at most: the next sequence starts ten days on.
          if (clock.now() + o.ms - start < 3 * DAY) clock.advance(o.ms);
        } else if (o.kind === 'read') {
          if (clock.now() >= shanghai(days[o.day])) await read(days[o.day], o.type); // a future day is a 400
        } else if (o.kind === 'refund') {
          await refundPart(m, orders, o.pick, o.quarters, refunds);
        } else if (o.kind === 'refundResult') {
          if (refunds.length) await forceRefund(m, refunds[refunds.length - 1], o.result);
        } else if (orders.length) {
          // One of the three newest orders, so that a move often meets an order still open.
          await finish(m, orders[orders.length - 1 - (o.pick % Math.min(3, orders.length))], o.kind);
        }
      }

      // Past the point where both days are final: read them, then keep trading and read again.
      moveTo(Math.max(clock.now(), shanghai(dayAfter(days[1])) + HORIZON));
      for (const day of days) for (const type of TYPES) await read(day, type);
      for (const id of orders.slice(0, 3)) await finish(m, id, 'paid');
      for (const pick of [0, 1, 2]) await refundPart(m, orders, pick, 4, refunds); // the days' orders refunded later
      await finish(m, (await create(m, 250, 600)).order_id, 'paid');
      clock.advance(DAY);
      const bills = new Map<string, BillRead>();
      for (const day of days) for (const type of TYPES) bills.set(`${day} ${type}`, await read(day, type));

      // The final bills hold what the orders say, every row final: ALL by creation day, SUCCESS by payment day.
      const token = await m.token();
      for (const id of orders) {
        const p = (await c().get<'getPayment'>(`/v1/payments/${id}`, { token })).body.data;
        const view = (i: BillItem | undefined) => i && [i.status, i.amount, i.fee, i.paid_at];
        const expected = [p.status, p.amount, p.fee ?? 0, p.paid_at];
        for (const day of days) {
          const payment = (i: BillItem) => i.type === 'payment' && i.order_id === id;
          const inAll = bills.get(`${day} ALL`)?.items.find(payment);
          const inSuccess = bills.get(`${day} SUCCESS`)?.items.find(payment);
          assert.deepEqual(view(inAll), p.created_at.startsWith(day) ? expected : undefined, `${id}: ALL of ${day}`);
          assert.deepEqual(
            view(inSuccess),
            p.paid_at?.startsWith(day) ? expected : undefined,
            `${id}: SUCCESS of ${day}`,
          );
        }
      }
      // A refund is a row of REFUND and ALL of the day it succeeded, and of no other; one that failed, of none.
      for (const id of refunds) {
        const r = (await c().get<'getRefund'>(`/v1/refunds/${id}`, { token })).body.data;
        const view = (i: BillItem | undefined) => i && [i.order_id, i.status, i.amount, i.fee, i.refunded_at];
        const expected = [r.order_id, r.status, 0 - r.amount, 0 - r.fee_refunded, r.succeeded_at]; // 0, not −0, as JSON has it
        for (const day of days)
          for (const type of ['ALL', 'REFUND'] as const) {
            const row = bills.get(`${day} ${type}`)?.items.find((i) => i.refund_id === id);
            const on = r.status === 'succeeded' && r.succeeded_at?.startsWith(day);
            assert.deepEqual(view(row), on ? expected : undefined, `${id}: ${type} of ${day}`);
          }
      }
      for (const day of days) refundRowsSeen += bills.get(`${day} REFUND`)?.items.length ?? 0;
      const ours = new Set([...orders, ...refunds]);
      for (const [key, bill] of bills) {
        assert.ok(
          bill.items.every((i) => ours.has(i.order_id) && (i.refund_id === null || ours.has(i.refund_id))),
          `${key} holds only orders and refunds of this sequence's two days`,
        );
      }
    });
    try {
      await fc.assert(property, { seed, numRuns: RUNS, endOnFailure: true });
    } catch (err) {
      // fast-check's message names the seed and the sequence; its cause is the assertion that failed.
      const cause = err instanceof Error && err.cause instanceof Error ? `\n${err.cause.message}` : '';
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(`bill property failed; rerun with BILLS_PROPERTY_SEED=${seed}\n${message}${cause}`, {
        cause: err,
      });
    }
    assert.ok(refundRowsSeen >= 10, `only ${refundRowsSeen} refund rows met in ${RUNS} sequences`);
  });
});
