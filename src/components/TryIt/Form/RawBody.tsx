import Translate from '@docusaurus/Translate';
import type { ReactNode } from 'react';
import type { FormState } from '@site/src/lib/console/build-request.ts';
import styles from '../styles.module.css';
import type { FormEditor } from './useConsoleForm.ts';

/** The switch between the body's fields and the body as JSON text. */
export function RawToggle({ form, edit }: { form: FormState; edit: FormEditor }): ReactNode {
  return (
    <div className={styles.row}>
      <label>
        <input type="checkbox" checked={form.raw} onChange={(e) => edit.patch({ raw: e.target.checked })} />{' '}
        <Translate id="tryit.raw">直接编辑 JSON 请求体</Translate>
      </label>
    </div>
  );
}

/** The body as JSON text, sent as typed (invalid JSON is pointed out before sending). */
export function RawBody({ id, form, edit }: { id: string; form: FormState; edit: FormEditor }): ReactNode {
  return (
    <div className={styles.field}>
      <label htmlFor={id}>
        <Translate id="tryit.rawBody">请求体（JSON）</Translate>
      </label>
      <textarea
        id={id}
        rows={8}
        value={form.rawBody}
        onChange={(e) => edit.patch({ rawBody: e.target.value })}
        spellCheck={false}
      />
    </div>
  );
}
