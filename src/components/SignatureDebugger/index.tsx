import Translate from '@docusaurus/Translate';
import { useRef, useState, type ReactNode } from 'react';
import { analyseSignature, type Analysis } from '@site/src/lib/signature-debug.ts';
import Field from './Field.tsx';
import FillFromInbox, { type Pasted } from './FillFromInbox.tsx';
import Result from './Result.tsx';
import styles from './styles.module.css';

const EMPTY: Pasted = { header: '', body: '', secret: '' };

/** The three pasted values, checked in this browser when the reader asks; nothing leaves the page. */
export default function SignatureDebugger(): ReactNode {
  const [values, setValues] = useState<Pasted>(EMPTY);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  // Only the latest check may show: an earlier one still signing must not overwrite it.
  const latest = useRef(0);

  async function check(pasted: Pasted) {
    const run = ++latest.current;
    const result = await analyseSignature({ ...pasted, nowMs: Date.now() });
    if (run === latest.current) setAnalysis(result);
  }
  // Browsers must not "correct" a signature, a body or a secret as if they were prose.
  const common = (help: string) => ({
    className: styles.field,
    'aria-describedby': help,
    autoComplete: 'off',
    autoCorrect: 'off',
    autoCapitalize: 'off',
    spellCheck: false,
  });
  const set = (field: keyof Pasted) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  return (
    <>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void check(values);
        }}
      >
        <Field
          id="sigdbg-header"
          label={<Translate id="sigdbg.header">JuYiFu-Signature 头</Translate>}
          help={
            <Translate id="sigdbg.headerHelp">形如 t=1764161422,v1=5f0c…；整行“JuYiFu-Signature: …”也可以。</Translate>
          }
        >
          {(help) => <input id="sigdbg-header" {...common(help)} value={values.header} onChange={set('header')} />}
        </Field>
        <Field
          id="sigdbg-body"
          label={<Translate id="sigdbg.body">原始请求体</Translate>}
          help={<Translate id="sigdbg.bodyHelp">原样粘贴你的服务器收到的请求体：每个空格和换行都参与签名。</Translate>}
        >
          {(help) => (
            <textarea
              id="sigdbg-body"
              {...common(help)}
              className={styles.body}
              rows={8}
              value={values.body}
              onChange={set('body')}
            />
          )}
        </Field>
        <Field
          id="sigdbg-secret"
          label="webhook_secret"
          help={<Translate id="sigdbg.secretHelp">以 whsec_ 开头，在申请沙箱密钥页上。</Translate>}
        >
          {(help) => <input id="sigdbg-secret" {...common(help)} value={values.secret} onChange={set('secret')} />}
        </Field>
        <button type="submit" className="button button--primary">
          <Translate id="sigdbg.check">检查签名</Translate>
        </button>
      </form>
      <FillFromInbox
        onFill={(pasted) => {
          setValues(pasted);
          void check(pasted);
        }}
      />
      <Result analysis={analysis} />
    </>
  );
}
