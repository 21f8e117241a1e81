/**
 * The contract: openapi/openapi.yaml and the two catalogues beside it, loaded, resolved and typed
 * once. The sandbox, the portal's build plugin, the site's libraries and every test read the
 * contract through this module; nothing else parses openapi/.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import type { ErrorCatalogueFile, ErrorCode, TestData } from './catalogues.ts';
import type { OpenApiDocument } from './document.ts';
import { buildOperations, moneyFields, type Operation } from './operations.ts';
import { resolveLocalRefs } from './refs.ts';

export type * from './catalogues.ts';
export type * from './document.ts';
export type {
  AnswerCondition,
  ConsoleBehaviour,
  ConsoleCall,
  ConsoleFollowUp,
  ConsolePrefill,
  Operation,
} from './operations.ts';
export { buildOperations, localized } from './operations.ts';
export { pointer, resolveLocalRefs } from './refs.ts';

export interface Contract {
  /** The document with every local `$ref` resolved. */
  document: OpenApiDocument;
  operations: Operation[];
  byId: Map<string, Operation>;
  errors: ErrorCode[];
  testData: TestData;
  /** Request fields that carry money in fen (marked x-unit: fen). */
  moneyFields: string[];
}

/**
 * Where the contract's files live: openapi/ at the repository's root. contract/ is CommonJS
 * scope, so every loader that reads it (tsx, Docusaurus's jiti, Playwright) compiles it to
 * CommonJS, where __dirname exists; `import.meta` would make Node treat the output as ESM.
 */
export const contractDir = resolve(__dirname, '../openapi');

/** The document as written, `$ref`s and all (what tools that resolve refs themselves want). */
export function readDocument(dir = contractDir): OpenApiDocument {
  return YAML.parse(readFileSync(join(dir, 'openapi.yaml'), 'utf8'));
}

export function loadContract(dir = contractDir): Contract {
  const read = (name: string) => YAML.parse(readFileSync(join(dir, name), 'utf8'));
  const raw = readDocument(dir);
  const document = resolveLocalRefs<OpenApiDocument>(raw);
  const operations = buildOperations(document);
  return {
    document,
    operations,
    byId: new Map(operations.map((o) => [o.operationId, o])),
    errors: (read(raw['x-catalogues'].errors) as ErrorCatalogueFile).codes,
    testData: read(raw['x-catalogues'].test_data) as TestData,
    moneyFields: moneyFields(operations),
  };
}
