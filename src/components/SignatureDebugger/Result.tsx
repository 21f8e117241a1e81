import Translate, { translate } from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import type { Analysis, Cause, Verdict } from '@site/src/lib/signature-debug.ts';
import Details from './Details.tsx';
import { headerErrorText } from './header-messages.ts';
import { causeAdvice, causeTitle, differenceText, fixText } from './messages.ts';

const TONE: Record<Verdict, string> = {
  valid: 'alert--success',
  stale: 'alert--warning',
  future: 'alert--warning',
  mismatch: 'alert--danger',
  bad_header: 'alert--danger',
  missing_secret: 'alert--info',
};

function verdictTitle(verdict: Verdict): string {
  switch (verdict) {
    case 'valid':
      return translate({ id: 'sigdbg.verdict.valid', message: '✓ 签名有效' });
    case 'stale':
      return translate({ id: 'sigdbg.verdict.stale', message: '✗ 时间戳过旧' });
    case 'future':
      return translate({ id: 'sigdbg.verdict.future', message: '✗ 时间戳在未来' });
    case 'mismatch':
      return translate({ id: 'sigdbg.verdict.mismatch', message: '✗ 签名不匹配' });
    case 'bad_header':
      return translate({ id: 'sigdbg.verdict.badHeader', message: '✗ 签名头格式错误' });
    case 'missing_secret':
      return translate({ id: 'sigdbg.verdict.missingSecret', message: '缺少密钥' });
  }
}

function verdictText(a: Analysis): string {
  if (a.headerError) return headerErrorText(a.headerError);
  switch (a.verdict) {
    case 'valid':
      return translate({
        id: 'sigdbg.verdict.validText',
        message: '一个 v1 与期望的签名相同，时间戳在 5 分钟的容差内。',
      });
    case 'stale':
    case 'future':
      return translate({
        id: 'sigdbg.verdict.timeText',
        message: '签名正确，但 t 与现在相差超过 300 秒：接收方应拒绝它（防重放）。',
      });
    case 'mismatch':
      return translate({ id: 'sigdbg.verdict.mismatchText', message: '签名头中没有一个 v1 等于期望的签名。' });
    default:
      return translate({ id: 'sigdbg.verdict.missingSecretText', message: '填写 webhook_secret 后才能计算签名。' });
  }
}

function CauseBlock({ cause, attempts }: { cause: Cause; attempts: Analysis['attempts'] }): ReactNode {
  return (
    <div data-testid="sigdbg-cause" data-cause={cause.kind}>
      <h3>
        <Translate id="sigdbg.cause.heading" values={{ cause: causeTitle(cause.kind) }}>
          {'可能的原因：{cause}'}
        </Translate>
      </h3>
      {cause.fixes.length > 0 && (
        <>
          <p>
            <Translate id="sigdbg.cause.matchedAfter">重新计算后，做了这些改动签名就匹配：</Translate>
          </p>
          <ul>
            {cause.fixes.map((f) => (
              <li key={f}>{fixText(f)}</li>
            ))}
          </ul>
        </>
      )}
      {cause.differences.length > 0 && (
        <>
          <p>
            <Translate id="sigdbg.cause.differences">与沙箱发送的紧凑 JSON 相比：</Translate>
          </p>
          <ul>
            {cause.differences.map((d) => (
              <li key={d}>{differenceText(d)}</li>
            ))}
          </ul>
        </>
      )}
      <p>{causeAdvice(cause)}</p>
      {attempts.length > 0 && (
        <details>
          <summary>
            <Translate id="sigdbg.attempts" values={{ n: attempts.length }}>
              {'重新计算过的改动（{n} 种）'}
            </Translate>
          </summary>
          <ul>
            {attempts.map((a) => (
              <li key={a.fixes.join('+')}>
                {a.fixes.map(fixText).join(' + ')}:{' '}
                {a.matched ? (
                  <Translate id="sigdbg.matched">✓ 匹配</Translate>
                ) : (
                  <Translate id="sigdbg.notMatched">✗ 不匹配</Translate>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** The verdict first, then how it was reached; read out when it changes (aria-live). */
export default function Result({ analysis }: { analysis: Analysis | null }): ReactNode {
  return (
    <section
      aria-live="polite"
      aria-labelledby="sigdbg-result"
      data-testid="sigdbg-result"
      data-verdict={analysis?.verdict ?? ''}
      className="margin-top--lg"
    >
      <h2 id="sigdbg-result">
        <Translate id="sigdbg.result">结果</Translate>
      </h2>
      {!analysis && (
        <p>
          <Translate id="sigdbg.waiting">填好上面三项后按“检查签名”。</Translate>
        </p>
      )}
      {analysis && (
        <>
          <div className={`alert ${TONE[analysis.verdict]}`} data-testid="sigdbg-verdict">
            <strong>{verdictTitle(analysis.verdict)}</strong> {verdictText(analysis)}
          </div>
          {analysis.cause && <CauseBlock cause={analysis.cause} attempts={analysis.attempts} />}
          <Details analysis={analysis} />
        </>
      )}
    </section>
  );
}
