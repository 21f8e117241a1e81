import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { translate } from '@docusaurus/Translate';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { storedKey, tokenCache } from '@site/src/lib/browser-state.ts';
import type { FormState } from '@site/src/lib/console/build-request.ts';
import { successJson, type ReadyFollowUp } from '@site/src/lib/console/follow-ups.ts';
import { nextPoll, watch } from '@site/src/lib/console/poll.ts';
import { sendForm, sendSpec, type Problem, type SendContext, type Sent } from '@site/src/lib/console/send.ts';
import type { PageOperation } from '@site/src/lib/operation-page.ts';
import type { Exchange, Failure } from '@site/src/lib/sandbox-client.ts';
import { useSandboxClient } from '@site/src/lib/use-sandbox-url.ts';

export type Answer = Exchange | Failure;

/** What the console asked by itself after the answer (x-console poll), and whether it still asks. */
export interface Progress {
  answers: Answer[];
  watching: boolean;
}

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

const NO_PROGRESS: Progress = { answers: [], watching: false };
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sending the form and the follow-up calls, what came back from each, and the progress after it. */
export function useSend(op: PageOperation, form: FormState) {
  const client = useSandboxClient();
  const { i18n } = useDocusaurusContext();
  const acceptLanguage = i18n.currentLocale.startsWith('en') ? 'en' : 'zh-CN';
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<Answer | null>(null);
  const [followUp, setFollowUp] = useState<Answer | null>(null);
  const [progress, setProgress] = useState<Progress>(NO_PROGRESS);
  /** The newest 0000 answer about what the form made: follow-ups' `when` is checked on it. */
  const [latest, setLatest] = useState<Answer | null>(null);
  // Each send starts a new generation; a watch of an older one (or after unmount) stops asking.
  const generation = useRef(0);
  useEffect(() => () => void generation.current++, []);

  // Read when the reader clicks: the key stored now, not the one an earlier render saw.
  const context = (): SendContext => ({
    client,
    tokens: tokenCache(client),
    key: storedKey()?.key ?? null,
    acceptLanguage,
  });
  const keepIfSuccess = (answer: Answer) => {
    if (successJson(answer)) setLatest(answer);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const mine = ++generation.current;
    setProblem(null);
    setFollowUp(null);
    setProgress(NO_PROGRESS);
    setSending(true);
    const sent = await sendForm(op, form, context());
    setSending(false);
    if (sent.kind === 'invalid') {
      setProblem(problemText(sent.problem));
      return;
    }
    const answer = answerOf(sent);
    setResult(answer);
    setLatest(answer);
    if (!nextPoll(op.console?.poll, answer, client.baseUrl)) return;
    setProgress({ answers: [], watching: true });
    await watch({
      poll: op.console?.poll,
      first: answer,
      baseUrl: client.baseUrl,
      send: async (spec, authorized) => answerOf(await sendSpec(spec, authorized, context())),
      wait,
      active: () => generation.current === mine,
      onAnswer: (a) => {
        setProgress((p) => ({ ...p, answers: [...p.answers, a] }));
        keepIfSuccess(a);
      },
    });
    if (generation.current === mine) setProgress((p) => ({ ...p, watching: false }));
  }

  async function follow(call: Extract<ReadyFollowUp, { kind: 'call' }>) {
    const answer = answerOf(await sendSpec(call.spec, call.authorized, context()));
    setFollowUp(answer);
    keepIfSuccess(answer);
  }

  return { sending, problem, result, followUp, progress, latest, submit, follow };
}
