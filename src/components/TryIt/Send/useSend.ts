import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { translate } from '@docusaurus/Translate';
import { useState, type FormEvent } from 'react';
import { storedKey, tokenCache } from '@site/src/lib/browser-state.ts';
import type { FormState } from '@site/src/lib/console/build-request.ts';
import type { ReadyFollowUp } from '@site/src/lib/console/follow-ups.ts';
import { sendForm, sendSpec, type Problem, type SendContext, type Sent } from '@site/src/lib/console/send.ts';
import type { PageOperation } from '@site/src/lib/operation-page.ts';
import type { Exchange, Failure } from '@site/src/lib/sandbox-client.ts';
import { useSandboxClient } from '@site/src/lib/use-sandbox-url.ts';

export type Answer = Exchange | Failure;

function problemText(problem: Problem): string {
  return problem.reason === 'json'
    ? translate({ id: 'tryit.badJson', message: '请求体不是合法的 JSON' })
    : `${problem.param}: ${translate({ id: 'tryit.missing', message: '必填' })}`;
}

/** A token that could not be had is shown like the browser failing the request. */
function answerOf(sent: Sent): Answer {
  if (sent.kind === 'answered') return sent.answer;
  return {
    kind: 'network',
    ms: 0,
    message: translate({ id: 'tryit.tokenFailed', message: '无法获取 Token：' }) + sent.message,
  };
}

/** Sending the form and the follow-up calls, and what came back from each. */
export function useSend(op: PageOperation, form: FormState) {
  const client = useSandboxClient();
  const { i18n } = useDocusaurusContext();
  const acceptLanguage = i18n.currentLocale.startsWith('en') ? 'en' : 'zh-CN';
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<Answer | null>(null);
  const [followUp, setFollowUp] = useState<Answer | null>(null);

  // Read when the reader clicks: the key stored now, not the one an earlier render saw.
  const context = (): SendContext => ({
    client,
    tokens: tokenCache(client),
    key: storedKey()?.key ?? null,
    acceptLanguage,
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setFollowUp(null);
    setSending(true);
    const sent = await sendForm(op, form, context());
    setSending(false);
    if (sent.kind === 'invalid') setProblem(problemText(sent.problem));
    else setResult(answerOf(sent));
  }

  async function follow(call: Extract<ReadyFollowUp, { kind: 'call' }>) {
    setFollowUp(answerOf(await sendSpec(call.spec, call.authorized, context())));
  }

  return { sending, problem, result, followUp, submit, follow };
}
