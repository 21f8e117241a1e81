import BrowserOnly from '@docusaurus/BrowserOnly';
import { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { lazy, Suspense, type ReactNode } from 'react';
import type { PageOperation } from '@site/src/lib/operation-page.ts';

// The console's code is its own chunk, fetched in the browser by API pages only.
const Console = lazy(() => import('./Console.tsx'));

/** Landmark labels must differ on a page: the main console is 在线调试, others add their name. */
function consoleLabel(op: PageOperation, secondary: boolean, locale: string): string {
  const base = translate({ id: 'tryit.title', message: '在线调试' });
  return secondary ? `${base} · ${locale.startsWith('en') ? op.summary.en : op.summary.zh}` : base;
}

export default function TryIt({ op, secondary = false }: { op: PageOperation; secondary?: boolean }): ReactNode {
  const { i18n } = useDocusaurusContext();
  const label = consoleLabel(op, secondary, i18n.currentLocale);
  return (
    <BrowserOnly fallback={<section aria-label={label} />}>
      {() => (
        <Suspense fallback={<section aria-label={label} />}>
          <Console op={op} label={label} />
        </Suspense>
      )}
    </BrowserOnly>
  );
}
