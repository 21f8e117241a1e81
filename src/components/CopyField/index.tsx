import Translate, { translate } from '@docusaurus/Translate';
import { useState, type ReactNode } from 'react';

/** A read-only value (a key, a secret) with a button that copies it; the button says when it did. */
export default function CopyField({ label, value, name }: { label: string; value: string; name: string }): ReactNode {
  const [copied, setCopied] = useState(false);
  return (
    <div className="margin-bottom--sm" data-key-field={name}>
      <label htmlFor={`key-${name}`}>
        <strong>{label}</strong>
      </label>
      <div style={{ display: 'flex', gap: '0.5rem' }}>
        <input
          id={`key-${name}`}
          readOnly
          value={value}
          style={{ flex: 1, fontFamily: 'var(--ifm-font-family-monospace)', padding: '0.3rem' }}
        />
        <button
          type="button"
          className="button button--sm button--secondary"
          aria-label={translate({ id: 'key.copy', message: '复制 {label}' }, { label })}
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true));
          }}
        >
          {copied ? <Translate id="key.copied">已复制</Translate> : <Translate id="key.copyShort">复制</Translate>}
        </button>
      </div>
    </div>
  );
}
