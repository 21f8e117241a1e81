/**
 * The signature debugger's whole judgement, with no page around it: given the pasted header, raw
 * body, webhook secret and the time, it signs `t.body` as the sandbox does (Web Crypto, so it runs
 * in the browser and sends nothing), compares each v1, measures the timestamp against the 300 s
 * tolerance receivers apply and, on a mismatch, signs the usual corrupted variants of the body and
 * secret again to say which change explains it.
 */
import { hmacHex } from './console/signature.ts';
import {
  bodyCandidates,
  secretCandidates,
  secretShape,
  serialisationDifferences,
  type Fix,
  type JsonDifference,
  type SecretShape,
} from './signature-candidates.ts';
import { parseSignatureHeader, type HeaderError, type SignatureHeader } from './signature-header.ts';

/** Receivers refuse a t more than 5 minutes from their clock (docs/webhooks.mdx). */
export const TOLERANCE_SECONDS = 300;

export interface DebugInput {
  header: string;
  body: string;
  secret: string;
  nowMs: number;
}

export type Verdict = 'bad_header' | 'missing_secret' | 'valid' | 'stale' | 'future' | 'mismatch';

export interface Age {
  /** Now minus t; negative when t is ahead of this clock. */
  seconds: number;
  status: 'ok' | 'stale' | 'future';
  /** 13 digits or more: a t in milliseconds, which the sandbox never sends. */
  looksLikeMilliseconds: boolean;
}

export interface Attempt {
  fixes: Fix[];
  matched: boolean;
}

export interface Cause {
  kind: 'trailing_newline' | 'reserialised' | 'encoding' | 'wrong_secret';
  /** The changes that, undone, make a v1 match; empty when no candidate matched. */
  fixes: Fix[];
  /** For a JSON body not in the sandbox's compact form: how it differs. */
  differences: JsonDifference[];
  secretShape: SecretShape;
}

export interface Analysis {
  verdict: Verdict;
  headerError: HeaderError | null;
  header: SignatureHeader | null;
  /** `t.body`, the exact string the sandbox signed for this body. */
  signed: string | null;
  /** Hex HMAC-SHA256(secret, signed). */
  expected: string | null;
  /** For each v1 of the header, in order: does it equal `expected`? */
  matches: boolean[];
  age: Age | null;
  /** Every variant signed after a mismatch, in the order tried. */
  attempts: Attempt[];
  cause: Cause | null;
}

const EMPTY: Omit<Analysis, 'verdict'> = {
  headerError: null,
  header: null,
  signed: null,
  expected: null,
  matches: [],
  age: null,
  attempts: [],
  cause: null,
};

export function measureAge(t: string, nowMs: number): Age {
  const seconds = Math.floor(nowMs / 1000) - Number(t);
  const status = seconds > TOLERANCE_SECONDS ? 'stale' : seconds < -TOLERANCE_SECONDS ? 'future' : 'ok';
  return { seconds, status, looksLikeMilliseconds: t.length >= 13 };
}

export async function analyseSignature(input: DebugInput, subtle?: SubtleCrypto): Promise<Analysis> {
  const parsed = parseSignatureHeader(input.header);
  if (!parsed.ok) return { ...EMPTY, verdict: 'bad_header', headerError: parsed.error };
  const { header } = parsed;
  // Web Crypto refuses an empty HMAC key, and no webhook secret is empty.
  const age = measureAge(header.t, input.nowMs);
  if (input.secret === '') return { ...EMPTY, verdict: 'missing_secret', header, age };

  const signed = `${header.t}.${input.body}`;
  const expected = await hmacHex(input.secret, new TextEncoder().encode(signed), subtle);
  // Plain comparison: this page checks the reader's own values, no attacker times it.
  const matches = header.v1.map((v1) => v1 === expected);
  const base = { ...EMPTY, header, signed, expected, matches, age };
  if (matches.includes(true)) return { ...base, verdict: age.status === 'ok' ? 'valid' : age.status };

  const attempts = await tryCandidates(header, input, subtle);
  return {
    ...base,
    verdict: 'mismatch',
    attempts,
    cause: likelyCause(
      input,
      attempts.find((a) => a.matched),
    ),
  };
}

/** Signs each variant of the body with each variant of the secret (the pasted pair aside). */
async function tryCandidates(header: SignatureHeader, input: DebugInput, subtle?: SubtleCrypto): Promise<Attempt[]> {
  const prefix = new TextEncoder().encode(`${header.t}.`);
  const bodies = [{ fixes: [], bytes: new TextEncoder().encode(input.body) }, ...bodyCandidates(input.body)];
  const attempts: Attempt[] = [];
  for (const secret of secretCandidates(input.secret)) {
    for (const body of bodies) {
      const fixes: Fix[] = [...body.fixes, ...secret.fixes];
      if (fixes.length === 0) continue;
      const message = new Uint8Array(prefix.length + body.bytes.length);
      message.set(prefix);
      message.set(body.bytes, prefix.length);
      const mac = await hmacHex(secret.secret, message, subtle);
      attempts.push({ fixes, matched: header.v1.includes(mac) });
    }
  }
  return attempts;
}

const REFORMATTING: Fix[] = ['compact_json', 'event_key_order'];

function likelyCause(input: DebugInput, match: Attempt | undefined): Cause {
  const differences = serialisationDifferences(input.body) ?? [];
  const cause = { fixes: match?.fixes ?? [], differences, secretShape: secretShape(input.secret) };
  if (match) {
    if (match.fixes.some((f) => REFORMATTING.includes(f))) return { ...cause, kind: 'reserialised' };
    if (match.fixes.includes('strip_trailing_newline')) return { ...cause, kind: 'trailing_newline' };
    return { ...cause, kind: 'encoding' };
  }
  // Nothing rebuilt the original, yet a JSON body not in the compact form was surely rewritten
  // (perhaps its nested keys reordered, which cannot be undone); otherwise the secret is wrong.
  return { ...cause, kind: differences.length > 0 ? 'reserialised' : 'wrong_secret' };
}
