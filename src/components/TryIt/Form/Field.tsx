import { useId, type ReactNode } from 'react';
import type { ParamRow } from '@site/src/lib/operation-page.ts';
import styles from '../styles.module.css';

/** One parameter as a labelled input, or a select when the contract lists its values. */
export default function Field({
  p,
  value,
  onChange,
}: {
  p: ParamRow;
  value: string;
  onChange: (v: string) => void;
}): ReactNode {
  const id = useId();
  return (
    <div className={styles.field}>
      <label htmlFor={id}>
        {p.name}
        {p.required && (
          <span className={styles.req} aria-hidden="true">
            *
          </span>
        )}{' '}
        <small>({p.type})</small>
      </label>
      {p.enum && p.kind !== 'array' ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={p.required}>
          {!p.required && <option value="">—</option>}
          {p.enum.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          required={p.required}
          inputMode={p.kind === 'integer' || p.kind === 'number' ? 'decimal' : undefined}
          placeholder={p.example ?? ''}
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </div>
  );
}
