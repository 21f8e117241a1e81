import Link from '@docusaurus/Link';
import Translate, { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import CodeBlock from '@theme/CodeBlock';
import type { ReactNode } from 'react';
import success from '@generated/juyifu-contract/default/success-message.json';
import CodeTabs from '@site/src/components/CodeTabs/index.tsx';
import TryIt from '@site/src/components/TryIt/index.tsx';
import { pick } from '@site/src/lib/locale.ts';
import type { PageOperation } from '@site/src/lib/operation-page.ts';
import { LOCATIONS, locationTitle, ParamTable } from './ParamTable.tsx';
import Prose from './Prose.tsx';
import { inLocale } from './response-example.ts';
import styles from './styles.module.css';

/** `secondary`: not the page's main operation; its console is labelled with its own name. */
export default function ApiOperation({ op, secondary = false }: { op: PageOperation; secondary?: boolean }): ReactNode {
  const { i18n } = useDocusaurusContext();
  const locale = i18n.currentLocale;
  const errors = op.responses.filter((r) => /^[45]/.test(r.status));
  return (
    <section className={styles.layout} data-operation={op.id} aria-label={pick(op.summary, locale)}>
      <div className={styles.prose}>
        <div className={styles.requestLine} data-testid="request-line">
          <span className={styles.method} data-method={op.method}>
            {op.method}
          </span>
          <span>{op.path}</span>
          {op.deprecated && (
            <span className={styles.deprecated}>
              <Translate id="api.deprecated">已弃用</Translate>
            </span>
          )}
        </div>
        <Prose text={pick(op.description, locale)} />
        <p>
          {op.scopes === null ? (
            <Translate id="api.noAuth">无需授权。</Translate>
          ) : (
            <>
              <Translate id="api.auth">授权：</Translate> <code>Authorization: Bearer &lt;access_token&gt;</code>
              {op.scopes.length > 0 && (
                <>
                  {' · '}
                  <Translate id="api.scopes">所需权限：</Translate>{' '}
                  {op.scopes.map((s) => (
                    <code key={s}>{s}</code>
                  ))}
                </>
              )}
            </>
          )}
        </p>
        {op.bodyContentTypes.length > 0 && (
          <p>
            <Translate id="api.contentTypes">请求体格式：</Translate>{' '}
            {op.bodyContentTypes.map((t) => (
              <code key={t}>{t} </code>
            ))}
          </p>
        )}
        {LOCATIONS.map((where) => {
          const rows = op.params.filter((p) => p.in === where);
          if (rows.length === 0) return null;
          return (
            <div key={where}>
              <h2 className={styles.subheading}>{locationTitle(where)}</h2>
              <ParamTable rows={rows} locale={locale} />
            </div>
          );
        })}
        {errors.length > 0 && (
          <>
            <h2 className={styles.subheading}>
              <Translate id="api.errors">可能的错误</Translate>
            </h2>
            <ul className={styles.errors}>
              {errors.map((e) => (
                <li key={e.status}>
                  <Link to={`/docs/errors#error-${e.status}`} className="badge badge--secondary">
                    {e.status}
                  </Link>
                </li>
              ))}
            </ul>
            <p>
              <Translate id="api.errorsAnywhere">
                任何接口还可能返回 429、500、503（可用 X-Sandbox-Simulate 请求头模拟）。
              </Translate>
            </p>
          </>
        )}
      </div>
      <div className={styles.code}>
        {op.snippets && <CodeTabs snippets={op.snippets} />}
        {op.snippets && <TryIt op={op} secondary={secondary} />}
        {op.requestExample !== null && (
          <CodeBlock language="json" title={translate({ id: 'api.requestExample', message: '请求示例' })}>
            {JSON.stringify(op.requestExample, null, 2)}
          </CodeBlock>
        )}
        {op.responseExample !== null && (
          <CodeBlock language="json" title={translate({ id: 'api.responseExample', message: '响应示例' })}>
            {JSON.stringify(inLocale(op.responseExample, success, locale), null, 2)}
          </CodeBlock>
        )}
      </div>
    </section>
  );
}
