import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import { successJson, valueAt } from '@site/src/lib/console/follow-ups.ts';
import { BrowserError, StatusLine } from '../Response/index.tsx';
import type { Answer, Progress as Watched } from '../Send/useSend.ts';

/** The status of each 0000 answer, a repeat of the one before left out: pending → succeeded. */
function steps(answers: Answer[]): string[] {
  const statuses = answers.map((a) => valueAt(successJson(a), 'data.status')).filter((s) => s != null);
  return statuses.map(String).filter((s, i, all) => i === 0 || s !== all[i - 1]);
}

/**
 * What the console saw after the answer while it asked again by itself (x-console poll): each
 * status the thing went through, the last one marked, and an answer that was not a 0000.
 */
export default function Progress({ first, progress }: { first: Answer | null; progress: Watched }): ReactNode {
  if (!first || (!progress.watching && progress.answers.length === 0)) return null;
  const seen = steps([first, ...progress.answers]);
  const last = progress.answers.at(-1);
  const failed = last && !successJson(last) ? last : null;
  return (
    <div data-testid="progress" data-watching={progress.watching}>
      <p>
        <Translate id="tryit.progress">进度</Translate>:{' '}
        {seen.map((s, i) => (
          <span key={i}>
            {i > 0 && ' → '}
            <code data-testid={i === seen.length - 1 ? 'progress-status' : undefined}>{s}</code>
          </span>
        ))}
        {progress.watching && (
          <>
            {' '}
            · <Translate id="tryit.watching">每秒自动查询一次…</Translate>
          </>
        )}
      </p>
      {failed && (failed.kind === 'response' ? <StatusLine sent={failed} /> : <BrowserError failure={failed} />)}
      {!progress.watching && !failed && seen.length === 1 && (
        <p>
          <Translate id="tryit.stillWaiting">暂时还没有结果，请稍后再查询。</Translate>
        </p>
      )}
    </div>
  );
}
