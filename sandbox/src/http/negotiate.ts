import Negotiator from 'negotiator';

/** The media type to answer with, or undefined when Accept admits none we offer. */
export function negotiateMediaType(accept: string | undefined, offered: string[]): string | undefined {
  if (!accept || !accept.trim()) return offered[0];
  return new Negotiator({ headers: { accept } }).mediaType(offered);
}
