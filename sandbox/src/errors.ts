/**
 * The error envelope. Every error the sandbox answers is an ApiError whose status and message
 * come from the error catalogue (openapi/errors.yaml), so the docs' table and the API agree.
 */
import type { ErrorCode, Localized } from '../../contract/index.ts';

export type Lang = 'zh' | 'en';
export type Detail = string | Localized;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly subCode: string,
    readonly options: { param?: string; detail?: Detail; headers?: Record<string, string> } = {},
  ) {
    super(`${status} ${subCode}`);
  }
}

interface ErrorBody {
  code: string;
  message: string;
  sub_code: string;
  param?: string;
  request_id: string;
}

export class ErrorCatalogue {
  private readonly messages = new Map<string, Localized>();
  private readonly titles = new Map<string, Localized>();

  constructor(codes: ErrorCode[]) {
    for (const c of codes) {
      this.titles.set(c.code, c.title);
      for (const s of c.sub_codes) this.messages.set(`${c.http_status}:${s.sub_code}`, s.message);
    }
  }

  title(code: string, lang: Lang): string {
    return this.titles.get(code)?.[lang] ?? code;
  }

  /** Builds the body; an error missing from the catalogue is a programming fault, so it throws. */
  body(err: ApiError, lang: Lang, requestId: string): ErrorBody {
    const template = this.messages.get(`${err.status}:${err.subCode}`);
    if (!template) throw new Error(`error ${err.status}/${err.subCode} is not in openapi/errors.yaml`);
    const detail = err.options.detail;
    const detailText = typeof detail === 'string' ? detail : (detail?.[lang] ?? '');
    const message = template[lang].replaceAll('{param}', err.options.param ?? '').replaceAll('{detail}', detailText);
    const body: ErrorBody = { code: String(err.status), message, sub_code: err.subCode, request_id: requestId };
    if (err.options.param) body.param = err.options.param;
    return body;
  }
}
