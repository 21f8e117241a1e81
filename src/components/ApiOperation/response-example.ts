/**
 * The response example in the page's language. The contract's example carries the Chinese success
 * message, but the sandbox takes `message` from the error catalogue's 0000 title in the request's
 * language, so an English reader would otherwise see an answer the English sandbox never sends.
 */
import type { L } from '@site/src/lib/operation-page.ts';
import type { Json } from '@site/src/lib/http-request.ts';
import { pick } from '@site/src/lib/locale.ts';

/** The example with the 0000 envelope's message in `locale`; anything else as it is. */
export function inLocale(example: Json, success: L, locale: string): Json {
  if (!example || typeof example !== 'object' || Array.isArray(example) || example.code !== '0000') return example;
  return { ...example, message: pick(success, locale) };
}
