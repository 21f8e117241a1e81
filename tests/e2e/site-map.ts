/** Every doc page of the sidebar, read from sidebars.ts so a new section is tested by itself. */
import sidebars from '../../sidebars.ts';

type Item = string | { type: string; items?: Item[]; link?: { type: string; id: string } };

function ids(items: Item[]): string[] {
  return items.flatMap((i) => {
    if (typeof i === 'string') return [i];
    return [...(i.link?.type === 'doc' ? [i.link.id] : []), ...ids(i.items ?? [])];
  });
}

export const DOC_IDS = ids(sidebars.docs as Item[]);
export const docPath = (id: string) => `/docs/${id}`;
export const LOCALES = [
  { prefix: '', lang: 'zh-Hans' },
  { prefix: '/en', lang: 'en' },
];
/** One page of each kind, for the checks that are costly per page. */
export const PAGE_TYPES = {
  home: '/',
  api: '/docs/payments/create',
  diagram: '/docs/intro',
  guide: '/docs/guides/android',
  errors: '/docs/errors',
  sandbox: '/docs/sandbox',
  deploy: '/docs/deploy',
  tool: '/tools/signature',
  requestLog: '/sandbox-logs',
};
