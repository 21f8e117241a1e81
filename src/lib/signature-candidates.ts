/**
 * The usual ways a webhook body or secret gets changed between the sandbox and the code that
 * checks it, each undone as a candidate the debugger signs again: only a candidate whose HMAC
 * equals a v1 of the header names the cause for certain.
 */
export type BodyFix =
  | 'strip_trailing_newline'
  | 'strip_bom'
  | 'compact_json'
  | 'event_key_order'
  | 'body_latin1'
  | 'body_utf16le'
  | 'body_utf16be';
export type SecretFix = 'trim_secret' | 'unquote_secret';
export type Fix = BodyFix | SecretFix;

export interface BodyCandidate {
  fixes: BodyFix[];
  bytes: Uint8Array;
}
export interface SecretCandidate {
  fixes: SecretFix[];
  secret: string;
}

/** How the sandbox writes an event: JSON.stringify({ id, type, created, data }), no spaces, UTF-8. */
const EVENT_KEYS = ['id', 'type', 'created', 'data'];

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The text with the line breaks at its end removed: what an editor or a logger may have added. */
export const withoutTrailingBreaks = (text: string) => text.replace(/[\r\n]+$/, '');

export function parseJson(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The event with its top-level keys in the sandbox's order, when its keys are the event's own. */
function inEventOrder(value: unknown): Record<string, unknown> | null {
  if (!isRecord(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== EVENT_KEYS.length || !EVENT_KEYS.every((k) => k in value)) return null;
  if (keys.every((k, i) => k === EVENT_KEYS[i])) return null;
  return Object.fromEntries(EVENT_KEYS.map((k) => [k, value[k]]));
}

/** Each character's code unit taken as bytes: undoes text decoded from UTF-8 bytes the wrong way. */
function codeUnitBytes(text: string, width: 1 | 2, littleEndian = true): Uint8Array {
  const out = new Uint8Array(text.length * width);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (width === 1) out[i] = c;
    else {
      out[2 * i] = littleEndian ? c & 0xff : c >> 8;
      out[2 * i + 1] = littleEndian ? c >> 8 : c & 0xff;
    }
  }
  return out;
}

export function bodyCandidates(body: string): BodyCandidate[] {
  const found: BodyCandidate[] = [];
  const add = (fixes: BodyFix[], bytes: Uint8Array) => found.push({ fixes, bytes });
  const trimmed = withoutTrailingBreaks(body);
  if (trimmed !== body) add(['strip_trailing_newline'], utf8(trimmed));
  if (body.startsWith('\ufeff')) add(['strip_bom'], utf8(body.slice(1)));
  const json = parseJson(body);
  if (json) {
    const compact = JSON.stringify(json.value);
    if (compact !== trimmed) add(['compact_json'], utf8(compact));
    const ordered = inEventOrder(json.value);
    if (ordered) add(['event_key_order'], utf8(JSON.stringify(ordered)));
  }
  // Latin-1 text is one byte a character; a body read that way shows é-like pairs for each CJK byte.
  if (/[\u0080-\u00ff]/.test(body) && !/[\u0100-\uffff]/.test(body)) add(['body_latin1'], codeUnitBytes(body, 1));
  if (/[\u0080-\uffff]/.test(body)) {
    add(['body_utf16le'], codeUnitBytes(body, 2, true));
    add(['body_utf16be'], codeUnitBytes(body, 2, false));
  }
  return found;
}

/** The secret as pasted, then without surrounding whitespace, then without surrounding quotes. */
export function secretCandidates(secret: string): SecretCandidate[] {
  const found: SecretCandidate[] = [{ fixes: [], secret }];
  const trimmed = secret.trim();
  if (trimmed !== secret && trimmed) found.push({ fixes: ['trim_secret'], secret: trimmed });
  const quoted = /^(["'])(.+)\1$/.exec(trimmed);
  if (quoted) {
    found.push({
      fixes: trimmed === secret ? ['unquote_secret'] : ['trim_secret', 'unquote_secret'],
      secret: quoted[2],
    });
  }
  return found;
}

export type SecretShape = 'webhook_secret' | 'app_secret' | 'other';

/** Webhook secrets start with whsec_, app secrets with sk_test_: the two are easy to swap. */
export function secretShape(secret: string): SecretShape {
  const bare = secret.trim().replace(/^(["'])(.*)\1$/, '$2');
  if (bare.startsWith('whsec_')) return 'webhook_secret';
  return bare.startsWith('sk_') ? 'app_secret' : 'other';
}

export type JsonDifference = 'whitespace' | 'unicode_escapes' | 'escaped_slashes' | 'key_order' | 'other';

/** True when the JSON text has spaces or line breaks between its tokens (not inside strings). */
function spacedOut(text: string): boolean {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ' ' || c === '\n' || c === '\r' || c === '\t') return true;
  }
  return false;
}

/**
 * How a JSON body differs from the compact UTF-8 form the sandbox sends, trailing line breaks
 * aside; null when it is not JSON or is already in that form.
 */
export function serialisationDifferences(body: string): JsonDifference[] | null {
  const text = withoutTrailingBreaks(body);
  const json = parseJson(text);
  if (!json) return null;
  const reordered = inEventOrder(json.value) !== null;
  if (JSON.stringify(json.value) === text && !reordered) return null;
  const found: JsonDifference[] = [];
  if (spacedOut(text)) found.push('whitespace');
  if (/\\u(?:00[89a-fA-F]|0[1-9a-fA-F][0-9a-fA-F]|[1-9a-fA-F][0-9a-fA-F]{2})[0-9a-fA-F]/.test(text)) {
    found.push('unicode_escapes');
  }
  if (text.includes('\\/')) found.push('escaped_slashes');
  if (reordered) found.push('key_order');
  if (found.length === 0) found.push('other');
  return found;
}
