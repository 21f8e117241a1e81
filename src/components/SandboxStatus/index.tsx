import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Translate from '@docusaurus/Translate';
import { useEffect, useState, type ReactNode } from 'react';

type State = { kind: 'checking' } | { kind: 'up'; version: string; ms: number } | { kind: 'down'; reason: string };

/** The sandbox's live status, asked from the browser (the only host besides this site it calls). */
export default function SandboxStatus(): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  const url = String(siteConfig.customFields?.sandboxUrl ?? '');
  const [state, setState] = useState<State>({ kind: 'checking' });
  useEffect(() => {
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 5000);
    fetch(`${url}/v1/health`, { signal: controller.signal })
      .then(async (res) => {
        const body = await res.json();
        if (body.code === '0000')
          setState({ kind: 'up', version: body.data.version, ms: Math.round(performance.now() - started) });
        else setState({ kind: 'down', reason: `${res.status} ${body.sub_code ?? ''}` });
      })
      .catch((e: Error) => setState({ kind: 'down', reason: e.name === 'AbortError' ? 'timeout' : e.message }))
      .finally(() => clearTimeout(timer));
    return () => controller.abort();
  }, [url]);
  return (
    <p role="status" data-sandbox-status={state.kind}>
      <Translate id="status.label">沙箱状态：</Translate>{' '}
      {state.kind === 'checking' && <Translate id="status.checking">检查中…</Translate>}
      {state.kind === 'up' && (
        <>
          <strong>
            <Translate id="status.up">在线</Translate>
          </strong>{' '}
          · v{state.version} · {state.ms} ms · <code>{url}</code>
        </>
      )}
      {state.kind === 'down' && (
        <>
          <strong>
            <Translate id="status.down">无法连接</Translate>
          </strong>{' '}
          ({state.reason}) · <code>{url}</code> ·{' '}
          <Translate id="status.hint">本地运行 npm start 即可启动沙箱。</Translate>
        </>
      )}
    </p>
  );
}
