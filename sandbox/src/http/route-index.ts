/**
 * What the contract's paths tell the router's fallbacks: which literal paths exist (so a
 * parameterised route does not swallow them) and which methods a known path takes (405 vs 404).
 */
import type { Operation } from '../../../contract/index.ts';

/**
 * Paths without parameters and their methods. GET /v1/payments/create would otherwise reach
 * GET /v1/payments/{order_id} and answer 404 for an order called "create", where the truth is 405.
 */
export function literalPaths(ops: Operation[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const op of ops.filter((o) => !o.path.includes('{'))) {
    const methods = map.get(op.path) ?? [];
    methods.push(op.method, ...(op.method === 'GET' ? ['HEAD'] : []));
    map.set(op.path, methods);
  }
  return map;
}

/** Route patterns and their methods, to tell 405 (known path) from 404. */
export function methodIndex(ops: Operation[]) {
  const byPath = new Map<string, { re: RegExp; methods: Set<string> }>();
  for (const op of ops) {
    let entry = byPath.get(op.path);
    if (!entry) {
      const re = new RegExp(
        '^' + op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+') + '/?$',
      );
      entry = { re, methods: new Set() };
      byPath.set(op.path, entry);
    }
    entry.methods.add(op.method);
    if (op.method === 'GET') entry.methods.add('HEAD');
  }
  return (path: string) => [...byPath.entries()].find(([, e]) => e.re.test(path));
}
