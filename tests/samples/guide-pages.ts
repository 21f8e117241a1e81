/**
 * Checks, by reading the pages, that the guides keep showing the programs of examples/ rather
 * than copies: a program pasted back into a page as a fenced block would no longer be the file
 * that the harnesses run, and the two locales would drift apart again.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { docPages, fencedBlocks, importedPrograms, type DocPage } from './doc-pages.ts';

const EXAMPLES_DIR = 'examples';

export interface PageCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** Every program in examples/ (the README there is prose, not a program). */
function examplePrograms(root: string, dir = EXAMPLES_DIR): string[] {
  return readdirSync(join(root, dir))
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(join(root, p)).isDirectory()) return examplePrograms(root, p);
      return f === 'README.md' ? [] : [p];
    });
}

const isGuide = (page: DocPage) => page.id.startsWith('guides/');

/**
 * Lines that say something: short ones (braces, `try {`, `} else {`) are in every program and
 * would make any two blocks look alike.
 */
function telling(code: string): string[] {
  return code
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 12);
}

/**
 * A fenced block copies a program when at least three of its telling lines are lines of the
 * program and they are at least half of the block: a whole program pasted back, or a chunk of
 * one. A shell line that merely names the file (`php -S … merchant.php`) is not a copy.
 */
function copiedFrom(block: string, programs: Map<string, Set<string>>): { source: string; lines: number }[] {
  const lines = telling(block);
  return [...programs].flatMap(([source, programLines]) => {
    const shared = lines.filter((l) => programLines.has(l)).length;
    return shared >= 3 && shared * 2 >= lines.length ? [{ source, lines: shared }] : [];
  });
}

function noPastedPrograms(root: string, pages: DocPage[], sources: string[]): PageCheck {
  const programs = new Map(sources.map((s) => [s, new Set(telling(readFileSync(join(root, s), 'utf8')))]));
  const guides = pages.filter(isGuide);
  const blocks = guides.flatMap((page) => fencedBlocks(page).map((block) => ({ page, block })));
  const copies = blocks.flatMap(({ page, block }) =>
    copiedFrom(block.code, programs).map(
      (c) => `${page.file} "${block.title}" repeats ${c.lines} lines of ${c.source}: import the file instead`,
    ),
  );
  return {
    name: 'guide pages paste no program of examples/ as a code block',
    ok: copies.length === 0,
    detail: copies.length
      ? copies.join('; ')
      : `${blocks.length} fenced blocks on ${guides.length} guide pages, none repeats any of ${sources.length} programs`,
  };
}

/**
 * Each program is shown in both locales, by the same page under the same title: the code is
 * written once, only the prose around it is per locale.
 */
function everyProgramInBothLocales(root: string, pages: DocPage[], sources: string[]): PageCheck {
  const shownBy = new Map(sources.map((s) => [s, { 'zh-Hans': [] as string[], en: [] as string[] }]));
  for (const page of pages) {
    for (const program of importedPrograms(page, root)) {
      shownBy.get(program.source)?.[page.locale].push(`${page.id} "${program.title}"`);
    }
  }
  const problems = [...shownBy].flatMap(([source, where]) => {
    const zh = where['zh-Hans'].sort().join(', ');
    const en = where.en.sort().join(', ');
    if (!zh && !en) return [`${source} is shown by no page`];
    return zh === en ? [] : [`${source}: zh-Hans shows it on ${zh || 'no page'}, en on ${en || 'no page'}`];
  });
  return {
    name: 'guide pages show every program of examples/ in both locales',
    ok: problems.length === 0,
    detail: problems.length
      ? problems.join('; ')
      : [...shownBy].map(([source, where]) => `${source} on ${where['zh-Hans'].join(', ')}`).join('; '),
  };
}

export function guidePageChecks(root = process.cwd()): PageCheck[] {
  const pages = docPages(root);
  const sources = examplePrograms(root);
  return [noPastedPrograms(root, pages, sources), everyProgramInBothLocales(root, pages, sources)];
}
