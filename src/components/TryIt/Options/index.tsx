import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import type { FormState } from '@site/src/lib/console/build-request.ts';
import { acceptOptions, simulateOptions } from '@site/src/lib/console/options.ts';
import type { FormEditor, FormPartProps } from '../Form/useConsoleForm.ts';
import styles from '../styles.module.css';

/** A labelled select with a "—" for "header not sent". */
function HeaderPicker({
  id,
  name,
  value,
  options,
  onChange,
}: {
  id: string;
  name: string;
  value: string;
  options: string[];
  onChange: (v: string) => void;
}): ReactNode {
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{name}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

function IdempotencyKey({ id, form, edit }: { id: string; form: FormState; edit: FormEditor }): ReactNode {
  return (
    <div className={styles.field}>
      <label htmlFor={id}>Idempotency-Key</label>
      <div className={styles.row}>
        <input id={id} value={form.idempotencyKey} onChange={(e) => edit.patch({ idempotencyKey: e.target.value })} />
        <button
          type="button"
          className="button button--sm button--secondary"
          onClick={() => edit.patch({ idempotencyKey: crypto.randomUUID() })}
        >
          <Translate id="tryit.newKey">生成新键</Translate>
        </button>
      </div>
    </div>
  );
}

/**
 * The request headers the reader may set: Idempotency-Key where the operation takes one, a
 * simulated error from the values of its X-Sandbox-Simulate parameter, and Accept from the media
 * types it answers in plus one it does not (to see the 406).
 */
export default function Options({ op, form, edit }: FormPartProps): ReactNode {
  const simulate = simulateOptions(op);
  return (
    <>
      {op.params.some((p) => p.name === 'Idempotency-Key') && (
        <IdempotencyKey id={`${op.id}-idem`} form={form} edit={edit} />
      )}
      <div className={styles.row}>
        {simulate.length > 0 && (
          <HeaderPicker
            id={`${op.id}-sim`}
            name="X-Sandbox-Simulate"
            value={form.simulate}
            options={simulate}
            onChange={(v) => edit.patch({ simulate: v })}
          />
        )}
        <HeaderPicker
          id={`${op.id}-accept`}
          name="Accept"
          value={form.accept}
          options={acceptOptions(op)}
          onChange={(v) => edit.patch({ accept: v })}
        />
      </div>
    </>
  );
}
