/**
 * Why a logged request failed, in the page's language: its code and sub_code, what the error
 * catalogue says of that case and what to do about it, and the row of the 错误代码 page to read.
 */
import type { ErrorCode } from '../../../contract/index.ts';
import { pick } from '../locale.ts';
import type { LogEntry } from './entry.ts';

export interface Explanation {
  /** The envelope's code: the HTTP status as text ("400"). */
  code: string;
  subCode: string | null;
  /** The catalogue's name for the code ("请求无效"), '' for a status it does not list. */
  title: string;
  /** The catalogue's words for the sub_code, its {param} filled in from the answer. */
  meaning: string;
  /** The catalogue's fix: the sub_code's own where it has one, else the code's. */
  fix: string;
  param: string | null;
  /** The sandbox's own message, in the language the request asked for. */
  message: string | null;
  /** Where the error page explains it (`/docs/errors#error-400-amount_not_integer`); null for a code it does not list. */
  link: string | null;
}

/** The id of a row of the error table (src/components/ErrorTable): one per code and one per sub_code. */
export function errorAnchor(code: string, subCode?: string | null): string {
  return subCode ? `error-${code}-${subCode}` : `error-${code}`;
}

/** The envelope's message and param, when the logged answer is one. */
function answerOf(entry: LogEntry): { message: string | null; param: string | null } {
  try {
    const json: unknown = JSON.parse(entry.response.body ?? '');
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      const { message, param } = json as Record<string, unknown>;
      return {
        message: typeof message === 'string' ? message : null,
        param: typeof param === 'string' ? param : null,
      };
    }
  } catch {
    // A body cut at 16 KB or not JSON at all: the status and sub_code still explain it.
  }
  return { message: null, param: null };
}

/** The explanation of a failed entry (status 400 and up); null for one that succeeded. */
export function explain(entry: LogEntry, catalogue: ErrorCode[], locale: string): Explanation | null {
  if (entry.status < 400) return null;
  const code = String(entry.status);
  const listed = catalogue.find((e) => e.code === code);
  const sub = listed?.sub_codes.find((s) => s.sub_code === entry.sub_code);
  const { message, param } = answerOf(entry);
  return {
    code,
    subCode: entry.sub_code,
    title: pick(listed?.title, locale),
    meaning: sub
      ? pick(sub.message, locale)
          .replaceAll('{param}', param ?? '…')
          .replaceAll('{detail}', '…')
      : '',
    fix: pick(sub?.fix ?? listed?.fix, locale),
    param,
    message,
    link: listed ? `/docs/errors#${errorAnchor(code, sub ? sub.sub_code : null)}` : null,
  };
}
