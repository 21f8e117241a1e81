/**
 * The console's help with pay ways, from the pay-way catalogue: what the chosen pay way still
 * needs in the form (with the contract's example values to fill in), and the credential of an
 * answer laid out field by field with where each one goes.
 */
import type { PayWayEntry } from '../../../contract/pay-ways.ts';
import type { PageOperation } from '../operation-page.ts';
import { fieldKey, type FormState } from './build-request.ts';

/** A form field the chosen pay way requires, empty in the form, and the text that fills it. */
export interface MissingField {
  name: string;
  key: string;
  fill: string;
}

/** Form values of the body fields named (pay_way, client_ip, extra) and their keys. */
function bodyField(op: PageOperation, name: string) {
  const row = op.params.find((p) => p.in === 'body' && p.name === name);
  return row ? { row, key: fieldKey(row) } : undefined;
}

/**
 * The catalogue entry of the pay way chosen in the form, and what it requires that the form
 * leaves empty; undefined when the operation has no pay_way field or none is chosen.
 */
export function chosenPayWay(
  op: PageOperation,
  form: FormState,
  catalogue: readonly PayWayEntry[],
): { entry: PayWayEntry; missing: MissingField[] } | undefined {
  const field = bodyField(op, 'pay_way');
  const entry = field && catalogue.find((w) => w.pay_way === form.values[field.key]);
  if (!entry) return undefined;
  const missing = entry.requires.flatMap((required): MissingField[] => {
    const top = bodyField(op, required.split('.')[0]);
    if (!top || form.values[top.key]?.trim()) return [];
    return [{ name: required, key: top.key, fill: top.row.example ?? '' }];
  });
  return { entry, missing };
}

export interface CredentialRow {
  field: string;
  value: string;
  /** Where the field goes, from the catalogue; absent for a field it does not map. */
  to?: string;
}

/** The credential in an answer's `data`, each field with where it goes; undefined without one. */
export function credentialRows(
  data: unknown,
  catalogue: readonly PayWayEntry[],
): { payWay: string | null; rows: CredentialRow[] } | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const { credential, pay_way } = data as { credential?: unknown; pay_way?: unknown };
  if (!credential || typeof credential !== 'object') return undefined;
  const payWay = typeof pay_way === 'string' ? pay_way : null;
  const fields = catalogue.find((w) => w.pay_way === payWay)?.fields ?? [];
  const rows = Object.entries(credential as Record<string, unknown>).map(([field, value]) => {
    const to = fields.find((f) => f.field === field)?.to;
    return { field, value: String(value), ...(to ? { to } : {}) };
  });
  return { payWay, rows };
}
