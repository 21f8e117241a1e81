/**
 * The console's form when it first appears and when the stored key changes: the contract's
 * examples, values from the page's URL, a fresh order or refund number and idempotency key for this visit,
 * and what the operation's `x-console` fills in.
 */
import type { PageOperation } from '../operation-page.ts';
import { fieldKey, initialForm, type FormState } from './build-request.ts';
import type { SandboxKey } from './keys.ts';

export interface Visit {
  /** The page's query string: `?order_id=…` fills order_id. */
  search: string;
  /** The site's absolute root, origin and baseUrl, e.g. `http://127.0.0.1:3000/`. */
  siteRoot: string;
  key: SandboxKey | null | undefined;
  /** Milliseconds since the epoch, for the order number. */
  now: number;
  uuid: () => string;
}

/** The form key of a field `x-console` names (a body, query or path field). */
function keyOf(op: PageOperation, field: string): string | undefined {
  const row = op.params.find((p) => p.name === field && p.in !== 'header');
  return row && fieldKey(row);
}

export function startForm(op: PageOperation, visit: Visit): FormState {
  const fromUrl = Object.fromEntries(new URLSearchParams(visit.search));
  const form = initialForm(op, fromUrl);
  // A fresh merchant order or refund number and idempotency key for this visit: the contract's
  // fixed examples would collide with the reader's own earlier orders and refunds.
  for (const [field, letter] of [
    ['out_trade_no', 'M'],
    ['out_refund_no', 'R'],
  ])
    if (form.values[`body:${field}`] !== undefined && !fromUrl[field])
      form.values[`body:${field}`] = `${letter}${visit.now}`;
  if (form.idempotencyKey) form.idempotencyKey = visit.uuid();
  for (const p of op.console?.prefill ?? []) {
    const k = keyOf(op, p.field);
    if ('page' in p && k && !fromUrl[p.field]) form.values[k] = visit.siteRoot + p.page.replace(/^\//, '');
  }
  return withKey(op, form, visit.key);
}

/** The fields `x-console` fills from the stored key, filled from this key (unchanged without one). */
export function withKey(op: PageOperation, form: FormState, key: SandboxKey | null | undefined): FormState {
  if (!key) return form;
  const values = { ...form.values };
  for (const p of op.console?.prefill ?? []) {
    const k = keyOf(op, p.field);
    if ('key' in p && k) values[k] = key[p.key];
  }
  return { ...form, values };
}
