/**
 * Reads a pasted `JuYiFu-Signature` value (`t=<unix seconds>,v1=<64 lowercase hex>[,v1=…]`) and,
 * when it is not one, says exactly what is wrong, so the reader fixes the header their code sees
 * rather than guessing. As strict as the docs' verification samples: t first, lowercase hex, no
 * spaces inside.
 */
export type HeaderError =
  | { kind: 'empty' }
  | { kind: 'whitespace'; column: number }
  | { kind: 'malformed_part'; part: string }
  | { kind: 'unknown_key'; key: string }
  | { kind: 'missing_t' }
  | { kind: 't_not_first' }
  | { kind: 'duplicate_t' }
  | { kind: 't_not_number'; value: string }
  | { kind: 'no_v1' }
  | { kind: 'v1_not_hex'; index: number; value: string }
  | { kind: 'v1_length'; index: number; length: number }
  | { kind: 'v1_uppercase'; index: number };

export interface SignatureHeader {
  /** t as written: the signed string starts with exactly these digits. */
  t: string;
  v1: string[];
}

export type HeaderParse = { ok: true; header: SignatureHeader } | { ok: false; error: HeaderError };

/** A whole pasted line (`JuYiFu-Signature: t=…`) is accepted: the name is not part of the value. */
const HEADER_NAME = /^\s*juyifu-signature\s*:/i;

export function parseSignatureHeader(input: string): HeaderParse {
  // Servers drop whitespace around a header value (RFC 9110 5.5), so only whitespace inside counts.
  const value = input.replace(HEADER_NAME, '').trim();
  if (value === '') return fail({ kind: 'empty' });
  const space = value.search(/\s/);
  if (space >= 0) return fail({ kind: 'whitespace', column: space + 1 });

  let t: string | null = null;
  const v1: string[] = [];
  const parts = value.split(',');
  for (const [i, part] of parts.entries()) {
    const eq = part.indexOf('=');
    if (eq <= 0) return fail({ kind: 'malformed_part', part });
    const key = part.slice(0, eq);
    const val = part.slice(eq + 1);
    if (key === 'v1') v1.push(val);
    else if (key !== 't') return fail({ kind: 'unknown_key', key });
    else if (t !== null) return fail({ kind: 'duplicate_t' });
    else if (i !== 0) return fail({ kind: 't_not_first' });
    else if (!/^\d+$/.test(val)) return fail({ kind: 't_not_number', value: val });
    else t = val;
  }
  if (t === null) return fail({ kind: 'missing_t' });
  if (v1.length === 0) return fail({ kind: 'no_v1' });
  for (const [index, hex] of v1.entries()) {
    if (!/^[0-9a-fA-F]*$/.test(hex)) return fail({ kind: 'v1_not_hex', index, value: hex });
    if (hex.length !== 64) return fail({ kind: 'v1_length', index, length: hex.length });
    if (/[A-F]/.test(hex)) return fail({ kind: 'v1_uppercase', index });
  }
  return { ok: true, header: { t, v1 } };
}

function fail(error: HeaderError): HeaderParse {
  return { ok: false, error };
}
