/**
 * The 异步通知 page's `juyifu` section, in both languages, against the command itself: the output
 * it shows is in the format the CLI prints (the same patterns its real output is held to in
 * listen.test.ts), the options it names exist, and its exit code table is the CLI's.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { EXIT } from '../../cli/src/failure.ts';
import { LINE_PATTERNS } from '../../cli/src/output.ts';
import { LISTEN_USAGE, TRIGGER_USAGE } from '../../cli/src/usage.ts';

const PAGES = {
  zh: { file: 'docs/webhooks.mdx', heading: '## 在本机接收通知' },
  en: {
    file: 'i18n/en/docusaurus-plugin-content-docs/current/webhooks.mdx',
    heading: '## Receive webhooks on your machine',
  },
};

/** The section from its heading to the next `## `. */
function section(file: string, heading: string): string {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `${file} has "${heading}"`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The lines of the section's ```text blocks (what the commands printed). */
const outputLines = (text: string) =>
  [...text.matchAll(/```text[^\n]*\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n').filter(Boolean));

for (const [lang, { file, heading }] of Object.entries(PAGES)) {
  const text = section(file, heading);

  test(`${lang}: every output line shown is one the CLI prints, and each kind is shown`, () => {
    const lines = outputLines(text);
    const kinds = new Set<string>();
    for (const line of lines) {
      const kind = Object.entries(LINE_PATTERNS).find(([, pattern]) => pattern.test(line))?.[0];
      assert.ok(kind, `"${line}" is in a format juyifu prints`);
      kinds.add(kind);
    }
    for (const kind of ['ready', 'event', 'reconnecting', 'resumed', 'triggered'])
      assert.ok(kinds.has(kind), `shows a ${kind} line`);
    // The resumed line names the last event forwarded before the drop, as the CLI does.
    const resumed = lines.findIndex((l) => LINE_PATTERNS.resumed.test(l));
    const before = lines.slice(0, resumed).filter((l) => LINE_PATTERNS.event.test(l));
    assert.equal(LINE_PATTERNS.resumed.exec(lines[resumed])![1], LINE_PATTERNS.event.exec(before.at(-1)!)![2]);
  });

  test(`${lang}: the options named exist, and the exit codes are the CLI's`, () => {
    for (const [option] of text.matchAll(/--[a-z][a-z-]+/g))
      assert.ok(LISTEN_USAGE.includes(option) || TRIGGER_USAGE.includes(option), `${option} is an option of juyifu`);
    const rows = [...text.matchAll(/^\| `(\d)` \|/gm)].map((m) => Number(m[1]));
    assert.deepEqual(rows, [...new Set(Object.values(EXIT))].sort());
  });
}

test('both languages show the same output', () => {
  const [zh, en] = Object.values(PAGES).map(({ file, heading }) => outputLines(section(file, heading)));
  assert.deepEqual(en, zh);
});
