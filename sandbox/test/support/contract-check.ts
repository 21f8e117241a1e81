/**
 * Checks a live response against the contract: the operation it belongs to, a status the
 * operation declares (or one every endpoint may answer), and a body that validates against
 * the declared schema. Every response the HTTP tests receive goes through here.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Contract, Operation } from '../../../contract/index.ts';

/** Statuses any operation may answer: simulated, rate limits, maintenance, negotiation. */
const ANYWHERE = new Set(['405', '406', '418', '429', '500', '503']);

export class ContractCheck {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly matchers: { op: Operation; re: RegExp; params: number }[];
  private readonly errorSchema;
  /** operationId -> statuses seen, for coverage reports. */
  readonly seen = new Map<string, Set<string>>();

  constructor(contract: Contract) {
    addFormats(this.ajv);
    this.matchers = contract.operations
      .map((op) => ({
        op,
        re: new RegExp('^' + op.path.replace(/\{[^}]+\}/g, '[^/]+') + '$'),
        params: (op.path.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.params - b.params);
    this.errorSchema = this.ajv.compile(contract.document.components.schemas.ErrorResponse);
  }

  operationFor(method: string, pathname: string): Operation | undefined {
    const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
    return this.matchers.find((x) => x.op.method === m && x.re.test(pathname))?.op;
  }

  /** Problems found; empty when the response keeps the contract. */
  check(method: string, pathname: string, status: number, contentType: string, body: unknown): string[] {
    const problems: string[] = [];
    const code = String(status);
    const media = contentType.split(';')[0].trim();
    const op = this.operationFor(method, pathname);
    if (!op) {
      if (status !== 404 && status !== 405 && !ANYWHERE.has(code))
        problems.push(`${method} ${pathname}: not in the contract, answered ${status}`);
    } else {
      if (!this.seen.has(op.operationId)) this.seen.set(op.operationId, new Set());
      this.seen.get(op.operationId)!.add(code);
      const declared = op.responses[code];
      // A bad X-Sandbox-Simulate value is a 400 on any endpoint, since any endpoint takes the header.
      const simulateMisuse = status === 400 && (body as any)?.param === 'X-Sandbox-Simulate';
      if (!declared && !ANYWHERE.has(code) && !simulateMisuse)
        problems.push(`${op.operationId} answered ${status}, which it does not declare`);
      if (declared && status < 300 && !(media in declared))
        problems.push(`${op.operationId} ${status}: media type ${media} not declared`);
      const schema = declared?.[media];
      if (schema && media === 'application/json') {
        const validate = this.ajv.compile(schema);
        if (!validate(body)) problems.push(`${op.operationId} ${status}: ${this.ajv.errorsText(validate.errors)}`);
      }
    }
    if (status >= 400 && media === 'application/json' && !this.errorSchema(body)) {
      problems.push(
        `${method} ${pathname} ${status}: not the error envelope: ${this.ajv.errorsText(this.errorSchema.errors)}`,
      );
    }
    return problems;
  }
}
