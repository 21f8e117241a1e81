import type { L } from './operation-page.ts';

/** The text of a {zh, en} pair for a Docusaurus locale ("zh-Hans" or "en"). */
export function pick(text: L | undefined, locale: string): string {
  if (!text) return '';
  return locale.startsWith('en') ? text.en || text.zh : text.zh || text.en;
}
