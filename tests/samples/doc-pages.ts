/**
 * Reading the doc pages (both locales) for the code they show: fenced code blocks written in the
 * page, and programs imported from examples/ and shown with <CodeBlock>.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Where each locale's pages live; a page's path below its locale folder names it in both. */
const LOCALE_DOCS = { 'zh-Hans': 'docs', en: 'i18n/en/docusaurus-plugin-content-docs/current' };

export interface DocPage {
  /** Path from the repository root, e.g. i18n/en/docusaurus-plugin-content-docs/current/guides/php.mdx */
  file: string;
  /** Path below the locale's folder, the same in every locale, e.g. guides/php.mdx */
  id: string;
  locale: keyof typeof LOCALE_DOCS;
  text: string;
}

/** Code that a page shows, and where in the page (to keep the page's order). */
interface ShownCode {
  lang: string;
  title: string;
  code: string;
  at: number;
}

export interface FencedBlock extends ShownCode {
  meta: string;
}

export interface ImportedProgram extends ShownCode {
  /** The examples/ file, from the repository root, e.g. examples/php/merchant.php */
  source: string;
}

function mdxFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? mdxFiles(p) : p.endsWith('.mdx') ? [p] : [];
    });
}

export function docPages(root: string): DocPage[] {
  return Object.entries(LOCALE_DOCS).flatMap(([locale, dir]) =>
    mdxFiles(join(root, dir)).map((path) => ({
      file: relative(root, path),
      id: relative(join(root, dir), path),
      locale: locale as DocPage['locale'],
      text: readFileSync(path, 'utf8'),
    })),
  );
}

export function fencedBlocks(page: DocPage): FencedBlock[] {
  return [...page.text.matchAll(/```(\w+)([^\n]*)\n([\s\S]*?)```/g)].map((m) => {
    const [, lang, meta, code] = m;
    const title = /title="([^"]+)"/.exec(meta)?.[1] ?? code.split('\n')[0].slice(0, 40);
    return { lang, meta, title, code, at: m.index };
  });
}

/**
 * Programs a page shows from examples/, written the one way the guides do it:
 *   import merchant from '@site/examples/php/merchant.php?raw';
 *   <CodeBlock language="php" title="merchant.php">{merchant}</CodeBlock>
 * The code is read from the file, as the build reads it. The deploy page shows deploy/nginx.conf
 * the same way: a configuration, not a program, so it is listed and not run.
 */
export function importedPrograms(page: DocPage, root: string): ImportedProgram[] {
  const sources = new Map(
    [...page.text.matchAll(/^import (\w+) from '@site\/((?:examples|deploy)\/[^']+)\?raw';$/gm)].map((m) => [
      m[1],
      m[2],
    ]),
  );
  return [...page.text.matchAll(/<CodeBlock language="(\w+)" title="([^"]+)">\{(\w+)\}<\/CodeBlock>/g)].map((m) => {
    const [, lang, title, name] = m;
    const source = sources.get(name);
    if (!source)
      throw new Error(`${page.file}: <CodeBlock> shows {${name}}, which is not imported from examples/ or deploy/`);
    return { lang, title, source, code: readFileSync(join(root, source), 'utf8'), at: m.index };
  });
}
