import type { ReactElement, ReactNode } from 'react';

/** One labelled input of the debugger with its help line, which screen readers read with it. */
export default function Field({
  id,
  label,
  help,
  children,
}: {
  id: string;
  label: ReactNode;
  help: ReactNode;
  children: (describedBy: string) => ReactElement;
}): ReactNode {
  return (
    <div className="margin-bottom--md">
      <label htmlFor={id}>
        <strong>{label}</strong>
      </label>
      {children(`${id}-help`)}
      <small id={`${id}-help`}>{help}</small>
    </div>
  );
}
