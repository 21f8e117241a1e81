import Link from '@docusaurus/Link';
import Translate, { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { useState, type ReactNode } from 'react';
import operations from '@generated/juyifu-contract/default/operations.json';
import { pick } from '@site/src/lib/locale.ts';
import { consoleLink } from '@site/src/lib/request-log/console-link.ts';
import type { LogEntry } from '@site/src/lib/request-log/entry.ts';
import { entrySnippet } from '@site/src/lib/request-log/snippet.ts';
import { useSandboxUrl } from '@site/src/lib/use-sandbox-url.ts';
import { languageLabel, useCodeLanguage } from './CodeLanguage.tsx';
import styles from './styles.module.css';

/** "Open in console" (when a page has a console for it) and "copy as code" in the site's language. */
export default function EntryActions({ entry }: { entry: LogEntry }): ReactNode {
  const { i18n } = useDocusaurusContext();
  const sandboxUrl = useSandboxUrl();
  const [language] = useCodeLanguage();
  const [copied, setCopied] = useState<string | null>(null);
  const link = consoleLink(entry, operations);
  const op = link ? operations.find((o) => o.id === link.operationId) : undefined;
  const label = languageLabel(language);

  function copy() {
    const code = entrySnippet(
      entry,
      sandboxUrl,
      language,
      op ? { id: op.id, title: pick(op.summary, i18n.currentLocale) } : null,
    );
    if (code === null) return;
    void navigator.clipboard?.writeText(code).then(() => setCopied(language));
  }

  const canCopy = entry.request.body === null || typeof entry.request.body !== 'string';
  return (
    <div className={styles.actions}>
      {link && (
        <Link to={link.to} className="button button--sm button--outline button--primary">
          <Translate id="logs.openInConsole">在控制台中打开</Translate>
        </Link>
      )}
      {canCopy && (
        <button
          type="button"
          className="button button--sm button--outline button--secondary"
          onClick={copy}
          aria-label={translate(
            { id: 'logs.copyAsCodeLabel', message: '复制为代码（{language}）：{method} {path}' },
            { language: label, method: entry.method, path: entry.path },
          )}
        >
          {copied === language ? (
            <Translate id="logs.copied" values={{ language: label }}>
              {'已复制（{language}）'}
            </Translate>
          ) : (
            <Translate id="logs.copyAsCode" values={{ language: label }}>
              {'复制为代码（{language}）'}
            </Translate>
          )}
        </button>
      )}
    </div>
  );
}
