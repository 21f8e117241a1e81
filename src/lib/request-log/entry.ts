/**
 * One entry of the sandbox's request log (GET /v1/sandbox/logs) as the 请求日志 page reads it:
 * the contract's entry, but for `request.query`, which the contract types as an object without
 * saying of what; here it is what the sandbox keeps: the query's names and their values as sent.
 */
import type { SuccessData } from '../../../contract/api.ts';

type ContractEntry = SuccessData<'listRequestLogs'>['items'][number];

export type LogEntry = Omit<ContractEntry, 'request'> & {
  request: Omit<ContractEntry['request'], 'query'> & { query: Record<string, unknown> };
};

export interface LogPage {
  items: LogEntry[];
  next_cursor: string | null;
}

export const LOG_PATH = '/v1/sandbox/logs';

/** A header of the logged request, whatever case it was sent in (the sandbox keeps Node's lower case). */
export function headerOf(entry: LogEntry, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(entry.request.headers).find(([k]) => k.toLowerCase() === wanted)?.[1];
}

/** What the log shows of a secret (`tok_A1b2…x9Z0`, `••••`): a value no request can be sent with again. */
export function isMasked(value: unknown): boolean {
  return typeof value === 'string' && /…|••••/.test(value);
}
