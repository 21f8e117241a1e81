/**
 * Each language's pages speak that language: an English page shows the message the English
 * sandbox sends and uses English punctuation (diagrams included); a Chinese page shows the Chinese
 * message. Checked on the page sources, the site's English strings and the API pages' examples.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadContract } from '../../contract/index.ts';
import { inLocale } from '../../src/components/ApiOperation/response-example.ts';
import { pageOperation } from '../../src/lib/operation-page.ts';

const DOCS = { zh: 'docs', en: 'i18n/en/docusaurus-plugin-content-docs/current' };
const LOCALE = { zh: 'zh-Hans', en: 'en' };

const contract = loadContract();
/** What the sandbox says on success, per language: the catalogue's 0000 title. */
const SUCCESS = contract.errors.find((e) => e.code === '0000')!.title;

/** `"message":"…"` as a page may print it: compact JSON or pretty-printed. */
const saysMessage = (text: string) => new RegExp(`"message"\\s*:\\s*"${text}"`);

/** Full-width and CJK punctuation: ，。、：；！？（）「」《》【】 and the like, and Chinese quotes. */
const FULL_WIDTH = /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65“”‘’]/;
/** In English prose ’ is an apostrophe, so only the rest counts there. */
const FULL_WIDTH_IN_PROSE = /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65“”]/;

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx') || f.endsWith('.md'))
    .map((f) => join(dir, f))
    .sort();
}

/** Each line of `text` that matches, as "file:line: text", for a message that says where to look. */
function offending(file: string, text: string, pattern: RegExp): string[] {
  return text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

/** The Mermaid sources and titles of a page's diagrams: SequenceDiagram charts and mermaid fences. */
function diagramSources(text: string): string[] {
  const charts = [...text.matchAll(/<SequenceDiagram\b([\s\S]*?)\/>/g)].flatMap((m) => [
    ...[...m[1].matchAll(/chart=\{`([\s\S]*?)`\}/g)].map((c) => c[1]),
    ...[...m[1].matchAll(/title="([^"]*)"/g)].map((t) => t[1]),
  ]);
  const fences = [...text.matchAll(/^```mermaid\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  return [...charts, ...fences];
}

/** A page's text with its code taken out: fenced blocks, inline code and import lines. */
function prose(text: string): string {
  return text
    .replace(/^```[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, ''))
    .replace(/`[^`\n]*`/g, '')
    .replace(/^import .*$/gm, '');
}

describe('the success message of each language', () => {
  test('English pages never show the Chinese success message, Chinese pages never the English one', () => {
    const wrong = [
      ...mdxFiles(DOCS.en).flatMap((f) => offending(f, readFileSync(f, 'utf8'), saysMessage(SUCCESS.zh))),
      ...mdxFiles(DOCS.zh).flatMap((f) => offending(f, readFileSync(f, 'utf8'), saysMessage(SUCCESS.en))),
    ];
    assert.deepEqual(wrong, []);
    for (const lang of ['zh', 'en'] as const)
      assert.match(readFileSync(`${DOCS[lang]}/intro.mdx`, 'utf8'), saysMessage(SUCCESS[lang]), `${lang} intro`);
  });

  test('every API page example answers in the page language, as the sandbox does', () => {
    const examples = contract.operations
      .map((op) => pageOperation(op, 'http://127.0.0.1:4010').responseExample)
      .filter((e) => e && typeof e === 'object' && !Array.isArray(e) && e.code === '0000');
    assert.ok(examples.length > 15, 'most operations show a 0000 example');
    for (const example of examples) {
      for (const lang of ['zh', 'en'] as const) {
        const shown = JSON.stringify(inLocale(example, SUCCESS, LOCALE[lang]), null, 2);
        assert.match(shown, saysMessage(SUCCESS[lang]));
        assert.doesNotMatch(shown, saysMessage(SUCCESS[lang === 'en' ? 'zh' : 'en']));
      }
    }
  });

  test('examples that are not a 0000 envelope are shown as the contract gives them', () => {
    const error = { code: '400', message: '请求无效', sub_code: 'missing_field', request_id: 'req_1' };
    assert.deepEqual(inLocale(error, SUCCESS, 'en'), error);
    assert.equal(inLocale('<html></html>', SUCCESS, 'en'), '<html></html>');
    assert.equal(inLocale(null, SUCCESS, 'en'), null);
  });
});

describe('English punctuation on English pages', () => {
  test('every English diagram source and title uses English punctuation', () => {
    const found = mdxFiles(DOCS.en).flatMap((f) => diagramSources(readFileSync(f, 'utf8')).map((d) => [f, d]));
    assert.ok(
      found.some(([f]) => f.endsWith('/intro.mdx')),
      'the introduction has its sequence diagram',
    );
    assert.deepEqual(
      found.flatMap(([f, d]) => offending(f, d, FULL_WIDTH)),
      [],
    );
  });

  test('the diagram component’s English strings use English punctuation and no Chinese', () => {
    const source = readFileSync('src/components/SequenceDiagram/index.tsx', 'utf8');
    const ids = [...source.matchAll(/<Translate id="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(ids.length > 0, 'the component has translated strings');
    const english = JSON.parse(readFileSync('i18n/en/code.json', 'utf8')) as Record<string, { message: string }>;
    for (const id of ids) {
      const message = english[id]?.message;
      assert.ok(message, `${id} has an English translation`);
      assert.doesNotMatch(message, FULL_WIDTH, id);
      assert.doesNotMatch(message, /[\u4E00-\u9FFF]/, id);
    }
  });

  test('English prose outside code has no full-width punctuation', () => {
    assert.deepEqual(
      mdxFiles(DOCS.en).flatMap((f) => offending(f, prose(readFileSync(f, 'utf8')), FULL_WIDTH_IN_PROSE)),
      [],
    );
  });

  test('the site’s English strings (code.json, navbar, footer, sidebar) have no full-width punctuation', () => {
    const files = [
      'i18n/en/code.json',
      'i18n/en/docusaurus-theme-classic/navbar.json',
      'i18n/en/docusaurus-theme-classic/footer.json',
      'i18n/en/docusaurus-plugin-content-docs/current.json',
    ];
    const wrong = files.flatMap((f) =>
      Object.entries(JSON.parse(readFileSync(f, 'utf8')) as Record<string, { message: string }>)
        .filter(([, v]) => FULL_WIDTH_IN_PROSE.test(v.message))
        .map(([k, v]) => `${f} ${k}: ${v.message}`),
    );
    assert.deepEqual(wrong, []);
  });

  test('the checks see full-width punctuation where it is', () => {
    assert.deepEqual(diagramSources('<SequenceDiagram title="图：流程" chart={`\n  A->>B: order_id、pay_url\n`} />'), [
      '\n  A->>B: order_id、pay_url\n',
      '图：流程',
    ]);
    assert.equal(prose('See `a，b` and\n```js\nx（）\n```\nthen（this）').includes('（this）'), true);
    assert.equal(prose('See `a，b` and\n```js\nx（）\n```\n').match(FULL_WIDTH_IN_PROSE), null);
  });
});
