/**
 * "Open in console": the API page of the operation a logged request called, with the console's
 * fields in the page's query string, which is how the try-it console is prefilled (start-form.ts
 * reads `?name=value` into the field of that name, as the cashier's return does with order_id).
 */
import { isMasked, type LogEntry } from './entry.ts';
import { OPERATION_PAGES } from './operation-pages.ts';

/** What the page needs to know of an operation (the contract plugin's operations.json). */
export interface OperationRef {
  id: string;
  method: string;
  path: string;
}

/** A path template as a pattern: `/v1/payments/{order_id}` matches `/v1/payments/pay_1`. */
function templatePattern(template: string): { re: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const m = /^\{([^}]+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(m[1]);
      return '([^/]+)';
    })
    .join('');
  return { re: new RegExp(`^${source}$`), names };
}

/**
 * The operation behind a method and path, with the path's parameters. A literal path wins over a
 * template that also matches it (`/v1/payments/new` is not an order called "new").
 */
export function operationOf(
  method: string,
  path: string,
  operations: OperationRef[],
): { op: OperationRef; pathParams: Record<string, string> } | null {
  const candidates = operations
    .filter((o) => o.method.toUpperCase() === method.toUpperCase())
    .map((op) => ({ op, ...templatePattern(op.path) }))
    .sort((a, b) => a.names.length - b.names.length);
  for (const { op, re, names } of candidates) {
    const m = re.exec(path);
    if (!m) continue;
    const pathParams: Record<string, string> = {};
    names.forEach((n, i) => {
      pathParams[n] = decodeURIComponent(m[i + 1]);
    });
    return { op, pathParams };
  }
  return null;
}

/** A field's value as the console's text field holds it: strings as they are, the rest as JSON. */
const fieldText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** The fields of one part of the request (query or body), secrets the log masked left out. */
function fields(part: unknown): [string, string][] {
  if (!part || typeof part !== 'object' || Array.isArray(part)) return [];
  return Object.entries(part)
    .filter(([, v]) => v !== undefined && v !== null && !isMasked(v))
    .map(([k, v]): [string, string] => [k, fieldText(v)]);
}

/**
 * The link that opens this request in its operation's console, prefilled with its path
 * parameters, query and body fields; null when no page has a console for it. A masked secret is
 * not copied: the console fills app_secret from the reader's key itself.
 */
export function consoleLink(entry: LogEntry, operations: OperationRef[]): { to: string; operationId: string } | null {
  const found = operationOf(entry.method, entry.path, operations);
  const page = found && OPERATION_PAGES[found.op.id];
  if (!found || !page) return null;
  const params = new URLSearchParams([
    ...Object.entries(found.pathParams),
    ...fields(entry.request.query),
    ...fields(entry.request.body),
  ]);
  const query = params.toString();
  return { to: query ? `${page}?${query}` : page, operationId: found.op.id };
}
