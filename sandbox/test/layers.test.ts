/**
 * The sandbox's layers, checked on its import statements (type imports count: they couple too).
 * Each layer names the layers below it that it may use; a module may also use its own layer,
 * but no chain of imports may come back to where it started. README.md draws the same picture.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type Layer =
  'entry' | 'app' | 'routes' | 'http' | 'views' | 'services' | 'context' | 'store' | 'domain' | 'errors' | 'config';

/** Who may import whom, top to bottom. The contract module (../contract) is open to every layer. */
const MAY_USE: Record<Layer, Layer[]> = {
  entry: ['app', 'config', 'domain'],
  app: ['routes', 'http', 'views', 'services', 'context', 'store', 'domain', 'errors', 'config'],
  routes: ['http', 'views', 'services', 'context', 'domain', 'errors'],
  http: ['services', 'context', 'domain', 'errors'],
  // A view renders what a service returns: it knows the service's types, nothing of HTTP.
  views: ['services', 'errors'],
  services: ['context', 'store', 'domain', 'errors'],
  context: ['store', 'domain', 'errors', 'config'],
  // Storage keeps domain records; it knows no errors of the API and no services.
  store: ['domain'],
  // The domain is pure: rules and records, no HTTP, no storage, no catalogue errors.
  domain: [],
  errors: [],
  config: [],
};

function layerOf(file: string): Layer {
  const path = relative(root, file);
  if (path === 'server.ts' || path === 'index.ts') return 'entry';
  if (path === 'src/app.ts') return 'app';
  if (path === 'src/context.ts') return 'context';
  if (path === 'src/errors.ts') return 'errors';
  if (path === 'src/config.ts') return 'config';
  const folder = path.split('/')[1] as Layer;
  if (path.startsWith('src/') && folder in MAY_USE) return folder;
  throw new Error(`${path} belongs to no layer: add its folder to MAY_USE in layers.test.ts`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The sandbox files a module imports (static, dynamic and type imports alike). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specifiers.map((s) => resolve(dirname(file), s)).filter((target) => !relative(root, target).startsWith('..'));
}

const files = [join(root, 'server.ts'), join(root, 'index.ts'), ...sourceFiles(join(root, 'src'))];
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const name = (f: string) => relative(root, f);

describe('layers', () => {
  test('every import goes to the same layer or one the importing layer may use', () => {
    const violations: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      for (const target of targets) {
        const to = layerOf(target);
        if (to !== from && !MAY_USE[from].includes(to))
          violations.push(`${name(file)} (${from}) → ${name(target)} (${to})`);
      }
    }
    assert.deepEqual(violations, []);
  });

  test('no import cycles', () => {
    const done = new Set<string>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      const at = path.indexOf(file);
      if (at >= 0) {
        cycles.push([...path.slice(at), file].map(name).join(' → '));
        return;
      }
      if (done.has(file)) return;
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      done.add(file);
    };
    for (const file of files) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  test('the check sees the whole tree', () => {
    // Guards the regex above: if it stopped matching, every other test here would pass vacuously.
    assert.ok(files.length > 40, `${files.length} files`);
    assert.ok([...graph.values()].flat().length > 100, 'imports found');
    assert.ok(graph.get(join(root, 'src/app.ts'))?.includes(join(root, 'src/routes/cashier.ts')));
  });
});
