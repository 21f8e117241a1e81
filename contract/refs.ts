/**
 * Local `$ref` resolution. OpenAPI 3.1 allows `description` beside `$ref`, and the docs show
 * those descriptions, so siblings are kept (generic dereferencers drop them).
 */

/** Follows a JSON pointer such as `#/components/schemas/Payment` inside `doc`. */
export function pointer(doc: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((at, key) => (at == null ? undefined : (at as Record<string, unknown>)[key]), doc);
}

/** Replaces every local `$ref` by what it points to, keeping sibling keys over the target's. */
export function resolveLocalRefs<T = unknown>(doc: unknown, node: unknown = doc, seen: string[] = []): T {
  if (Array.isArray(node)) return node.map((n) => resolveLocalRefs(doc, n, seen)) as T;
  if (!node || typeof node !== 'object') return node as T;
  const obj = node as Record<string, unknown>;
  if (typeof obj.$ref === 'string' && obj.$ref.startsWith('#/')) {
    const ref = obj.$ref;
    if (seen.includes(ref)) throw new Error(`circular $ref ${ref}`);
    const target = pointer(doc, ref);
    if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
    const { $ref: _ignored, ...siblings } = obj;
    return {
      ...resolveLocalRefs<object>(doc, target, [...seen, ref]),
      ...resolveLocalRefs<object>(doc, siblings, seen),
    } as T;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = resolveLocalRefs(doc, v, seen);
  return out as T;
}
