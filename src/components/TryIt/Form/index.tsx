import type { ReactNode } from 'react';
import { fieldKey } from '@site/src/lib/console/build-request.ts';
import Field from './Field.tsx';
import { RawBody } from './RawBody.tsx';
import type { FormPartProps } from './useConsoleForm.ts';

/**
 * The operation's path, query and body fields (headers have their own pickers), with the body
 * as JSON text instead of its fields when the reader edits it raw.
 */
export default function Fields({ op, form, edit }: FormPartProps): ReactNode {
  return (
    <>
      {op.params
        .filter((p) => p.in !== 'header' && !(form.raw && p.in === 'body'))
        .map((p) => (
          <Field
            key={fieldKey(p)}
            p={p}
            value={form.values[fieldKey(p)] ?? ''}
            onChange={(v) => edit.setValue(fieldKey(p), v)}
          />
        ))}
      {form.raw && <RawBody id={`${op.id}-raw`} form={form} edit={edit} />}
    </>
  );
}
