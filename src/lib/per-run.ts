/**
 * What a copied program makes for itself on every run instead of copying it from the page: the
 * merchant's own number (an order's out_trade_no, a refund's out_refund_no) and the
 * Idempotency-Key. A fixed pair pasted into a shop would replay its first order or refund for
 * ever (a reused key answers the first one, byte for byte), and a fixed number would be refused
 * as a duplicate. The key is derived from the number, so retrying the same order or refund sends
 * the same key; without a number it is a random one.
 */
import type { Json, RequestSpec, RunValue, SampleValue } from './http-request.ts';

const KEY_HEADER = 'idempotency-key';

/** The merchant numbers a body may carry, the value each run makes for one, and its key's prefix. */
const NUMBERS: { field: string; value: RunValue; keyPrefix: string }[] = [
  { field: 'out_trade_no', value: { name: 'outTradeNo', make: { kind: 'order-number' } }, keyPrefix: 'create-' },
  { field: 'out_refund_no', value: { name: 'outRefundNo', make: { kind: 'refund-number' } }, keyPrefix: 'refund-' },
];
const RANDOM_KEY: RunValue = { name: 'idempotencyKey', make: { kind: 'random' } };

const isObject = (v: Json): v is { [key: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The merchant number the body carries, if any. */
function numberOf(body: RequestSpec['body']): (typeof NUMBERS)[number] | undefined {
  return NUMBERS.find(({ field }) =>
    body?.kind === 'json'
      ? isObject(body.value) && field in body.value
      : body?.kind === 'form' && body.fields.some(([k]) => k === field),
  );
}

/** The spec as a copied program sends it: the same request but for the values each run makes. */
export function perRun(spec: RequestSpec): RequestSpec {
  const { body } = spec;
  const number = numberOf(body);
  let runBody = body;
  let key = RANDOM_KEY;
  if (number && body) {
    const { field } = number;
    const made: SampleValue = { run: number.value };
    runBody =
      body.kind === 'json'
        ? { ...body, set: [...(body.set ?? []).filter(([k]) => k !== field), [field, made]] }
        : { ...body, fields: body.fields.map(([k, v]) => [k, k === field ? made : v]) };
    key = { name: 'idempotencyKey', make: { kind: 'prefixed', prefix: number.keyPrefix, of: number.value } };
  }
  const headers = spec.headers?.map(([k, v]): [string, SampleValue] => [
    k,
    k.toLowerCase() === KEY_HEADER ? { run: key } : v,
  ]);
  return { ...spec, ...(headers ? { headers } : {}), ...(runBody ? { body: runBody } : {}) };
}
