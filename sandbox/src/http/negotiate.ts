/**
 * Content negotiation: which of the answers an operation offers the client asked for (Accept),
 * and in which of the two languages the portal speaks (Accept-Language).
 */
import Negotiator from 'negotiator';
import type { Lang } from '../errors.ts';

/** The media type to answer with, or undefined when Accept admits none we offer. */
export function negotiateMediaType(accept: string | undefined, offered: string[]): string | undefined {
  if (!accept || !accept.trim() || accept === '*/*') return offered[0];
  if (offered.includes(accept)) return accept; // the common exact match, without parsing
  return new Negotiator({ headers: { accept } }).mediaType(offered);
}

/**
 * zh is the default; anything that prefers English gets English. Of zh and en, the one the
 * client ranks higher (by q, then by order) wins; en-GB counts as en, zh-TW as zh.
 */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('en')) return 'en';
    if (tag.startsWith('zh')) return 'zh';
  }
  return 'zh';
}
