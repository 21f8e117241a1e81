/**
 * 在线调试: a form generated from the operation, sent to the real sandbox, with the answer
 * explained and the exact request shown as code in the page's language. The parts live in the
 * folders beside this file; what an operation adds to them comes from its x-console.
 */
import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import { orderWithEvents } from '@site/src/lib/console/events.ts';
import { successJson } from '@site/src/lib/console/follow-ups.ts';
import type { PageOperation } from '@site/src/lib/operation-page.ts';
import { useSandboxKey } from '@site/src/lib/use-sandbox-key.ts';
import CodePreview from './CodePreview/index.tsx';
import FollowUps from './FollowUps/index.tsx';
import Fields from './Form/index.tsx';
import InlineEvents from './InlineEvents/index.tsx';
import PayWayHint from './Form/PayWayHint.tsx';
import Presets from './Form/Presets.tsx';
import { RawToggle } from './Form/RawBody.tsx';
import { useConsoleForm } from './Form/useConsoleForm.ts';
import KeyBar from './KeyBar/index.tsx';
import Options from './Options/index.tsx';
import Progress from './Progress/index.tsx';
import Response from './Response/index.tsx';
import SendBar from './Send/index.tsx';
import { useSend } from './Send/useSend.ts';
import styles from './styles.module.css';

export default function Console({ op, label }: { op: PageOperation; label: string }): ReactNode {
  const sandboxKey = useSandboxKey();
  const { form, edit } = useConsoleForm(op, sandboxKey);
  const send = useSend(op, form);
  return (
    <section className={styles.console} aria-label={label} data-console={op.id}>
      <h2>
        <Translate id="tryit.title">在线调试</Translate>
      </h2>
      <KeyBar sandboxKey={sandboxKey} authorized={op.scopes !== null} />
      <form onSubmit={(e) => void send.submit(e)} noValidate>
        <Presets op={op} edit={edit} />
        {op.bodyContentTypes.length > 0 && <RawToggle form={form} edit={edit} />}
        <div className={styles.fields}>
          <Fields op={op} form={form} edit={edit} />
          <Options op={op} form={form} edit={edit} />
        </div>
        <PayWayHint op={op} form={form} edit={edit} />
        <SendBar ready={sandboxKey !== undefined} sending={send.sending} problem={send.problem} />
      </form>
      <div aria-live="polite" className={styles.response} data-testid="tryit-response">
        {send.result && <Response answer={send.result} />}
        <Progress first={send.result} progress={send.progress} />
        <FollowUps
          op={op}
          result={send.result}
          followUp={send.followUp}
          latest={send.latest}
          onCall={(c) => void send.follow(c)}
        />
        <InlineEvents orderId={orderWithEvents(successJson(send.latest))} since={send.latest} />
      </div>
      <CodePreview op={op} form={form} hasKey={Boolean(sandboxKey)} />
    </section>
  );
}
