/**
 * What a copied program makes for itself on every run instead of copying it from the page: the
 * merchant's order number and the Idempotency-Key. A fixed pair pasted into a shop would replay
 * its first order for ever (a reused key answers the first order, byte for byte), and a fixed
 * order number would be refused as a duplicate. The key is derived from the order number, so
 * retrying the same order sends the same key; without an order number it is a random one.
 */
import type { Json, RequestSpec, RunValue, SampleValue } from './http-request.ts';

const ORDER_NUMBER_FIELD = 'out_trade_no';
const KEY_HEADER = 'idempotency-key';

const ORDER_NUMBER: RunValue = { name: 'outTradeNo', make: { kind: 'order-number' } };
const KEY_OF_ORDER: RunValue = {
  name: 'idempotencyKey',
  make: { kind: 'prefixed', prefix: 'create-', of: ORDER_NUMBER },
};
const RANDOM_KEY: RunValue = { name: 'idempotencyKey', make: { kind: 'random' } };

const isObject = (v: Json): v is { [key: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The spec as a copied program sends it: the same request but for the values each run makes. */
export function perRun(spec: RequestSpec): RequestSpec {
  const { body } = spec;
  const made: SampleValue = { run: ORDER_NUMBER };
  let runBody = body;
  if (body?.kind === 'json' && isObject(body.value) && ORDER_NUMBER_FIELD in body.value) {
    runBody = {
      ...body,
      set: [...(body.set ?? []).filter(([k]) => k !== ORDER_NUMBER_FIELD), [ORDER_NUMBER_FIELD, made]],
    };
  } else if (body?.kind === 'form' && body.fields.some(([k]) => k === ORDER_NUMBER_FIELD)) {
    runBody = { ...body, fields: body.fields.map(([k, v]) => [k, k === ORDER_NUMBER_FIELD ? made : v]) };
  }
  const key: SampleValue = { run: runBody === body ? RANDOM_KEY : KEY_OF_ORDER };
  const headers = spec.headers?.map(([k, v]): [string, SampleValue] => [k, k.toLowerCase() === KEY_HEADER ? key : v]);
  return { ...spec, ...(headers ? { headers } : {}), ...(runBody ? { body: runBody } : {}) };
}
