/**
 * 在线调试: a form generated from the operation, sent to the real sandbox, with the answer
 * explained and the exact request shown as code in the page's language.
 */
import Link from '@docusaurus/Link';
import Translate, { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import CodeBlock from '@theme/CodeBlock';
import TabItem from '@theme/TabItem';
import Tabs from '@theme/Tabs';
import clsx from 'clsx';
import { parse as parseCsv } from 'csv-parse/browser/esm/sync';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import errors from '@generated/juyifu-contract/default/errors.json';
import testData from '@generated/juyifu-contract/default/test-data.json';
import { LANGUAGE_TABS } from '@site/src/components/CodeTabs';
import { buildRequest, fieldKey, initialForm, type FormState } from '@site/src/lib/console/build-request';
import { maskSecret, type SandboxKey } from '@site/src/lib/console/keys';
import { send, type Failed, type Sent } from '@site/src/lib/console/send';
import { fullUrl, type RequestSpec } from '@site/src/lib/http-request';
import { pick } from '@site/src/lib/locale';
import type { PageOperation, ParamRow } from '@site/src/lib/operation-page';
import { allSnippets } from '@site/src/lib/snippets';
import { KEY_CHANGED, keyStore, tokenCache } from './browser-state';
import styles from './styles.module.css';

type Catalogue = { code: string; title: { zh: string; en: string }; fix: { zh: string; en: string } }[];

function useKey(): SandboxKey | null {
  const [key, setKey] = useState<SandboxKey | null>(() => keyStore().load()?.key ?? null);
  useEffect(() => {
    const update = () => setKey(keyStore().load()?.key ?? null);
    window.addEventListener(KEY_CHANGED, update);
    window.addEventListener('storage', update);
    return () => {
      window.removeEventListener(KEY_CHANGED, update);
      window.removeEventListener('storage', update);
    };
  }, []);
  return key;
}

function Field({ p, value, onChange }: { p: ParamRow; value: string; onChange: (v: string) => void }): ReactNode {
  const id = useId();
  return (
    <div className={styles.field}>
      <label htmlFor={id}>
        {p.name}
        {p.required && (
          <span className={styles.req} aria-hidden="true">
            *
          </span>
        )}{' '}
        <small>({p.type})</small>
      </label>
      {p.enum && p.kind !== 'array' ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={p.required}>
          {!p.required && <option value="">—</option>}
          {p.enum.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          required={p.required}
          inputMode={p.kind === 'integer' || p.kind === 'number' ? 'decimal' : undefined}
          placeholder={p.example ?? ''}
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </div>
  );
}

function Explained({ sent, locale }: { sent: Sent; locale: string }): ReactNode {
  const body = sent.json;
  const code = String(body?.code ?? sent.status);
  const entry = (errors as Catalogue).find((e) => e.code === (body?.code === '0000' ? '0000' : String(sent.status)));
  const ok = body?.code === '0000' || (sent.status === 200 && !body);
  return (
    <div>
      <p role="status" data-status={sent.status}>
        <span className={clsx(styles.status, ok ? styles.ok : styles.bad)}>
          {sent.status} · {entry ? pick(entry.title, locale) : ''}
        </span>{' '}
        · {sent.ms} ms · {(sent.bytes / 1024).toFixed(1)} KB
        {body?.request_id && (
          <>
            {' '}
            · <code>{body.request_id}</code>
          </>
        )}
      </p>
      {!ok && body?.sub_code && (
        <p data-testid="error-explained">
          <Link to={`/docs/errors#error-${code}`}>
            <Translate id="tryit.errorRow" values={{ code }}>
              {'错误代码 {code}'}
            </Translate>
          </Link>{' '}
          · <code>{body.sub_code}</code>
          {body.param && (
            <>
              {' '}
              (<code>{body.param}</code>)
            </>
          )}
          : {body.message}
          {entry && (
            <>
              <br />
              <Translate id="tryit.fix">处理：</Translate>
              {pick(entry.fix, locale)}
            </>
          )}
        </p>
      )}
    </div>
  );
}

export default function Console({ op, label }: { op: PageOperation; label: string }): ReactNode {
  const { siteConfig, i18n } = useDocusaurusContext();
  const locale = i18n.currentLocale;
  const lang = locale.startsWith('en') ? 'en' : 'zh-CN';
  const sandboxUrl = String(siteConfig.customFields?.sandboxUrl ?? '');
  const key = useKey();
  const cache = tokenCache(sandboxUrl);
  const [form, setForm] = useState<FormState>(() => {
    const fromUrl = Object.fromEntries(new URLSearchParams(window.location.search));
    const base = initialForm(op, fromUrl);
    // A fresh merchant order number and idempotency key for this visit: the contract's fixed
    // examples would collide with the reader's own earlier orders.
    if (base.values['body:out_trade_no'] !== undefined && !fromUrl.out_trade_no)
      base.values['body:out_trade_no'] = `M${Date.now()}`;
    if (base.idempotencyKey) base.idempotencyKey = crypto.randomUUID();
    // Pay on the cashier and land on the query page with the order ready to look up.
    if (op.id === 'createPayment' && !fromUrl.return_url && base.values['body:return_url'] !== undefined) {
      base.values['body:return_url'] = `${window.location.origin}${siteConfig.baseUrl}docs/payments/query`;
    }
    return base;
  });
  const [reveal, setReveal] = useState(false);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<Sent | Failed | null>(null);
  const [followUp, setFollowUp] = useState<Sent | Failed | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const token = cache.peek()?.access_token;
  const authorized = op.scopes !== null;

  // Credentials for the token form come from the stored key.
  useEffect(() => {
    if (op.id !== 'getToken' || !key) return;
    setForm((f) => ({ ...f, values: { ...f.values, 'body:app_id': key.app_id, 'body:app_secret': key.app_secret } }));
  }, [key, op.id]);

  const set = (p: ParamRow) => (v: string) => setForm((f) => ({ ...f, values: { ...f.values, [fieldKey(p)]: v } }));

  const preview = useMemo(() => {
    const shownToken = authorized
      ? token
        ? reveal
          ? token
          : maskSecret(token)
        : key
          ? '<ACCESS_TOKEN>'
          : undefined
      : undefined;
    const built = buildRequest(op, form, sandboxUrl, shownToken);
    if (!built.ok) return null;
    let spec: RequestSpec = built.spec;
    if (!reveal && spec.body?.kind === 'form') {
      spec = {
        ...spec,
        body: {
          kind: 'form',
          fields: spec.body.fields.map(([k, v]) => [k, k === 'app_secret' ? maskSecret(String(v)) : v]),
        },
      };
    }
    return { ...allSnippets(spec, op.id, pick(op.summary, locale)), url: fullUrl(spec) };
  }, [op, form, sandboxUrl, token, reveal, key, authorized, locale]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setProblem(null);
    setFollowUp(null);
    let bearer: string | undefined;
    if (authorized && key) {
      try {
        bearer = (await cache.get(key.app_id, key.app_secret)).access_token;
      } catch (err) {
        setResult({
          kind: 'network',
          ms: 0,
          message: translate({ id: 'tryit.tokenFailed', message: '无法获取 Token：' }) + (err as Error).message,
        });
        return;
      }
    }
    const built = buildRequest(op, form, sandboxUrl, bearer);
    if (!built.ok) {
      setProblem(
        built.problem.reason === 'json'
          ? translate({ id: 'tryit.badJson', message: '请求体不是合法的 JSON' })
          : `${built.problem.param}: ${translate({ id: 'tryit.missing', message: '必填' })}`,
      );
      return;
    }
    setSending(true);
    const answer = await send(built.spec, lang);
    setSending(false);
    setResult(answer);
    if (op.id === 'getToken' && answer.kind === 'response' && answer.json?.code === '0000') {
      cache.put(String(form.values['body:app_id']), answer.json.data.access_token, answer.json.data.expires_in);
    }
  }

  async function simulate(result: 'paid' | 'failed', orderId: string) {
    if (!key) return;
    const t = await cache.get(key.app_id, key.app_secret);
    setFollowUp(
      await send(
        {
          method: 'POST',
          url: `${sandboxUrl}/v1/sandbox/payments/${orderId}/simulate`,
          bearer: t.access_token,
          body: { kind: 'json', value: { result } },
        },
        lang,
      ),
    );
  }

  const created =
    op.id === 'createPayment' && result?.kind === 'response' && result.json?.code === '0000' ? result.json.data : null;
  const fields = op.params.filter((p) => p.in !== 'header');
  const magic = (testData as any).magic_amounts as { amount: number; title: { zh: string; en: string } }[];

  return (
    <section className={styles.console} aria-label={label} data-console={op.id}>
      <h2>
        <Translate id="tryit.title">在线调试</Translate>
      </h2>
      <p className={styles.keyline}>
        {key ? (
          <>
            <Translate id="tryit.usingKey">使用沙箱密钥</Translate> <code>{key.app_id}</code> ·{' '}
            <Link to="/sandbox-key">
              <Translate id="tryit.manageKey">管理密钥</Translate>
            </Link>
          </>
        ) : authorized ? (
          <>
            <Translate id="tryit.noKey">还没有沙箱密钥，请求会以 401 返回。</Translate>{' '}
            <Link to="/sandbox-key">
              <Translate id="tryit.getKey">申请沙箱密钥</Translate>
            </Link>
          </>
        ) : null}
      </p>
      <form onSubmit={submit} noValidate>
        {op.id === 'createPayment' && (
          <div
            className={styles.presets}
            role="group"
            aria-label={translate({ id: 'tryit.presets', message: '魔法金额' })}
          >
            <Translate id="tryit.presets">魔法金额</Translate>:
            {magic.map((m) => (
              <button
                key={m.amount}
                type="button"
                className="button button--sm button--secondary"
                onClick={() =>
                  setForm((f) => ({ ...f, raw: false, values: { ...f.values, 'body:amount': String(m.amount) } }))
                }
              >
                {m.amount} · {pick(m.title, locale)}
              </button>
            ))}
          </div>
        )}
        {op.bodyContentTypes.length > 0 && (
          <div className={styles.row}>
            <label>
              <input
                type="checkbox"
                checked={form.raw}
                onChange={(e) => setForm((f) => ({ ...f, raw: e.target.checked }))}
              />{' '}
              <Translate id="tryit.raw">直接编辑 JSON 请求体</Translate>
            </label>
          </div>
        )}
        <div className={styles.fields}>
          {fields
            .filter((p) => !(form.raw && p.in === 'body'))
            .map((p) => (
              <Field key={fieldKey(p)} p={p} value={form.values[fieldKey(p)] ?? ''} onChange={set(p)} />
            ))}
          {form.raw && (
            <div className={styles.field}>
              <label htmlFor={`${op.id}-raw`}>
                <Translate id="tryit.rawBody">请求体（JSON）</Translate>
              </label>
              <textarea
                id={`${op.id}-raw`}
                rows={8}
                value={form.rawBody}
                onChange={(e) => setForm((f) => ({ ...f, rawBody: e.target.value }))}
                spellCheck={false}
              />
            </div>
          )}
          {op.params.some((p) => p.name === 'Idempotency-Key') && (
            <div className={styles.field}>
              <label htmlFor={`${op.id}-idem`}>Idempotency-Key</label>
              <div className={styles.row}>
                <input
                  id={`${op.id}-idem`}
                  value={form.idempotencyKey}
                  onChange={(e) => setForm((f) => ({ ...f, idempotencyKey: e.target.value }))}
                />
                <button
                  type="button"
                  className="button button--sm button--secondary"
                  onClick={() => setForm((f) => ({ ...f, idempotencyKey: crypto.randomUUID() }))}
                >
                  <Translate id="tryit.newKey">生成新键</Translate>
                </button>
              </div>
            </div>
          )}
          <div className={styles.row}>
            <div className={styles.field}>
              <label htmlFor={`${op.id}-sim`}>X-Sandbox-Simulate</label>
              <select
                id={`${op.id}-sim`}
                value={form.simulate}
                onChange={(e) => setForm((f) => ({ ...f, simulate: e.target.value as FormState['simulate'] }))}
              >
                <option value="">—</option>
                {['418', '429', '500', '503'].map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
            <div className={styles.field}>
              <label htmlFor={`${op.id}-accept`}>Accept</label>
              <select
                id={`${op.id}-accept`}
                value={form.accept}
                onChange={(e) => setForm((f) => ({ ...f, accept: e.target.value }))}
              >
                <option value="">—</option>
                <option value="application/json">application/json</option>
                {op.id === 'getBill' && <option value="text/csv">text/csv</option>}
                <option value="application/xml">application/xml</option>
              </select>
            </div>
          </div>
        </div>
        <div className={styles.row}>
          <button type="submit" className="button button--primary" disabled={sending}>
            <Translate id="tryit.send">发送请求</Translate>
          </button>
          {problem && (
            <span role="alert" className={styles.bad}>
              {problem}
            </span>
          )}
        </div>
      </form>

      <div aria-live="polite" className={styles.response} data-testid="tryit-response">
        {result?.kind === 'response' && (
          <>
            <Explained sent={result} locale={locale} />
            {result.contentType.includes('text/csv') ? (
              <table className={styles.csv}>
                <tbody>
                  {(parseCsv(result.text, { bom: true, relax_column_count: true }) as string[][]).map((row, i) => (
                    <tr key={i}>{row.map((c, j) => (i === 0 ? <th key={j}>{c}</th> : <td key={j}>{c}</td>))}</tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <CodeBlock language="json">{result.json ? JSON.stringify(result.json, null, 2) : result.text}</CodeBlock>
            )}
            <details>
              <summary>
                <Translate id="tryit.headers">响应头</Translate>
              </summary>
              <pre>{result.headers.map(([k, v]) => `${k}: ${v}`).join('\n')}</pre>
            </details>
          </>
        )}
        {result && result.kind !== 'response' && (
          <p role="alert" className={styles.bad} data-testid="browser-error">
            {result.kind === 'timeout' ? (
              <Translate id="tryit.timeout">请求超时：</Translate>
            ) : (
              <Translate id="tryit.network">浏览器无法完成请求（网络不通、沙箱未启动或被 CORS 拒绝）：</Translate>
            )}{' '}
            {result.message}
          </p>
        )}
        {created && (
          <div className={styles.row} data-testid="flow">
            <a className="button button--sm button--primary" href={created.pay_url}>
              <Translate id="tryit.cashier">打开收银台</Translate>
            </a>
            <button
              type="button"
              className="button button--sm button--secondary"
              onClick={() => void simulate('paid', created.order_id)}
            >
              <Translate id="tryit.simPaid">模拟支付成功</Translate>
            </button>
            <button
              type="button"
              className="button button--sm button--secondary"
              onClick={() => void simulate('failed', created.order_id)}
            >
              <Translate id="tryit.simFailed">模拟支付失败</Translate>
            </button>
            <Link
              className="button button--sm button--secondary"
              to={`/docs/payments/query?order_id=${created.order_id}`}
            >
              <Translate id="tryit.query">查询此订单</Translate>
            </Link>
          </div>
        )}
        {followUp?.kind === 'response' && <Explained sent={followUp} locale={locale} />}
        {followUp?.kind === 'response' && followUp.json?.data?.status && (
          <p>
            status: <code data-testid="followup-status">{followUp.json.data.status}</code>
          </p>
        )}
      </div>

      {preview && (
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
          <div className="code-tabs">
            <Tabs groupId="lang" queryString="lang" lazy>
              {LANGUAGE_TABS.map((t) => (
                <TabItem key={t.value} value={t.value} label={t.label}>
                  <CodeBlock language={t.prism}>{preview[t.value]}</CodeBlock>
                </TabItem>
              ))}
            </Tabs>
          </div>
          <p>
            <small>
              <code>{op.method}</code> <code>{preview.url}</code>
            </small>
          </p>
        </div>
      )}
    </section>
  );
}
