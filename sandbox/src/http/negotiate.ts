import Negotiator from 'negotiator';

/** The media type to answer with, or undefined when Accept admits none we offer. */
export function negotiateMediaType(accept: string | undefined, offered: string[]): string | undefined {
  if (!accept || !accept.trim() || accept === '*/*') return offered[0];
  if (offered.includes(accept)) return accept; // the common exact match, without parsing
  return new Negotiator({ headers: { accept } }).mediaType(offered);
}
