import Translate from '@docusaurus/Translate';
import { useEffect, useState, type ReactNode } from 'react';
import type { SuccessData } from '@site/contract/api.ts';
import type { SandboxError } from '@site/src/lib/sandbox-client.ts';
import { useSandboxClient, useSandboxUrl } from '@site/src/lib/use-sandbox-url.ts';

type State = { kind: 'checking' } | { kind: 'up'; version: string; ms: number } | { kind: 'down'; reason: string };

function reason(error: SandboxError): string {
  if (error.kind === 'api') return `${error.status} ${error.sub_code}`;
  return error.kind === 'timeout' ? 'timeout' : error.message;
}

/** The sandbox's live status, asked from the browser (the only host besides this site it calls). */
export default function SandboxStatus(): ReactNode {
  const url = useSandboxUrl();
  const client = useSandboxClient();
  const [state, setState] = useState<State>({ kind: 'checking' });
  useEffect(() => {
    const controller = new AbortController();
    void client
      .call<SuccessData<'getHealth'>>(
        { method: 'GET', path: '/v1/health' },
        { timeoutMs: 5000, signal: controller.signal },
      )
      .then((answer) => {
        if (controller.signal.aborted) return;
        setState(
          answer.ok
            ? { kind: 'up', version: answer.data.version, ms: answer.ms }
            : { kind: 'down', reason: reason(answer.error) },
        );
      });
    return () => controller.abort();
  }, [client]);
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
