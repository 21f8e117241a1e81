/**
 * A text cut into segments where every character a reader cannot see (a trailing newline, \r, a
 * tab, a byte order mark, a no-break or zero-width space, a space at the end of a line) becomes a
 * marked symbol. These are the characters that make a signed string differ from the one the
 * reader thinks they signed.
 */
export type Segment = { text: string } | { text: string; mark: string };

const NAMED: Record<string, [symbol: string, name: string]> = {
  '\n': ['␊', 'U+000A LF'],
  '\r': ['␍', 'U+000D CR'],
  '\t': ['␉', 'U+0009 TAB'],
  '\u00a0': ['⍽', 'U+00A0 NO-BREAK SPACE'],
  '\ufeff': ['⟨BOM⟩', 'U+FEFF BYTE ORDER MARK'],
};

/** The zero-width and direction-changing formatting characters of Unicode. */
const FORMATTING = /[\u200b-\u200f\u2028\u2029\u2060\u202a-\u202e]/;

/** Control characters (below U+0020, and DEL) or formatting ones: nothing shows on screen. */
function invisible(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f || FORMATTING.test(c);
}

/** From just after a space: only spaces up to a line break or the end, so the space ends a line. */
const ENDS_LINE = / *(?:[\r\n]|$)/y;

const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

function endsLine(text: string, from: number): boolean {
  ENDS_LINE.lastIndex = from;
  return ENDS_LINE.test(text);
}

export function visibleSegments(text: string): Segment[] {
  const out: Segment[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ text: plain });
    plain = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const named = NAMED[c];
    if (named) {
      flush();
      out.push({ text: named[0], mark: named[1] });
      // Line breaks and tabs still lay the text out as it is, after their symbol.
      if (c === '\n' || c === '\t') plain = c;
    } else if (invisible(c)) {
      flush();
      out.push({ text: `⟨${codePoint(c)}⟩`, mark: codePoint(c) });
    } else if (c === ' ' && endsLine(text, i + 1)) {
      flush();
      out.push({ text: '␠', mark: 'U+0020 SPACE' });
    } else {
      plain += c;
    }
  }
  flush();
  return out;
}
