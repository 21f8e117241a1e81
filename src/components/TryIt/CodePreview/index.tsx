import Translate from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { useMemo, useState, type ReactNode } from 'react';
import CodeTabs from '@site/src/components/CodeTabs/index.tsx';
import { tokenCache } from '@site/src/lib/browser-state.ts';
import type { FormState } from '@site/src/lib/console/build-request.ts';
import { requestPreview } from '@site/src/lib/console/preview.ts';
import { pick } from '@site/src/lib/locale.ts';
import type { PageOperation } from '@site/src/lib/operation-page.ts';
import { useSandboxClient } from '@site/src/lib/use-sandbox-url.ts';
import styles from '../styles.module.css';

/**
 * The request the form makes, as code in the page's language tab (the same tabs as the page's
 * samples), secrets masked until the reader reveals them.
 */
export default function CodePreview({
  op,
  form,
  hasKey,
}: {
  op: PageOperation;
  form: FormState;
  hasKey: boolean;
}): ReactNode {
  const { i18n } = useDocusaurusContext();
  const client = useSandboxClient();
  const [reveal, setReveal] = useState(false);
  // Read on every render: the console re-renders when an answer arrives, after a token is cached.
  const token = tokenCache(client).peek()?.access_token;
  const title = pick(op.summary, i18n.currentLocale);
  const preview = useMemo(
    () => requestPreview(op, form, client.baseUrl, { token, hasKey, reveal }, title),
    [op, form, client, token, hasKey, reveal, title],
  );
  if (!preview) return null;
  return (
    <div data-testid="tryit-code">
      <div className={styles.row}>
        <strong>
          <Translate id="tryit.asCode">这个请求的代码</Translate>
        </strong>
        <label>
          <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} />{' '}
          <Translate id="tryit.reveal">显示密钥</Translate>
        </label>
      </div>
      <CodeTabs snippets={preview.snippets} />
      <p>
        <small>
          <code>{op.method}</code> <code>{preview.url}</code>
        </small>
      </p>
    </div>
  );
}
