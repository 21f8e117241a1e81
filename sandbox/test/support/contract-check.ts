/**
 * Checks a live response against the contract: the operation it belongs to, a status that
 * operation declares, a media type declared for that status, and a body that validates against
 * the declared schema. Every response the HTTP tests receive goes through here. Nothing is
 * allowed "anywhere": a status the sandbox can send (simulated, negotiation, maintenance, …) must
 * be declared by each operation that can send it, as a validating proxy would demand.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Contract, Operation } from '../../../contract/index.ts';

interface PathMatcher {
  path: string;
  re: RegExp;
  params: number;
  byMethod: Map<string, Operation>;
}

/** What a request that names no operation may get: the status and the sub_code it carries. */
const NO_OPERATION: Record<string, string> = { '404': 'route_not_found', '405': 'method_not_allowed' };

export class ContractCheck {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly paths: PathMatcher[];
  private readonly errorSchema;
  /** operationId -> statuses seen, for coverage reports. */
  readonly seen = new Map<string, Set<string>>();

  constructor(contract: Contract) {
    addFormats(this.ajv);
    const byPath = new Map<string, PathMatcher>();
    for (const op of contract.operations) {
      let m = byPath.get(op.path);
      if (!m) {
        m = {
          path: op.path,
          re: new RegExp('^' + op.path.replace(/\{[^}]+\}/g, '[^/]+') + '$'),
          params: (op.path.match(/\{/g) ?? []).length,
          byMethod: new Map(),
        };
        byPath.set(op.path, m);
      }
      m.byMethod.set(op.method, op);
    }
    // OpenAPI matches concrete paths before templated ones: /v1/payments/create is that path
    // (POST only), never /v1/payments/{order_id} with an order called "create".
    this.paths = [...byPath.values()].sort((a, b) => a.params - b.params);
    this.errorSchema = this.ajv.compile(contract.document.components.schemas.ErrorResponse);
  }

  /** The operation a request names, or undefined when its path or its method has none. */
  operationFor(method: string, pathname: string): Operation | undefined {
    const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
    return this.paths.find((p) => p.re.test(pathname))?.byMethod.get(m);
  }

  /** Problems found; empty when the response keeps the contract. */
  check(method: string, pathname: string, status: number, contentType: string, body: unknown): string[] {
    const problems: string[] = [];
    const code = String(status);
    const media = contentType.split(';')[0].trim();
    // A HEAD answer has the headers of its GET and no body to check.
    const hasBody = method.toUpperCase() !== 'HEAD' && body !== '' && body !== undefined;
    const op = this.operationFor(method, pathname);
    const envelope = status >= 400 && media === 'application/json' && hasBody;
    if (envelope && !this.errorSchema(body)) {
      problems.push(
        `${method} ${pathname} ${status}: not the error envelope: ${this.ajv.errorsText(this.errorSchema.errors)}`,
      );
    }
    if (!op) {
      const subCode = NO_OPERATION[code];
      if (!subCode) {
        problems.push(`${method} ${pathname}: no operation in the contract, answered ${status}`);
      } else if (hasBody && (media !== 'application/json' || (body as { sub_code?: unknown }).sub_code !== subCode)) {
        problems.push(`${method} ${pathname} ${status}: expected ${subCode} in the error envelope`);
      }
      return problems;
    }
    if (!this.seen.has(op.operationId)) this.seen.set(op.operationId, new Set());
    this.seen.get(op.operationId)!.add(code);
    const declared = op.responses[code];
    if (!declared) {
      problems.push(`${op.operationId} answered ${status}, which it does not declare`);
      return problems;
    }
    if (hasBody && !(media in declared)) {
      problems.push(`${op.operationId} ${status}: media type ${media || '(none)'} not declared`);
    }
    const schema = declared[media];
    if (hasBody && schema && media === 'application/json') {
      const validate = this.ajv.compile(schema);
      if (!validate(body)) problems.push(`${op.operationId} ${status}: ${this.ajv.errorsText(validate.errors)}`);
    }
    return problems;
  }
}
