import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import { TOLERANCE_SECONDS, type Age, type Analysis } from '@site/src/lib/signature-debug.ts';
import SignedString from './SignedString.tsx';
import styles from './styles.module.css';

function AgeText({ t, age }: { t: string; age: Age }): ReactNode {
  const values = { t, seconds: Math.abs(age.seconds), tolerance: TOLERANCE_SECONDS };
  return (
    <p data-testid="sigdbg-age" data-age-status={age.status}>
      {age.seconds >= 0 ? (
        <Translate id="sigdbg.age.past" values={values}>
          {'t = {t}：{seconds} 秒前（按这台电脑的时钟）。'}
        </Translate>
      ) : (
        <Translate id="sigdbg.age.ahead" values={values}>
          {'t = {t}：比这台电脑的时钟晚 {seconds} 秒。'}
        </Translate>
      )}{' '}
      {age.status === 'ok' ? (
        <Translate id="sigdbg.age.ok" values={values}>
          {'在 {tolerance} 秒的容差内。'}
        </Translate>
      ) : age.status === 'stale' ? (
        <Translate id="sigdbg.age.stale" values={values}>
          {'太旧：超过 {tolerance} 秒，接收方会拒绝（防重放）。'}
        </Translate>
      ) : (
        <Translate id="sigdbg.age.future" values={values}>
          {'在未来：超过 {tolerance} 秒，接收方会拒绝；请检查时钟。'}
        </Translate>
      )}{' '}
      {age.looksLikeMilliseconds && (
        <Translate id="sigdbg.age.milliseconds">t 有 13 位以上，像是毫秒：签名头中的 t 是秒。</Translate>
      )}
    </p>
  );
}

/** How the verdict was reached: the signed string, the expected v1, each v1 of the header, the age. */
export default function Details({ analysis }: { analysis: Analysis }): ReactNode {
  const { header, signed, expected, matches, age } = analysis;
  if (!header) return null;
  return (
    <>
      {signed !== null && (
        <>
          <h3>
            <Translate id="sigdbg.signed">被签名的字符串（t.body）</Translate>
          </h3>
          <p>
            <Translate id="sigdbg.signedHelp">
              不可见的字符以方框标出：␊ 换行、␍ 回车、␉ 制表符、␠ 行尾空格、⟨BOM⟩ 字节顺序标记。
            </Translate>
          </p>
          <SignedString text={signed} />
        </>
      )}
      {expected !== null && (
        <>
          <h3>
            <Translate id="sigdbg.expected">期望的 v1</Translate>
          </h3>
          <p>
            <code className={styles.hex} data-testid="sigdbg-expected">
              {expected}
            </code>
          </p>
        </>
      )}
      <h3>
        <Translate id="sigdbg.headerV1">签名头中的 v1</Translate>
      </h3>
      <ol data-testid="sigdbg-v1s">
        {header.v1.map((v1, i) => (
          <li key={i} data-matched={matches[i] ? 'true' : 'false'}>
            <code className={styles.hex}>{v1}</code>{' '}
            {matches.length === 0 ? null : matches[i] ? (
              <Translate id="sigdbg.matched">✓ 匹配</Translate>
            ) : (
              <Translate id="sigdbg.notMatched">✗ 不匹配</Translate>
            )}
          </li>
        ))}
      </ol>
      {header.v1.length > 1 && (
        <p>
          <Translate id="sigdbg.rotation">
            有多个 v1：轮换通知密钥后的 24 小时内，新旧密钥各签一个（先新后旧），任意一个匹配即有效。
          </Translate>
        </p>
      )}
      <h3>
        <Translate id="sigdbg.timestamp">时间戳</Translate>
      </h3>
      {age && <AgeText t={header.t} age={age} />}
    </>
  );
}
