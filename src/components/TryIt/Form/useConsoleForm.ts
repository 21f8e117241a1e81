import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { useState } from 'react';
import type { FormState } from '@site/src/lib/console/build-request.ts';
import type { SandboxKey } from '@site/src/lib/console/keys.ts';
import { startForm, withKey } from '@site/src/lib/console/start-form.ts';
import type { PageOperation } from '@site/src/lib/operation-page.ts';

/** How the console's parts change the form: one field's text, or the form's other settings. */
export interface FormEditor {
  setValue(fieldKey: string, text: string): void;
  patch(change: Partial<Omit<FormState, 'values'>>): void;
}

/** What every part of the console that edits the form is given. */
export interface FormPartProps {
  op: PageOperation;
  form: FormState;
  edit: FormEditor;
}

/** The console's form, started for this visit and kept in step with the stored key. */
export function useConsoleForm(
  op: PageOperation,
  sandboxKey: SandboxKey | null | undefined,
): { form: FormState; edit: FormEditor } {
  const { siteConfig } = useDocusaurusContext();
  const [form, setForm] = useState(() =>
    startForm(op, {
      search: window.location.search,
      siteRoot: `${window.location.origin}${siteConfig.baseUrl}`,
      key: sandboxKey,
      now: Date.now(),
      uuid: () => crypto.randomUUID(),
    }),
  );
  // A key saved or cleared while the console is open (on the key page in another tab) refills
  // the fields x-console takes from it, during this render rather than in an effect after it.
  const [keyInForm, setKeyInForm] = useState(sandboxKey);
  if (keyInForm !== sandboxKey) {
    setKeyInForm(sandboxKey);
    setForm((f) => withKey(op, f, sandboxKey));
  }
  const [edit] = useState<FormEditor>(() => ({
    setValue: (fieldKey, text) => setForm((f) => ({ ...f, values: { ...f.values, [fieldKey]: text } })),
    patch: (change) => setForm((f) => ({ ...f, ...change })),
  }));
  return { form, edit };
}
